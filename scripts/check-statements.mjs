#!/usr/bin/env node
// `npm run statements`: the statement-coverage check.
//
// 1. Extracts every `<Statement id="…" pep="…" level="…">text</Statement>` from docs/**/*.mdx into
//    spec-tests/src/statements.generated.json ({ id: { text, pep, page, level } }).
// 2. Finds the tests that cite each statement: `statement('<id>', '<title>', …)` calls in
//    spec-tests/tests/**/*.test.ts for normative statements, test names containing `[<id>]` (or the
//    quoted id) in reference-impl/test/** for `level="reference"` ones, and writes
//    website/src/data/statement-tests.json ({ id: [{ file, test }] }).
// 3. Finds the Python twins (`@statement("<id>")` on a test method in spec-tests/python/**/test_*.py)
//    and writes website/src/data/statement-twins.json ({ id: [{ file, test }] }). When the tree has
//    spec-tests/python/, every normative statement needs a twin or a `tsOnly="<reason>"` attribute
//    (no Python meaning), a tsOnly statement may have no twin, and at least TWIN_TARGET of the
//    normative statements must have one.
// 4. Fails (exit 1) when a statement has no test, a test or twin cites an unknown id, an id is
//    declared twice or is malformed; prints the coverage "covered / total".
//
// Options: --check  do not write; fail when a generated file is stale (for CI)
//          --quiet  print only problems and the coverage line
//          --root DIR  work on another tree (the script's own tests use a fixture tree)
//          --twin-target X  the share of normative statements that must have a twin (default 0.9)
// Output is deterministic (keys sorted, no timestamps), so regenerating leaves git clean.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const argv = process.argv.slice(2);
const rootArg = argv.indexOf('--root');
const root = path.resolve(
  rootArg >= 0 ? argv[rootArg + 1] : path.join(path.dirname(fileURLToPath(import.meta.url)), '..'),
);
const args = new Set(argv);
const checkOnly = args.has('--check');
const quiet = args.has('--quiet');

const STATEMENTS_FILE = 'spec-tests/src/statements.generated.json';
const TESTS_FILE = 'website/src/data/statement-tests.json';
const TWINS_FILE = 'website/src/data/statement-twins.json';
/** Share of normative statements that must have a Python twin (issue 9's target; --twin-target). */
const targetArg = argv.indexOf('--twin-target');
const TWIN_TARGET = targetArg >= 0 ? Number(argv[targetArg + 1]) : 0.9;
const PEP_FILE = path.resolve(fileURLToPath(import.meta.url), '../../../shared/reference/pep-3156.rst');
const ID_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)+$/;

const errors = [];
const warnings = [];
const rel = (file) => path.relative(root, file).split(path.sep).join('/');

/** Files under `dir` (relative to the root) whose name passes `keep`, sorted. */
function walk(dir, keep) {
  const abs = path.join(root, dir);
  if (!existsSync(abs)) return [];
  const out = [];
  const visit = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) visit(p);
      else if (keep(entry.name)) out.push(p);
    }
  };
  visit(abs);
  return out.sort();
}

/** 1-based line of `index` in `text`. */
const lineOf = (text, index) => text.slice(0, index).split('\n').length;

