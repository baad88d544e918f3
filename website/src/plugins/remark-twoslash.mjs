// remark-twoslash: every ```ts sample in the docs is type-checked against the real packages while
// the site builds, and rendered by Shiki with Twoslash hover types (hover an identifier to see its
// type, as in an editor). A sample that does not typecheck fails the build with the page, the line
// and TypeScript's own message.
//
// Runs as a remark plugin (before Docusaurus's own): each `code` node in TypeScript becomes a
// <TwoslashCode html=… code=… title=…/> element, which website/src/components/TwoslashCode.tsx
// renders (with a copy button and the title bar). Opt a block out with the meta word `notwoslash`.
// The samples resolve `pep3156` and `pep3156-conformance` to their TypeScript sources (the "source"
// export condition), so the site needs no separate build of the packages to check them.
import { readFileSync } from 'node:fs';
import { transformerTwoslash } from '@shikijs/twoslash';
import { createHighlighter } from 'shiki';

/** Light and dark themes whose comments and tokens pass WCAG AA contrast on their backgrounds. */
export const themes = { light: 'github-light-default', dark: 'github-dark-default' };

const LANGS = new Set(['ts', 'typescript']);

/** The compiler options of tsconfig.base.json that matter to a sample, as TypeScript's enums. */
const compilerOptions = {
  target: 9, // ES2022
  module: 99, // ESNext
  moduleResolution: 100, // Bundler
  moduleDetection: 3, // Force: every sample is a module
  customConditions: ['source'],
  strict: true,
  noImplicitOverride: true,
  verbatimModuleSyntax: true,
  skipLibCheck: true,
  lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
  types: ['node'],
};

/**
 * TSDoc text as HTML nodes (hast) for the hover popups: `{@link url text}` becomes a link,
 * `{@link Name}` and `` `code` `` become code, blank lines separate paragraphs. Twoslash's default
 * shows the text raw, `{@link …}` and all.
 */
export function renderDocs(text) {
  const paragraphs = String(text)
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  const nodes = paragraphs.map((p) => ({
    type: 'element',
    tagName: 'p',
    properties: {},
    children: renderInline(p),
  }));
  return nodes.length === 1 ? nodes[0].children : nodes;
}

const LINK = /\{@link(?:code|plain)?\s+([^\s|}]+)\s*(?:\|\s*)?([^}]*)\}|`([^`]+)`/g;

/** One line of TSDoc text as hast nodes: links, code spans and text. */
export function renderInline(text) {
  const out = [];
  const source = String(text).replace(/\s*\n\s*/g, ' ');
  let last = 0;
  for (const m of source.matchAll(LINK)) {
    if (m.index > last) out.push({ type: 'text', value: source.slice(last, m.index) });
    last = m.index + m[0].length;
    if (m[3] !== undefined) {
      out.push({
        type: 'element',
        tagName: 'code',
        properties: {},
        children: [{ type: 'text', value: m[3] }],
      });
      continue;
    }
    const [target, label] = [m[1], m[2].trim()];
    if (/^https?:\/\//.test(target)) {
      out.push({
        type: 'element',
        tagName: 'a',
        properties: { href: target },
        children: [{ type: 'text', value: label || target }],
      });
    } else {
      out.push({
        type: 'element',
        tagName: 'code',
        properties: {},
        children: [{ type: 'text', value: label || target }],
      });
    }
  }
  if (last < source.length) out.push({ type: 'text', value: source.slice(last) });
  return out;
}

// ---- "Open in playground" ------------------------------------------------------------------------
const CORE = new URL('../../../reference-impl/src/core.ts', import.meta.url);
let coreNames;
/** The value names pep3156/core exports (what the playground has in the browser). */
function coreExports() {
  if (coreNames) return coreNames;
  const source = readFileSync(CORE, 'utf8');
  coreNames = new Set();
  for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of m[1].split(',')) {
      const name = part.trim();
      if (!name || name.startsWith('type ')) continue;
      coreNames.add(
        name
          .split(/\s+as\s+/)
          .pop()
          .trim(),
      );
    }
  }
  const declared = /export\s+(?:const|function\*?|class)\s+([A-Za-z_$][\w$]*)/g;
  for (const m of source.matchAll(declared)) coreNames.add(m[1]);
  for (const m of source.matchAll(/export\s*\*\s*from\s*'(\.[^']+)\.js'/g)) {
    const file = readFileSync(new URL(`${m[1]}.ts`, CORE), 'utf8');
    for (const d of file.matchAll(declared)) coreNames.add(d[1]);
  }
  return coreNames;
}

/**
 * Whether a sample runs in the playground as printed: it imports only from pep3156 (or its core
 * and spec subpaths), only names that pep3156/core has, and touches no Node module.
 */
export function runsInPlayground(code) {
  const imports = [...code.matchAll(/^\s*import\s+(type\s+)?([\s\S]*?)\s+from\s+['"]([^'"]+)['"]/gm)];
  if (imports.length === 0 || /\bprocess\.|\brequire\(/.test(code)) return false;
  // The loop of the browser has no network, pipes, subprocesses, signals or executor.
  if (
    /\.(create\w*(Server|Connection|Endpoint)|getaddrinfo|getnameinfo|subprocess\w*|connect\w*Pipe|sock[A-Z]\w*|runInExecutor|add(Reader|Writer|SignalHandler))\(|\b(open\w*Connection|start\w*Server|createSubprocess\w*|toThread)\(/.test(
      code,
    )
  )
    return false;
  const names = coreExports();
  for (const [, typeOnly, clause, from] of imports) {
    if (!/^pep3156(\/core|\/spec)?$/.test(from)) return false;
    if (typeOnly) continue;
    const named = /^\{([\s\S]*)\}$/.exec(clause.trim());
    if (!named) return false;
    for (const part of named[1].split(',')) {
      const name = part.trim().split(/\s+as\s+/)[0];
      if (name && !name.startsWith('type ') && !names.has(name)) return false;
    }
  }
  return true;
}

/** The part of a playground link after `#code=`: base64url of the code's UTF-8. */
export function playgroundFragment(code) {
  return Buffer.from(code, 'utf8').toString('base64url');
}

