// A normative statement of the spec: an anchor with its id, its level, the PEP section it maps,
// and the conformance tests that check it (from website/src/data/statement-tests.json, which
// `npm run statements` writes).
import Link from '@docusaurus/Link';
import useBrokenLinks from '@docusaurus/useBrokenLinks';
import type { ReactNode } from 'react';
import tests from '../data/statement-tests.json';

type TestRef = { file: string; test: string };
const byId = tests as unknown as Record<string, TestRef[]>;

export default function Statement({
  id,
  pep,
  level = 'normative',
  children,
}: {
  id: string;
  pep?: string;
  level?: 'normative' | 'reference';
  children: ReactNode;
}): ReactNode {
  // Register the anchor so the build's broken-anchor check knows it exists.
  useBrokenLinks().collectAnchor(id);
  const refs = byId[id] ?? [];
  return (
    <div className={`statement statement--${level}`} id={id}>
      <div className="statement__head">
        <Link className="statement__id" to={`#${id}`}>
          {id}
        </Link>
        <span className={`statement__level statement__level--${level}`}>{level}</span>
        {pep ? <span className="statement__pep">PEP 3156 § {pep}</span> : null}
      </div>
      <div className="statement__text">{children}</div>
      {refs.length > 0 ? (
        <details className="statement__tests">
          <summary>
            Checked by {refs.length} test{refs.length === 1 ? '' : 's'}
          </summary>
          <ul>
            {refs.map((r) => (
              <li key={`${r.file}:${r.test}`}>
                <code>{r.file}</code>: {r.test}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
