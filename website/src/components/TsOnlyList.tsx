// The statements that have no meaning in Python, so no Python twin checks them on CPython: each
// with its reason, grouped by section, linked to where the statement is written. Generated from
// spec-tests/src/statements.generated.json (the `tsOnly` attribute of a <Statement>).
import Link from '@docusaurus/Link';
import type { ReactNode } from 'react';
import statements from '../../../spec-tests/src/statements.generated.json';

type Entry = { text: string; page: string; level: string; tsOnly?: string };
const all = statements as unknown as Record<string, Entry>;

export default function TsOnlyList(): ReactNode {
  const entries = Object.entries(all).filter(([, s]) => s.tsOnly);
  if (entries.length === 0) return <p>Every statement has a Python twin.</p>;
  const sections = [...new Set(entries.map(([id]) => id.split('.')[0]))].sort();
  return (
    <div className="ts-only-list">
      {sections.map((section) => (
        <section key={section}>
          <h3 id={`ts-only-${section}`}>{section}</h3>
          <ul>
            {entries
              .filter(([id]) => id.split('.')[0] === section)
              .map(([id, s]) => (
                <li key={id}>
                  <Link to={s.page}>
                    <code>{id}</code>
                  </Link>
                  : {s.tsOnly}
                </li>
              ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
