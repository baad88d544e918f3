// Types of remark-twoslash.mjs, for the tests and docusaurus.config.ts.
import type { Root } from 'mdast';
import type { VFile } from 'vfile';

/** Light and dark Shiki themes of the samples. */
export declare const themes: { light: string; dark: string };
/** Renders one TypeScript sample to HTML with hover types; rejects when it does not typecheck. */
export declare function renderSample(code: string): Promise<string>;
/** The sample without Twoslash's own markup, as a reader copies it. */
export declare function copyableCode(code: string): string;
/** The remark plugin; `exclude` lists patterns of page paths to leave alone. */
export default function remarkTwoslash(options?: {
  exclude?: RegExp[];
}): (tree: Root, file: VFile) => Promise<void>;
/** TSDoc text as hast nodes: links, code spans, paragraphs. */
export declare function renderDocs(text: string): unknown[];
/** One line of TSDoc text as hast nodes. */
export declare function renderInline(text: string): unknown[];
