// The conformance matrix: implementations × sections, rendered from the suite's results file
// (website/src/data/conformance-results.json, written by `npm run conformance:results`).
import Layout from '@theme/Layout';
import type { ReactNode } from 'react';
import results from '../data/conformance-results.json';

type Counts = Record<string, number>;
type Implementation = {
  name: string;
  version?: string;
  sections: Record<string, Counts>;
  statements: Record<string, string>;
};
const data = results as unknown as { generatedAt?: string; implementations?: Implementation[] };

const STATUSES = [
  'passed',
  'failed',
  'unsupported',
  'expectedFailure',
  'unexpectedPass',
  'timedOut',
  'crashed',
];

export default function Conformance(): ReactNode {
  const impls = data.implementations ?? [];
  const sections = [...new Set(impls.flatMap((i) => Object.keys(i.sections)))].sort();
  return (
    <Layout
      title="Conformance matrix"
      description="Which implementations pass which sections of the conformance suite"
    >
      <main className="container margin-vert--lg">
        <h1>Conformance matrix</h1>
        <p>
          Results of the conformance suite for each implementation, by section. Generated{' '}
          {data.generatedAt ? new Date(data.generatedAt).toISOString().slice(0, 10) : 'never'} by{' '}
          <code>npm run conformance:results</code>.
        </p>
        {impls.length === 0 ? (
          <p>No results yet.</p>
        ) : (
          impls.map((impl) => (
            <section key={impl.name}>
              <h2>
                {impl.name} {impl.version ? <small>{impl.version}</small> : null}
              </h2>
              <table className="matrix">
                <thead>
                  <tr>
                    <th scope="col">section</th>
                    {STATUSES.map((s) => (
                      <th scope="col" key={s}>
                        {s}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {sections.map((section) => (
                    <tr key={section}>
                      <td>{section}</td>
                      {STATUSES.map((s) => (
                        <td key={s}>{impl.sections[section]?.[s] ?? 0}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
              <details>
                <summary>Per statement ({Object.keys(impl.statements).length})</summary>
                <ul>
                  {Object.entries(impl.statements)
                    .sort()
                    .map(([id, status]) => (
                      <li key={id}>
                        <code>{id}</code>: {status}
                      </li>
                    ))}
                </ul>
              </details>
            </section>
          ))
        )}
      </main>
    </Layout>
  );
}
