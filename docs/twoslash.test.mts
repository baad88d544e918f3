// The build-time type check of the docs' samples (website/src/plugins/remark-twoslash.mjs): a
// sample that typechecks is rendered with hover types, one that does not fails the page's build.
import type { Code, Root } from 'mdast';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import remarkTwoslash, { copyableCode } from '../website/src/plugins/remark-twoslash.mjs';

const code = (value: string, meta: string | null = null, lang = 'ts'): Code => ({
  type: 'code',
  lang,
  meta,
  value,
  position: { start: { line: 7, column: 1 }, end: { line: 9, column: 4 } },
});

async function transform(nodes: Code[], path = '/site/docs/spec/page.mdx'): Promise<Root> {
  const tree: Root = { type: 'root', children: nodes };
  await remarkTwoslash({ exclude: [/[\\/]docs[\\/]api[\\/]/] })(tree, new VFile({ path }));
  return tree;
}

const attributes = (node: unknown): Record<string, string> =>
  Object.fromEntries(
    (node as { attributes: { name: string; value: string }[] }).attributes.map((a) => [a.name, a.value]),
  );

const GOOD = [
  "import { type Coroutine, sleep } from 'pep3156';",
  'function* twice(x: number): Coroutine<number> {',
  '  yield* sleep(0);',
  '  return 2 * x;',
  '}',
  'function* main(): Coroutine<void> {',
  '  const doubled = yield* twice(21);',
  '  //    ^?',
  '  console.log(doubled);',
  '}',
  'export { main };',
].join('\n');

describe('TypeScript samples are type-checked and rendered with hover types at build time', () => {
  it('replaces a ts sample by a TwoslashCode element with highlighted HTML, title and copyable code', async () => {
    const tree = await transform([code(GOOD, 'title="double.ts" norun')]);
    const [node] = tree.children as unknown as { type: string; name: string }[];
    expect(node?.type).toBe('mdxJsxFlowElement');
    expect(node?.name).toBe('TwoslashCode');
    const { html, title, code: copied } = attributes(node);
    expect(title).toBe('double.ts');
    expect(copied).toBe(copyableCode(GOOD));
    expect(copied).not.toContain('^?');
    expect(html).toContain('class="twoslash-hover"');
    // The hover text of `sleep` is its signature from the real package.
    const text = html?.replace(/<[^>]+>/g, '').replace(/&#x3C;/g, '<');
    expect(text).toMatch(/function sleep\(delay: number/);
    // The `^?` query shows the type the compiler inferred for `doubled`.
    expect(html).toContain('twoslash-query-persisted');
    expect(text).toMatch(/const doubled: number/);
  }, 60_000);

  it('fails the page with the line and TypeScript’s message when a sample does not typecheck', async () => {
    const bad = "import { sleep } from 'pep3156';\nconst n: string = sleep(0);\nexport { n };";
    const failure = await transform([code(bad)]).then(
      () => null,
      (e: Error & { line?: number }) => e,
    );
    expect(failure, 'the build fails').toBeInstanceOf(Error);
    expect(failure?.message).toMatch(/does not typecheck/);
    expect(failure?.message).toMatch(/2322|not assignable/);
    expect(failure?.line, 'the error points at the sample').toBe(7);
  }, 60_000);

  it('fails on an import the packages do not export', async () => {
    const bad = "import { noSuchThing } from 'pep3156';\nexport { noSuchThing };";
    await expect(transform([code(bad)])).rejects.toThrow(/does not typecheck/);
  }, 60_000);

  it('leaves other languages, opted-out samples and the API reference alone', async () => {
    const py = code('print(1)', null, 'python');
    const opted = code('const x: string = 1;', 'notwoslash');
    const tree = await transform([py, opted]);
    expect(tree.children).toEqual([py, opted]);
    const api = code('const x: string = 1;');
    const apiTree = await transform([api], '/site/docs/api/index.md');
    expect(apiTree.children).toEqual([api]);
  });

  it('strips Twoslash markup from the copyable code only', () => {
    expect(copyableCode('const a = 1;\n//    ^?\n// @errors: 2322\nconst b = a;')).toBe(
      'const a = 1;\nconst b = a;',
    );
  });
});
