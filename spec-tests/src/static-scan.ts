/**
 * Reads the tests of a conformance test file from its text, without loading it: what the runner
 * needs to report a section the adapter declares unsupported (its tests are never run, so loading
 * and transforming its files would be time spent on nothing).
 *
 * It reads only files written the plain way: `section('<feature>', '<PEP section>', () => {` at
 * the start of a line, each `statement('<id>', '<title>', body, { features: [...] }?)` directly
 * inside it (two-space indent), no `describe`/`it`/`test` of its own. Anything else (a statement in
 * a loop, a computed title) returns null and the file is loaded as usual. The suite's own tests
 * check that the scan of every file it reads equals what loading it collects.
 * @module
 */

/** One test read from the text. */
export interface ScannedTest {
  id: string;
  title: string;
  /** The enclosing section's feature. */
  section: string;
  /** The PEP 3156 section name of the enclosing `section()`. */
  pepSection: string;
  /** The section's feature, then the statement's own `features`. */
  features: string[];
}

const SECTION = /^section\(\s*'([a-z-]+)',\s*'((?:[^'\\\n]|\\.)*)',/gm;
const STATEMENT_AT = /^ {2}statement\(/gm;
const ANY_STATEMENT = /\bstatement\(/g;
const OWN_TESTS = /^\s*(?:describe|it|test)(?:\.\w+)*\(/m;
const STRING_ARG = /^\s*(['"])((?:\\.|(?!\1)[^\\\n])*)\1\s*,/;
const OPTIONS =
  /\{ *(?:timeout: [\d_]+, *)?features: \[([^\]]*)\](?:, *timeout: [\d_]+)? *\}\s*,?\s*\)\s*;\s*$/;

/** The value of a single- or double-quoted string literal's body. */
function unquote(body: string): string {
  return body.replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t' })[c as 'n' | 't'] ?? c);
}

/** The tests of one test file's text, or null when the file is not written the plain way. */
export function scanTestFile(source: string): ScannedTest[] | null {
  if (OWN_TESTS.test(source)) return null;
  const sections = [...source.matchAll(SECTION)].map((m) => ({
    at: m.index,
    feature: m[1],
    pep: unquote(m[2]),
  }));
  if (sections.length === 0) return null;
  const starts = [...source.matchAll(STATEMENT_AT)].map((m) => m.index);
  if (starts.length !== (source.match(ANY_STATEMENT) ?? []).length) return null;
  const tests: ScannedTest[] = [];
  let optionObjects = 0;
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i];
    const section = sections.filter((s) => s.at < start).at(-1);
    if (!section) return null;
    const nextSection = sections.find((s) => s.at > start)?.at ?? source.length;
    const end = Math.min(starts[i + 1] ?? source.length, nextSection);
    const segment = source.slice(start + '  statement('.length, end);
    const id = STRING_ARG.exec(segment);
    if (!id) return null;
    const title = STRING_ARG.exec(segment.slice(id[0].length));
    if (!title) return null;
    // The call ends before the next statement or the section's closing `});`.
    const call = segment.replace(/\n\}\);?\s*$/, '\n');
    const options = OPTIONS.exec(call.trimEnd());
    // Options given by name (`statement(id, title, body, opts)`): not readable from the text.
    if (!options && /,\s*[A-Za-z_$][\w$]*\s*,?\s*\)\s*;\s*$/.test(call.trimEnd())) return null;
    if (options) optionObjects++;
    const extra = options ? [...options[1].matchAll(/'([a-z-]+)'/g)].map((m) => m[1]) : [];
    tests.push({
      id: unquote(id[2]),
      title: unquote(title[2]),
      section: section.feature,
      pepSection: section.pep,
      features: [section.feature, ...extra],
    });
  }
  // Every `features:` of the file is a statement's own options object, read above.
  if ((source.match(/\bfeatures\s*:/g) ?? []).length !== optionObjects) return null;
  return tests;
}
