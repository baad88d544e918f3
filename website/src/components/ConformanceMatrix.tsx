// The conformance matrix (/conformance): one row per statement of the spec, one column per
// implementation, grouped under the spec pages, with a summary per implementation, a filter, and the
// way to add your own loop. TypeScript implementations run the conformance suite; CPython asyncio and
// uvloop run the statements' Python twins. The data is built while the site builds
// (website/src/plugins/conformance-matrix.mjs); every row is in the built HTML, the filter only hides
// rows.
import Link from '@docusaurus/Link';
import Layout from '@theme/Layout';
import { type ReactNode, useId, useMemo, useState } from 'react';
import { useRepositoryUrl } from './RepoLink';

type Status =
  | 'passed'
  | 'failed'
  | 'unsupported'
  | 'expectedFailure'
  | 'unexpectedPass'
  | 'timedOut'
  | 'crashed'
  | 'tsOnly'
  | null;
interface Implementation {
  label: string;
  name: string;
  version: string;
  checkedBy: string;
  counts: Record<string, number>;
}
interface Row {
  id: string;
  href: string;
  title: string;
  statuses: Status[];
  differs: boolean;
}
interface Section {
  route: string;
  title: string;
  rows: Row[];
}
export interface Matrix {
  generatedAt: string | null;
  implementations: Implementation[];
  sections: Section[];
}

/**
 * How each status reads: the cell's text, which a screen reader says; the eye sees a mark instead
 * (the cell's CSS, `.mx-<status>::before`, with the text at size 0), which keeps the 2,700 cells of
 * the page to one element each.
 */
const WORDS: Record<string, string> = {
  passed: 'passed',
  failed: 'failed',
  timedOut: 'timed out',
  crashed: 'crashed',
  unexpectedPass: 'unexpected pass',
  expectedFailure: 'known failure',
  unsupported: 'unsupported',
  tsOnly: 'TS-only: no Python twin',
  none: 'not checked',
};

/** The summary's columns: these three always, the other statuses only where some count is not 0. */
const SUMMARY = [
  ['passed', 'passed'],
  ['failed', 'failed'],
  ['unsupported', 'unsupported'],
  ['expectedFailure', 'known failures'],
  ['unexpectedPass', 'unexpected passes'],
  ['timedOut', 'timed out'],
  ['crashed', 'crashed'],
] as const;

/** A dotted id that may wrap after its dots (a <wbr> each, no more elements: 443 rows). */
function DottedId({ id }: { id: string }): ReactNode {
  const parts = id.split(/(?<=\.)/);
  return parts.flatMap((part, i) => (i === 0 ? [part] : [<wbr key={parts.slice(0, i).join('')} />, part]));
}

function Cell({ status }: { status: Status }): ReactNode {
  const key = status && status in WORDS ? status : 'none';
  return <td className={`mx-${key}`}>{WORDS[key]}</td>;
}

