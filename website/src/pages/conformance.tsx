// The conformance matrix: sections × implementations, rendered from the suite's results file
// (website/src/data/conformance-results.json, written by `npm run conformance:results`). TypeScript
// implementations run the conformance suite; CPython asyncio and uvloop run the Python twins, so
// their column counts statements with a twin (TS-only statements have none).
import Link from '@docusaurus/Link';
import Layout from '@theme/Layout';
import type { ReactNode } from 'react';
import statements from '../../../spec-tests/src/statements.generated.json';
import results from '../data/conformance-results.json';

type Counts = Record<string, number>;
type Implementation = {
  name: string;
  version?: string;
  kind?: 'conformance-suite' | 'python-twins';
  sections: Record<string, Counts>;
  statements: Record<string, string>;
};
const data = results as unknown as { generatedAt?: string; implementations?: Implementation[] };
const pages = statements as unknown as Record<string, { page: string; tsOnly?: string }>;

const PROBLEMS = ['failed', 'unexpectedPass', 'timedOut', 'crashed'];
const total = (c: Counts | undefined) => (c ? Object.values(c).reduce((a, b) => a + b, 0) : 0);
const problems = (c: Counts | undefined) => PROBLEMS.reduce((a, k) => a + (c?.[k] ?? 0), 0);
const summary = (impl: Implementation) => {
  const all: Counts = {};
  for (const c of Object.values(impl.sections))
    for (const [k, v] of Object.entries(c)) all[k] = (all[k] ?? 0) + v;
  return all;
};

function Cell({ counts }: { counts: Counts | undefined }): ReactNode {
  if (!counts || total(counts) === 0) return <td className="matrix__none">—</td>;
  const bad = problems(counts);
  const unsupported = counts.unsupported ?? 0;
  return (
    <td className={bad ? 'matrix__bad' : 'matrix__ok'}>
      {counts.passed ?? 0}/{total(counts)}
      {bad ? <span className="matrix__note"> · {bad} failed</span> : null}
      {unsupported ? <span className="matrix__note"> · {unsupported} unsupported</span> : null}
    </td>
  );
}

export default function Conformance(): ReactNode {
  const impls = data.implementations ?? [];
  const sections = [...new Set(impls.flatMap((i) => Object.keys(i.sections)))].sort();
  const allIds = [...new Set(impls.flatMap((i) => Object.keys(i.statements)))].sort();
  const groups = [...new Set(allIds.map((id) => id.split('.')[0]))];
  return (
    <Layout
      title="Conformance matrix"
      description="Which implementations pass which sections of the conformance suite, CPython asyncio and uvloop included"
    >
      <main className="container margin-vert--lg">
        <h1>Conformance matrix</h1>
        <p>
          Each column is an implementation; each cell counts the statements of a section it passes, out of
          those checked. TypeScript loops run the conformance suite; <strong>CPython asyncio</strong> (the
          oracle of this spec) and <strong>uvloop</strong> run the statements' Python twins, so their cells
          count only statements with a twin (the{' '}
          <Link to="/docs/spec/node-differences#statements-with-no-python-meaning">TS-only statements</Link>{' '}
          have none). Generated{' '}
          {data.generatedAt ? new Date(data.generatedAt).toISOString().slice(0, 10) : 'never'} by{' '}
          <code>npm run conformance:results</code>.
        </p>
        {impls.length === 0 ? (
          <p>No results yet.</p>
        ) : (
          <>
            <div className="matrix-scroll">
              <table className="matrix">
                <thead>
                  <tr>
                    <th scope="col">section</th>
                    {impls.map((impl) => (
                      <th scope="col" key={impl.name}>
                        {impl.name}
                        {impl.version ? <small className="matrix__version"> {impl.version}</small> : null}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {sections.map((section) => (
                    <tr key={section}>
                      <th scope="row">{section}</th>
                      {impls.map((impl) => (
                        <Cell key={impl.name} counts={impl.sections[section]} />
                      ))}
                    </tr>
                  ))}
                  <tr className="matrix__total">
                    <th scope="row">all</th>
                    {impls.map((impl) => (
                      <Cell key={impl.name} counts={summary(impl)} />
                    ))}
                  </tr>
                </tbody>
              </table>
            </div>
            <h2>Per statement</h2>
            <p>Statements grouped by the first part of their id.</p>
            {groups.map((group) => {
              const ids = allIds.filter((id) => id.split('.')[0] === group);
              return (
                <details key={group} className="matrix__section">
                  <summary>
                    {group} ({ids.length} statements)
                  </summary>
                  <div className="matrix-scroll">
                    <table className="matrix">
                      <thead>
                        <tr>
                          <th scope="col">statement</th>
                          {impls.map((impl) => (
                            <th scope="col" key={impl.name}>
                              {impl.name}
                            </th>
                          ))}
                        </tr>
                      </thead>
                      <tbody>
                        {ids.map((id) => (
                          <tr key={id}>
                            <th scope="row">
                              {pages[id] ? (
                                <Link to={pages[id].page}>
                                  <code>{id}</code>
                                </Link>
                              ) : (
                                <code>{id}</code>
                              )}
                            </th>
                            {impls.map((impl) => (
                              <td
                                key={impl.name}
                                className={`matrix__status matrix__status--${impl.statements[id] ?? 'none'}`}
                              >
                                {impl.statements[id] ??
                                  (impl.kind === 'python-twins' && pages[id]?.tsOnly ? 'TS-only' : '—')}
                              </td>
                            ))}
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </details>
              );
            })}
          </>
        )}
      </main>
    </Layout>
  );
}
