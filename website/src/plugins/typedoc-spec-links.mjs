// typedoc-spec-links: gives each entry of the API reference the spec statements that govern it, as a
// "Spec Statements" section of links to the statements' anchors on the spec pages. The pairs come
// from website/src/data/rosetta.generated.json (scripts/gen-rosetta.mjs: each TypeScript name of the
// inventory, its API page and the statements that name it), the same data that gives each
// <Statement> its links back to the API (website/src/plugins/remark-statement-refs.mjs), so the
// links go both ways. A link to a statement that does not exist fails the site build.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Comment, CommentTag, Converter, ReflectionKind } from 'typedoc';

const data = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../data');
const read = (file) => JSON.parse(readFileSync(path.join(data, file), 'utf8'));
const statementsFile = path.resolve(data, '../../../spec-tests/src/statements.generated.json');

/** The block tag the section is written as; TypeDoc titles it "Spec Statements". */
export const TAG = '@specStatements';

/**
 * Statement ids by TypeScript name (`gather`, `StreamReader.readuntil`) and the module that
 * documents the name (`pep3156`, or `pep3156/spec` for the interfaces documented there).
 * @returns {Map<string, { module: string, ids: string[] }>}
 */
export function statementsByName() {
  const byName = new Map();
  for (const group of read('rosetta.generated.json').groups) {
    for (const row of group.rows) {
      if (!row.ts || !row.api || row.statements.length === 0) continue;
      const module = row.api.startsWith('/docs/api/pep3156/spec/') ? 'pep3156/spec' : 'pep3156';
      const entry = byName.get(row.ts) ?? { module, ids: [] };
      for (const s of row.statements) if (!entry.ids.includes(s.id)) entry.ids.push(s.id);
      byName.set(row.ts, entry);
    }
  }
  return byName;
}

/**
 * The first sentence of a statement, as markdown that MDX reads as text (`<`, `>`, `{`, `}` escaped
 * outside code); the statement's anchor has the rest.
 */
function firstSentence(text, page) {
  const [first = text] = text.split(/(?<=[.:;])\s+(?=[A-Z*])/);
  return first
    .replace(/\]\(#/g, `](${page}#`)
    .replace(/\]\(\.\/([\w-]+?)(?:\.mdx)?(#[^)]*)?\)/g, '](/docs/spec/$1$2)')
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/[<>{}]/g, (c) => `\\${c}`)))
    .join('');
}

/** The reflection whose comment a page shows for `reflection`: a function's first signature. */
function commented(reflection) {
  const target = reflection.signatures?.[0] ?? reflection.getSignature ?? reflection;
  target.comment ??= new Comment();
  return target.comment;
}

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    const statements = JSON.parse(readFileSync(statementsFile, 'utf8'));
    const modules = new Map(context.project.getChildrenByKind(ReflectionKind.Module).map((m) => [m.name, m]));
    let linked = 0;
    for (const [name, { module, ids }] of statementsByName()) {
      const [owner, member] = name.split('.');
      const top = modules.get(module)?.getChildByName(owner);
      const reflection = member === undefined ? top : top?.getChildByName?.(member);
      if (!reflection) continue;
      const lines = ids.map((id) => {
        const s = statements[id];
        if (!s) throw new Error(`typedoc-spec-links: ${name} names statement ${id}, which the spec lacks`);
        return `- [${id}](${s.page}): ${firstSentence(s.text, s.page.split('#')[0])}`;
      });
      const comment = commented(reflection);
      comment.blockTags = comment.blockTags.filter((t) => t.tag !== TAG);
      comment.blockTags.push(new CommentTag(TAG, [{ kind: 'text', text: lines.join('\n') }]));
      linked += 1;
    }
    app.logger.info(`typedoc-spec-links: ${linked} API entries link to the spec statements that govern them`);
  });
}
