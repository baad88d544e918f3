// The Rosetta Stone (docs/spec/rosetta-stone.mdx): every Python name beside its TypeScript name,
// grouped under readable headings, one anchor per row, the details (spec section and statements,
// Node mapping, note, API page) in an expandable row, with a search box and a filter. The data is
// website/src/data/rosetta.generated.json, written by scripts/gen-rosetta.mjs; every row is in the built HTML,
// the search and the filter only hide rows.
import Link from '@docusaurus/Link';
import data from '@site/website/src/data/rosetta.generated.json';
import { type ReactNode, useEffect, useId, useMemo, useState } from 'react';

interface Row {
  id: string;
  python: string;
  ts: string | null;
  direct: boolean;
  mapping: string;
  note: string;
  since: string | null;
  spec: { href: string; title: string };
  statements: { id: string; href: string }[];
  api: string | null;
}
interface Group {
  id: string;
  title: string;
  rows: Row[];
}

const FILTERS = [
  ['all', 'All names'],
  ['direct', 'Same as in Python'],
  ['differs', 'Different on Node'],
  ['none', 'No TypeScript name'],
  ['later', 'Added after 3.4'],
] as const;
type Filter = (typeof FILTERS)[number][0];

/** Lower case without `_`, so `call_soon` finds `callSoon` and the other way round. */
const fold = (s: string): string => s.toLowerCase().replace(/_/g, '');

function matches(row: Row, query: string, filter: Filter): boolean {
  if (filter === 'direct' && !row.direct) return false;
  if (filter === 'differs' && (row.direct || row.ts === null)) return false;
  if (filter === 'none' && row.ts !== null) return false;
  if (filter === 'later' && row.since === null) return false;
  if (query === '') return true;
  return fold(`${row.python} ${row.ts ?? ''} ${row.mapping} ${row.note}`).includes(fold(query));
}

/** A dotted name that may wrap after its dots (and only there, unless a part is too long). */
function Name({ name }: { name: string }): ReactNode {
  const parts = name.split(/(?<=\.)/);
  return parts.map((part, i) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one name, never reordered
    <span key={i}>
      {part}
      {i < parts.length - 1 ? <wbr /> : null}
    </span>
  ));
}

function RowItem({ row, open }: { row: Row; open: boolean }): ReactNode {
  return (
    <li id={row.id} className="rosetta__row">
      <details open={open}>
        <summary className="rosetta__summary">
          <code className="rosetta__py">
            <Name name={row.python} />
          </code>
          <span className="rosetta__ts">
            {row.ts ? (
              <code>
                <Name name={row.ts} />
              </code>
            ) : (
              <span className="rosetta__none">no TypeScript name</span>
            )}
            {row.direct ? null : row.ts ? <span className="rosetta__badge">differs</span> : null}
            {row.since ? <span className="rosetta__badge rosetta__badge--since">{row.since}</span> : null}
          </span>
        </summary>
        <dl className="rosetta__details">
          <dt>Spec</dt>
          <dd>
            <Link to={row.spec.href}>{row.spec.title}</Link>
            {row.statements.length > 0 ? (
              <>
                {'; statements: '}
                {row.statements.map((s, i) => (
                  <span key={s.id}>
                    {i > 0 ? ', ' : ''}
                    <Link to={s.href}>
                      <code>{s.id}</code>
                    </Link>
                  </span>
                ))}
              </>
            ) : null}
          </dd>
          <dt>On Node</dt>
          <dd>{row.mapping}</dd>
          {row.note ? (
            <>
              <dt>Note</dt>
              <dd>{row.note}</dd>
            </>
          ) : null}
          <dt>API</dt>
          <dd>
            {row.api && row.ts ? (
              <Link to={row.api}>
                <code>{row.ts}</code> in the API reference
              </Link>
            ) : (
              'none'
            )}
          </dd>
          <dt>Link</dt>
          <dd>
            <a href={`#${row.id}`}>link to this row</a>
          </dd>
        </dl>
      </details>
    </li>
  );
}

const groups = (data as { groups: Group[] }).groups;

export default function RosettaStone(): ReactNode {
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<Filter>('all');
  const [target, setTarget] = useState('');
  const searchId = useId();
  useEffect(() => {
    const read = (): void => setTarget(decodeURIComponent(window.location.hash.slice(1)));
    read();
    window.addEventListener('hashchange', read);
    return () => window.removeEventListener('hashchange', read);
  }, []);
  // A row reached by its anchor opens and comes into view (once it is open).
  useEffect(() => {
    if (target) document.getElementById(target)?.scrollIntoView({ block: 'start' });
  }, [target]);
  const shown = useMemo(
    () => groups.map((g) => ({ ...g, rows: g.rows.filter((r) => matches(r, query, filter)) })),
    [query, filter],
  );
  const total = groups.reduce((n, g) => n + g.rows.length, 0);
  const count = shown.reduce((n, g) => n + g.rows.length, 0);
  return (
    <div className="rosetta">
      <div className="rosetta__controls">
        <label htmlFor={searchId}>Search a Python or TypeScript name</label>
        <input
          id={searchId}
          type="search"
          className="rosetta__search"
          placeholder="call_soon, gather, StreamReader…"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <fieldset className="rosetta__filters">
          <legend>Show</legend>
          {FILTERS.map(([value, label]) => (
            <label key={value}>
              <input
                type="radio"
                name="rosetta-filter"
                value={value}
                checked={filter === value}
                onChange={() => setFilter(value)}
              />{' '}
              {label}
            </label>
          ))}
        </fieldset>
        <p className="rosetta__count" aria-live="polite" data-testid="rosetta-count">
          {count} of {total} names
        </p>
      </div>
      <div className="rosetta__head" aria-hidden="true">
        <span>Python</span>
        <span>TypeScript</span>
      </div>
      {shown.map((g) =>
        g.rows.length === 0 ? null : (
          <section key={g.id} className="rosetta__group" aria-labelledby={`group-${g.id}`}>
            <h2 id={`group-${g.id}`}>
              {g.title} <small>({g.rows.length})</small>
            </h2>
            <ul className="rosetta__rows">
              {g.rows.map((r) => (
                <RowItem key={r.id} row={r} open={r.id === target} />
              ))}
            </ul>
          </section>
        ),
      )}
      {count === 0 ? <p>No name matches.</p> : null}
    </div>
  );
}
