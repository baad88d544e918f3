// The conformance matrix's data and route (/conformance): statements × implementations, built once
// while the site builds from the suite's results (website/src/data/conformance-results.json, written
// by `npm run conformance:results`), the statement index (spec-tests/src/statements.generated.json),
// the tests that check each statement (website/src/data/statement-tests.json, for a short title) and
// the spec pages' titles (from the docs plugin, so that the sections read as the sidebar does). The
// page gets only what it shows (about 60 KB of JSON), in its own chunk, instead of the three files
// (470 KB).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const read = (file) => JSON.parse(readFileSync(path.join(root, file), 'utf8'));

/** The statuses that are a problem of the implementation (expected failures are not). */
export const PROBLEMS = ['failed', 'timedOut', 'crashed', 'unexpectedPass'];

/** A column's label: the implementation's name as a reader says it, never a JSON key. */
export function columnLabel(impl) {
  if (impl.kind === 'conformance-suite' && /\(reference\)/.test(impl.name)) return 'Reference';
  const cpython = /^CPython (\d+\.\d+)/.exec(impl.name);
  if (cpython) return `CPython ${cpython[1]}`;
  return impl.name.replace(/\s*\(.*\)$/, '').replace(/ \d.*$/, '');
}

/** What the column checks, for its header's tooltip and the summary. */
function checkedBy(impl) {
  return impl.kind === 'python-twins' ? "the statements' Python twins" : 'the conformance suite';
}

/**
 * Whether the implementations differ on a statement or fail it: one of them fails it, or those that
 * ran it disagree. A feature an adapter declares unsupported is not run (TestLoop has no sockets),
 * nor is a statement with no Python twin; a twin skipped on one CPython version and passed on
 * another is a difference.
 */
export function differs(impls, statuses) {
  const ran = statuses.filter(
    (s, i) => s !== null && s !== 'tsOnly' && !(impls[i].kind === 'conformance-suite' && s === 'unsupported'),
  );
  return ran.some((s) => PROBLEMS.includes(s)) || new Set(ran).size > 1;
}

/**
 * The matrix: the implementations (label, full name, version, how checked, status counts), and the
 * spec pages in sidebar order, each with its statements (id, anchor, title, one status per
 * implementation: null where it was not checked, 'tsOnly' where a Python twin cannot exist).
 */
export function matrixData({ results, statements, tests, pages }) {
  const impls = results.implementations ?? [];
  const ids = [...new Set(impls.flatMap((i) => Object.keys(i.statements)))].sort();
  const implementations = impls.map((impl) => {
    const counts = {};
    for (const s of Object.values(impl.statements)) counts[s] = (counts[s] ?? 0) + 1;
    return {
      label: columnLabel(impl),
      name: impl.name,
      version: impl.version ?? '',
      checkedBy: checkedBy(impl),
      counts,
    };
  });
  const title = (id) => {
    const test = (tests[id] ?? []).find((t) => t.file.startsWith('spec-tests/tests/'));
    return test ? test.test.replace(/^\[[^\]]*\]\s*/, '') : (statements[id]?.text ?? '');
  };
  const byPage = new Map();
  for (const id of ids) {
    const href = statements[id]?.page ?? '';
    const route = href.split('#')[0];
    if (!byPage.has(route)) byPage.set(route, []);
    const row = impls.map((impl) => {
      const s = impl.statements[id];
      if (s !== undefined) return s;
      return impl.kind === 'python-twins' && statements[id]?.tsOnly ? 'tsOnly' : null;
    });
    byPage.get(route).push({
      id,
      href,
      title: title(id),
      statuses: row,
      differs: differs(impls, row),
    });
  }
  const sections = [...byPage.entries()]
    .map(([route, rows]) => {
      const page = pages.find((p) => p.route === route);
      return {
        route,
        title: page?.title ?? (route || 'Not on a spec page'),
        position: page?.position ?? Number.POSITIVE_INFINITY,
        rows,
      };
    })
    .sort((a, b) => a.position - b.position || a.title.localeCompare(b.title))
    .map(({ position: _, ...s }) => s);
  return { generatedAt: results.generatedAt ?? null, implementations, sections };
}

/** The Docusaurus plugin: the data as a module of the /conformance route, which renders it. */
export default function conformanceMatrix(context) {
  const baseUrl = context.siteConfig.baseUrl;
  return {
    name: 'pep3156-conformance-matrix',
    async allContentLoaded({ allContent, actions }) {
      const docs = allContent['docusaurus-plugin-content-docs']?.default;
      const pages = (docs?.loadedVersions?.[0]?.docs ?? [])
        .filter((d) => d.id.startsWith('spec/'))
        .map((d) => ({
          route: `/${d.permalink.slice(baseUrl.length)}`.replace(/\/$/, ''),
          title: d.title,
          position: d.sidebarPosition ?? Number.POSITIVE_INFINITY,
        }));
      const data = matrixData({
        results: read('website/src/data/conformance-results.json'),
        statements: read('spec-tests/src/statements.generated.json'),
        tests: read('website/src/data/statement-tests.json'),
        pages,
      });
      const matrix = await actions.createData('conformance-matrix.json', JSON.stringify(data));
      actions.addRoute({
        path: `${baseUrl}conformance`,
        component: '@site/website/src/components/ConformanceMatrix.tsx',
        exact: true,
        modules: { matrix },
      });
    },
  };
}