let shared;
/** One highlighter and one transformer (with its TypeScript language service cache) per process. */
function renderer() {
  shared ??= createHighlighter({ themes: Object.values(themes), langs: ['ts'] }).then((highlighter) => ({
    highlighter,
    transformer: transformerTwoslash({
      throws: true,
      twoslashOptions: { compilerOptions },
      rendererRich: { renderMarkdown: renderDocs, renderMarkdownInline: (text) => renderInline(text) },
    }),
  }));
  return shared;
}

/** Renders one TypeScript sample to HTML with hover types; throws when it does not typecheck. */
export async function renderSample(code) {
  const { highlighter, transformer } = await renderer();
  return highlighter.codeToHtml(code, { lang: 'ts', themes, transformers: [transformer] });
}

/** The code a reader copies: the sample without Twoslash's own markup (`// ^?`, `// @errors: …`). */
export function copyableCode(code) {
  return code
    .split('\n')
    .filter((line) => !/^\s*\/\/\s*(\^\?|\^\||@[a-zA-Z]+:?)/.test(line))
    .join('\n');
}

function collect(node, found) {
  for (const [index, child] of (node.children ?? []).entries()) {
    if (child.type === 'code' && LANGS.has(child.lang) && !/\bnotwoslash\b/.test(child.meta ?? '')) {
      found.push({ parent: node, index, node: child });
    } else {
      collect(child, found);
    }
  }
  return found;
}

const attribute = (name, value) => ({ type: 'mdxJsxAttribute', name, value });

/**
 * The plugin. Options: `exclude`, regular expressions matched against the page's path (the
 * generated API reference holds signatures, not samples).
 */
export default function remarkTwoslash(options = {}) {
  const exclude = options.exclude ?? [];
  return async (tree, file) => {
    if (exclude.some((re) => re.test(file.path ?? ''))) return;
    for (const { parent, index, node } of collect(tree, [])) {
      let html;
      try {
        html = await renderSample(node.value);
      } catch (error) {
        const detail = [error.title, error.description, error.recommendation].filter(Boolean).join('\n');
        file.fail(
          `this TypeScript sample does not typecheck against the real packages:\n${detail || error.message}`,
          node,
          'remark-twoslash',
        );
      }
      const title = /\btitle="([^"]*)"/.exec(node.meta ?? '')?.[1];
      parent.children[index] = {
        type: 'mdxJsxFlowElement',
        name: 'TwoslashCode',
        attributes: [
          attribute('html', html),
          attribute('code', copyableCode(node.value)),
          ...(title ? [attribute('title', title)] : []),
          ...(runsInPlayground(copyableCode(node.value))
            ? [attribute('playground', playgroundFragment(copyableCode(node.value)))]
            : []),
        ],
        children: [],
        position: node.position,
      };
    }
  };
}
