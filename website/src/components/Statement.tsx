// A normative statement of the spec: an anchor with its id, its level, the PEP section it maps,
// whether it is TypeScript-only (no Python meaning, with the reason), the conformance tests that
// check it (website/src/data/statement-tests.json) and its Python twins, which check the same thing
// on CPython asyncio (website/src/data/statement-twins.json); `npm run statements` writes both, and
// website/src/plugins/remark-statement-refs.mjs passes each statement its own entries (`refs`),
// with the API entries the statement governs (each of which links back here).
import Link from '@docusaurus/Link';
import useBrokenLinks from '@docusaurus/useBrokenLinks';
import type { ReactNode } from 'react';

type TestRef = { file: string; test: string };
type ApiRef = { name: string; href: string };
type Refs = { tests: TestRef[]; twins: TestRef[]; api?: ApiRef[] };

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export default function Statement({
  id,
  pep,
  level = 'normative',
  tsOnly,
  refs: refsJson,
  children,
}: {
  id: string;
  pep?: string;
  level?: 'normative' | 'reference';
  /** Why the statement has no meaning in Python (and so no Python twin). */
  tsOnly?: string;
  /** The tests and Python twins that check it, as JSON (written by remark-statement-refs). */
  refs?: string;
  children: ReactNode;
}): ReactNode {
  // Register the anchor so the build's broken-anchor check knows it exists.
  useBrokenLinks().collectAnchor(id);
  const {
    tests: refs,
    twins: pyRefs,
    api = [],
  }: Refs = refsJson ? JSON.parse(refsJson) : { tests: [], twins: [] };
  const checkedBy = [
    refs.length ? plural(refs.length, 'test') : '',
    pyRefs.length ? `${plural(pyRefs.length, 'Python twin')} on CPython asyncio` : '',
  ]
    .filter(Boolean)
    .join(' and ');
  return (
    <div className={`statement statement--${level}`} id={id}>
      <div className="statement__head">
        <Link className="statement__id" to={`#${id}`}>
          {id}
        </Link>
        <span className={`statement__level statement__level--${level}`}>{level}</span>
        {tsOnly ? (
          <span className="statement__level statement__level--ts-only" title={tsOnly}>
            TS-only
          </span>
        ) : null}
        {pep ? <span className="statement__pep">PEP 3156 § {pep}</span> : null}
      </div>
      <div className="statement__text">{children}</div>
      {api.length ? (
        <p className="statement__api">
          API:{' '}
          {api.map((a, i) => (
            <span key={a.href}>
              {i > 0 ? ', ' : null}
              <Link to={a.href}>
                <code>{a.name}</code>
              </Link>
            </span>
          ))}
        </p>
      ) : null}
      {tsOnly ? (
        <p className="statement__ts-only">
          <strong>No Python twin:</strong> {tsOnly}
        </p>
      ) : null}
      {checkedBy ? (
        <details className="statement__tests">
          <summary>Checked by {checkedBy}</summary>
          <ul>
            {refs.map((r) => (
              <li key={`${r.file}:${r.test}`}>
                <code>{r.file}</code>: {r.test}
              </li>
            ))}
            {pyRefs.map((r) => (
              <li key={`${r.file}:${r.test}`}>
                <code>{r.file}</code>: {r.test} <small>(Python twin)</small>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