/** Blanks code blocks and inline code naming the tag (same offsets), so samples are not scanned. */
function blankFences(text) {
  const blank = (m) => m.replace(/[^\n]/g, ' ');
  return text
    .replace(/^([ \t]*)(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1\2[^\n]*$/gm, blank)
    .replace(/`[^`\n]*<\/?Statement[^`\n]*`/g, blank);
}

/** The site route of a docs page, as Docusaurus builds it (number prefixes dropped, slug honoured). */
function pageRoute(file, source) {
  const front = /^---\n([\s\S]*?)\n---/.exec(source)?.[1] ?? '';
  const slug = /^slug:\s*['"]?([^'"\n]+)['"]?\s*$/m.exec(front)?.[1];
  const relDir = path.relative(path.join(root, 'docs'), path.dirname(file)).split(path.sep).filter(Boolean);
  const dir = relDir.map((seg) => seg.replace(/^\d+[-_.]/, ''));
  if (slug) return slug.startsWith('/') ? `/docs${slug}` : `/docs/${[...dir, slug].join('/')}`;
  const base = path.basename(file).replace(/\.mdx?$/, '');
  const name = /^(index|readme)$/i.test(base) ? [] : [base.replace(/^\d+[-_.]/, '')];
  return `/docs/${[...dir, ...name].join('/')}`;
}

/** Parses `a="x" b='y'` into an object. */
function attributes(text) {
  const out = {};
  for (const m of text.matchAll(
    /([a-zA-Z_][\w-]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|\{\s*['"]([^'"]*)['"]\s*\})/g,
  )) {
    out[m[1]] = m[2] ?? m[3] ?? m[4];
  }
  return out;
}

/** PEP 3156 section headings (for a warning when `pep=` names no section). */
function pepSections() {
  if (!existsSync(PEP_FILE)) return null;
  const lines = readFileSync(PEP_FILE, 'utf8').split('\n');
  const names = new Set();
  for (let i = 1; i < lines.length; i++) {
    const prev = lines[i - 1].trim();
    if (prev && /^([-=~^'"`*+#])\1+$/.test(lines[i].trim()) && lines[i].trim().length >= prev.length) {
      names.add(prev.replace(/``/g, ''));
    }
  }
  return names;
}

// ---- 1. statements from the docs
const statements = new Map();
const where = new Map();
const sections = pepSections();
for (const file of walk('docs', (n) => /\.mdx?$/.test(n))) {
  const source = readFileSync(file, 'utf8');
  const scanned = blankFences(source);
  const route = pageRoute(file, source);
  for (const m of scanned.matchAll(/<Statement\b([^>]*)>([\s\S]*?)<\/Statement>/g)) {
    const at = `${rel(file)}:${lineOf(scanned, m.index)}`;
    const attrs = attributes(m[1]);
    const id = attrs.id;
    if (!id) {
      errors.push(`${at}: <Statement> without an id`);
      continue;
    }
    if (!ID_RE.test(id))
      errors.push(`${at}: malformed statement id "${id}" (want section.topic.rule, kebab-case)`);
    else if (id.split('.').length < 3) warnings.push(`${at}: id "${id}" has fewer than three parts`);
    if (statements.has(id)) {
      errors.push(`${at}: statement id "${id}" already declared at ${where.get(id)}`);
      continue;
    }
    const level = attrs.level ?? 'normative';
    if (level !== 'normative' && level !== 'reference') {
      errors.push(`${at}: statement "${id}" has level="${level}" (want normative or reference)`);
    }
    const text = m[2]
      .replace(/\{\s*['"]\s*['"]\s*\}/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    if (!text) errors.push(`${at}: statement "${id}" has no text`);
    const entry = { text };
    if (attrs.pep) entry.pep = attrs.pep;
    else if (level === 'normative') warnings.push(`${at}: statement "${id}" names no PEP section (pep="…")`);
    if (attrs.pep && sections && !sections.has(attrs.pep)) {
      warnings.push(`${at}: statement "${id}": pep="${attrs.pep}" is not a section heading of PEP 3156`);
    }
    entry.page = `${route}#${id}`;
    entry.level = level;
    if ('tsOnly' in attrs) {
      if (!attrs.tsOnly.trim()) errors.push(`${at}: statement "${id}" has tsOnly without a reason`);
      entry.tsOnly = attrs.tsOnly.trim();
    }
    statements.set(id, entry);
    where.set(id, at);
  }
}

// ---- 2. tests citing statements
const citations = new Map(); // id -> [{file, test}]
const cite = (id, file, test) => {
  if (!citations.has(id)) citations.set(id, []);
  citations.get(id).push({ file: rel(file), test });
};
const STRING = String.raw`(?:'((?:\\.|[^'\\])*)'|"((?:\\.|[^"\\])*)"|\x60((?:\\.|[^\x60\\])*)\x60)`;
const unquote = (m, first) => (m[first] ?? m[first + 1] ?? m[first + 2] ?? '').replace(/\\(.)/g, '$1');

for (const file of walk('spec-tests/tests', (n) => /\.test\.[cm]?[jt]s$/.test(n))) {
  const source = readFileSync(file, 'utf8');
  const re = new RegExp(String.raw`\bstatement\(\s*${STRING}\s*,\s*(?:${STRING})?`, 'g');
  for (const m of source.matchAll(re)) {
    const id = unquote(m, 1);
    const title = m[4] !== undefined || m[5] !== undefined || m[6] !== undefined ? unquote(m, 4) : '';
    const at = `${rel(file)}:${lineOf(source, m.index)}`;
    if (m[3] !== undefined && id.includes('${')) {
      warnings.push(`${at}: statement id is a template (${id}); it cannot be checked`);
      continue;
    }
    if (!statements.has(id)) {
      errors.push(`${at}: test cites unknown statement id "${id}"`);
      continue;
    }
    if (statements.get(id).level === 'reference') {
      warnings.push(`${at}: "${id}" is a reference-level statement; it belongs in reference-impl/test/`);
    }
    cite(id, file, title ? `[${id}] ${title}` : `[${id}]`);
  }
}

const referenceIds = [...statements].filter(([, s]) => s.level === 'reference').map(([id]) => id);
for (const file of walk('reference-impl/test', (n) => /\.[cm]?[jt]sx?$/.test(n))) {
  const source = readFileSync(file, 'utf8');
  // Test names that carry a bracketed id: it('[loop.debug.slow-callback] …') / test(…) / describe(…).
  const named = new Set();
  const re = new RegExp(String.raw`\b(?:it|test|describe)(?:\.\w+)*\(\s*${STRING}`, 'g');
  for (const m of source.matchAll(re)) {
    const name = unquote(m, 1);
    for (const b of name.matchAll(/\[([a-z0-9][a-z0-9.-]*\.[a-z0-9.-]*[a-z0-9])\]/g)) {
      const id = b[1];
      const at = `${rel(file)}:${lineOf(source, m.index)}`;
      if (!statements.has(id)) errors.push(`${at}: test cites unknown statement id "${id}"`);
      else {
        cite(id, file, name);
        named.add(id);
      }
    }
  }
  // A reference-level id quoted anywhere else in the file also counts (e.g. a table of cases).
  for (const id of referenceIds) {
    if (named.has(id)) continue;
    const quoted = new RegExp(String.raw`['"\x60\[]${id.replace(/[.]/g, '\\.')}['"\x60\]]`);
    if (quoted.test(source)) cite(id, file, `(cites ${id})`);
  }
}

// ---- 3. Python twins
const twins = new Map(); // id -> [{file, test}]
const hasTwinTree = existsSync(path.join(root, 'spec-tests', 'python'));
for (const file of walk('spec-tests/python', (n) => /^test_.*\.py$/.test(n))) {
  const source = readFileSync(file, 'utf8');
  // `@statement("a", "b")` decorators, then the `def test_…` they decorate.
  for (const m of source.matchAll(/@statement\(([^)]*)\)[\s\S]*?\bdef\s+(test\w*)/g)) {
    const at = `${rel(file)}:${lineOf(source, m.index)}`;
    const klass = [...source.slice(0, m.index).matchAll(/^class\s+(\w+)/gm)].pop()?.[1];
    const test = klass ? `${klass}.${m[2]}` : m[2];
    for (const q of m[1].matchAll(/['"]([^'"]+)['"]/g)) {
      const id = q[1];
      if (!statements.has(id)) errors.push(`${at}: twin cites unknown statement id "${id}"`);
      else if (statements.get(id).tsOnly)
        errors.push(`${at}: "${id}" is tsOnly ("${statements.get(id).tsOnly}") but has a twin: drop one`);
      else {
        if (!twins.has(id)) twins.set(id, []);
        twins.get(id).push({ file: rel(file), test });
      }
    }
  }
}
const normativeIds = [...statements].filter(([, s]) => s.level === 'normative').map(([id]) => id);
const twinned = normativeIds.filter((id) => twins.has(id)).length;
const tsOnlyCount = normativeIds.filter((id) => statements.get(id).tsOnly).length;
if (hasTwinTree) {
  for (const id of normativeIds) {
    if (!twins.has(id) && !statements.get(id).tsOnly)
      errors.push(
        `${where.get(id)}: normative statement "${id}" has no Python twin (spec-tests/python/) and no tsOnly reason`,
      );
  }
  if (normativeIds.length && twinned / normativeIds.length < TWIN_TARGET)
    errors.push(
      `Python twins cover ${twinned}/${normativeIds.length} normative statements, below the ${Math.round(TWIN_TARGET * 100)}% target`,
    );
}

// ---- 4. coverage, problems, output
const byLevel = { normative: [0, 0], reference: [0, 0] };
for (const [id, s] of statements) {
  const tests = citations.get(id) ?? [];
  const counted = byLevel[s.level] ?? byLevel.normative;
  counted[1] += 1;
  if (tests.length) counted[0] += 1;
  else {
    const whereTested = s.level === 'reference' ? 'reference-impl/test/' : 'spec-tests/tests/';
    errors.push(`${where.get(id)}: statement "${id}" has no test (cite it in ${whereTested})`);
  }
}

const sortKeys = (map) => Object.fromEntries([...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
const statementsJson = `${JSON.stringify(sortKeys(statements), null, 2)}\n`;
const testsMap = new Map(
  [...statements.keys()].map((id) => [
    id,
    (citations.get(id) ?? []).sort((a, b) =>
      a.file === b.file ? (a.test < b.test ? -1 : a.test > b.test ? 1 : 0) : a.file < b.file ? -1 : 1,
    ),
  ]),
);
const testsJson = `${JSON.stringify(sortKeys(testsMap), null, 2)}\n`;

const twinsJson = `${JSON.stringify(sortKeys(twins), null, 2)}\n`;

for (const [file, content] of [
  [STATEMENTS_FILE, statementsJson],
  [TESTS_FILE, testsJson],
  ...(hasTwinTree ? [[TWINS_FILE, twinsJson]] : []),
]) {
  const abs = path.join(root, file);
  const current = existsSync(abs) ? readFileSync(abs, 'utf8') : null;
  if (current === content) continue;
  if (checkOnly) errors.push(`${file} is stale: run \`npm run statements\` and commit it`);
  else {
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
    if (!quiet) console.log(`wrote ${file}`);
  }
}

if (!quiet) for (const w of warnings) console.log(`warning: ${w}`);
for (const e of errors) console.error(`error: ${e}`);
const total = statements.size;
const covered = byLevel.normative[0] + byLevel.reference[0];
const pct = total ? ((100 * covered) / total).toFixed(1) : '100.0';
console.log(
  `statements: ${covered} / ${total} covered (${pct}%): normative ${byLevel.normative[0]}/${byLevel.normative[1]} ` +
    `by spec-tests/tests, reference ${byLevel.reference[0]}/${byLevel.reference[1]} by reference-impl/test` +
    (hasTwinTree
      ? `; Python twins ${twinned}/${normativeIds.length} normative (${((100 * twinned) / (normativeIds.length || 1)).toFixed(1)}%), ${tsOnlyCount} TS-only`
      : '') +
    (errors.length ? `; ${errors.length} problem(s)` : ''),
);
process.exit(errors.length ? 1 : 0);