function Summary({ impls }: { impls: Implementation[] }): ReactNode {
  const columns = SUMMARY.filter(([key], i) => i < 3 || impls.some((impl) => (impl.counts[key] ?? 0) > 0));
  return (
    <div className="matrix-scroll">
      <table className="matrix-summary">
        <thead>
          <tr>
            <th scope="col">implementation</th>
            {columns.map(([key, label]) => (
              <th scope="col" key={key}>
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {impls.map((impl) => (
            <tr key={impl.name}>
              <th scope="row" className="matrix-summary__impl">
                {impl.label}
                <small className="matrix-summary__detail">
                  {impl.name}
                  {impl.version ? ` ${impl.version}` : ''}, by {impl.checkedBy}
                </small>
              </th>
              {columns.map(([key]) => (
                <td key={key}>{impl.counts[key] ?? 0}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SectionTable({ section, impls }: { section: Section; impls: Implementation[] }): ReactNode {
  const headingId = `matrix-${section.route.split('/').pop() || 'other'}`;
  return (
    <section className="matrix-section" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {section.route ? <Link to={section.route}>{section.title}</Link> : section.title}{' '}
        <small>({section.rows.length})</small>
      </h3>
      <table className="matrix">
        <colgroup>
          <col className="matrix__statement-col" />
          {impls.map((impl) => (
            <col key={impl.name} className="matrix__impl-col" />
          ))}
        </colgroup>
        <thead>
          <tr>
            <th scope="col">Statement</th>
            {impls.map((impl) => (
              <th
                scope="col"
                key={impl.name}
                className="matrix__impl"
                title={`${impl.name}${impl.version ? ` ${impl.version}` : ''}, by ${impl.checkedBy}`}
              >
                <span>{impl.label}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {section.rows.map((row) => (
            <tr key={row.id} id={`row-${row.id}`}>
              <th scope="row">
                <Link to={row.href} className="matrix__id">
                  <DottedId id={row.id} />
                </Link>
                {row.title}
              </th>
              {row.statuses.map((status, i) => (
                <Cell key={impls[i]?.name ?? i} status={status} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function AddYourLoop({ repository }: { repository: string }): ReactNode {
  const guide = '/docs/guides/running-the-conformance-suite';
  return (
    <section id="add-your-loop" className="matrix-add" aria-labelledby="add-your-loop-heading">
      <h2 id="add-your-loop-heading">Add your loop</h2>
      <p>
        Your event loop gets the same report, statement by statement, in three steps (the{' '}
        <Link to={guide}>guide to running the conformance suite</Link> says how to install the packages from a
        checkout of the <a href={repository}>repository</a> until they are published):
      </p>
      <ol>
        <li>
          Write an adapter: <code>npx pep3156-conformance init ./src/my-event-loop.ts</code> writes{' '}
          <code>conformance-adapter.ts</code> for the loop your module exports, with the features it lacks
          listed as unsupported. Or copy the{' '}
          <a href={`${repository}/tree/main/examples/adapter-template`}>adapter template</a>.
        </li>
        <li>
          Run the suite: <code>npx pep3156-conformance ./conformance-adapter.ts</code>.
        </li>
        <li>
          Read the report: each problem names the statement it breaks, quotes the spec, links to it here, and
          shows what was expected and what happened (<Link to={`${guide}#3-run-it`}>an example</Link>).
        </li>
      </ol>
    </section>
  );
}

export default function ConformanceMatrix({ matrix }: { matrix: Matrix }): ReactNode {
  const repository = useRepositoryUrl();
  const impls = matrix.implementations;
  const [query, setQuery] = useState('');
  const [onlyDiffering, setOnlyDiffering] = useState(false);
  const filterId = useId();
  const toggleId = useId();
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return matrix.sections.map((s) => ({
      ...s,
      rows: s.rows.filter(
        (r) =>
          (!onlyDiffering || r.differs) &&
          (q === '' || r.id.includes(q) || r.title.toLowerCase().includes(q)),
      ),
    }));
  }, [matrix, query, onlyDiffering]);
  const total = matrix.sections.reduce((n, s) => n + s.rows.length, 0);
  const count = shown.reduce((n, s) => n + s.rows.length, 0);
  return (
    <Layout
      title="Conformance matrix"
      description="Every statement of the spec against every implementation: the reference, TestLoop, CPython asyncio 3.11–3.13 and uvloop"
    >
      <main className="container margin-vert--lg matrix-page">
        <h1>Conformance matrix</h1>
        <p>
          Each row is a statement of the spec, each column an implementation. The TypeScript loops (the
          reference implementation and the virtual-time <code>TestLoop</code>) run the conformance suite;{' '}
          <strong>CPython asyncio</strong>, the oracle of this spec, and <strong>uvloop</strong> run each
          statement's Python twin, so a statement with no Python meaning is marked TS-only for them (the{' '}
          <Link to="/docs/spec/node-differences#statements-with-no-python-meaning">TS-only statements</Link>
          ). Generated {matrix.generatedAt ? matrix.generatedAt.slice(0, 10) : 'never'} by{' '}
          <code>npm run conformance:results</code>.
        </p>
        {impls.length === 0 ? (
          <>
            <p>No results yet.</p>
            <AddYourLoop repository={repository} />
          </>
        ) : (
          <>
            <h2 id="summary">Summary</h2>
            <p>Statements per implementation, by result.</p>
            <Summary impls={impls} />
            <AddYourLoop repository={repository} />
            <h2 id="statements">Statement by statement</h2>
            <div className="matrix-controls">
              <label htmlFor={filterId}>Filter statements</label>
              <input
                id={filterId}
                type="search"
                className="matrix-controls__search"
                placeholder="call-soon, cancel, readuntil…"
                value={query}
                onChange={(e) => setQuery(e.target.value)}
              />
              <label htmlFor={toggleId} className="matrix-controls__toggle">
                <input
                  id={toggleId}
                  type="checkbox"
                  checked={onlyDiffering}
                  onChange={(e) => setOnlyDiffering(e.target.checked)}
                />{' '}
                Only statements where implementations differ or fail
              </label>
              <p className="matrix-controls__count" aria-live="polite">
                {count} of {total} statements
              </p>
              <p className="matrix-controls__legend">
                <span aria-hidden="true">✓</span> passed; <span aria-hidden="true">✗</span> failed;{' '}
                <span aria-hidden="true">–</span> unsupported (a feature the adapter declares unsupported, or
                a twin skipped on that Python version); <span aria-hidden="true">TS</span> no Python twin;{' '}
                <span aria-hidden="true">·</span> not checked. A statement differs when an implementation
                fails it or those that ran it disagree.
              </p>
            </div>
            {shown.map((s) =>
              s.rows.length === 0 ? null : <SectionTable key={s.route} section={s} impls={impls} />,
            )}
            {count === 0 ? <p>No statement matches.</p> : null}
          </>
        )}
      </main>
    </Layout>
  );
}
