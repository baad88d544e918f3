// remark-statement-refs: gives each <Statement id=…> of a page the tests and Python twins that check
// it and the API entries it governs, as a `refs` attribute (JSON text) written while the site builds.
// The API entries come from rosetta.generated.json, the data from which the API reference links each
// entry to its statements (website/src/plugins/typedoc-spec-links.mjs): the links go both ways. The component used to import
// the whole of website/src/data/statement-tests.json and statement-twins.json (190 KB), which then
// came with every docs page; now each page carries only its own statements' references.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const data = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../data');
const read = (file) => JSON.parse(readFileSync(path.join(data, file), 'utf8'));

/** The API entries (TypeScript name and API page) that each statement governs. */
function apiEntries() {
  const byId = {};
  for (const group of read('rosetta.generated.json').groups) {
    for (const row of group.rows) {
      if (!row.ts || !row.api) continue;
      for (const { id } of row.statements) {
        byId[id] ??= [];
        if (!byId[id].some((e) => e.href === row.api)) byId[id].push({ name: row.ts, href: row.api });
      }
    }
  }
  return byId;
}

/** Reads the files once per build. */
let cache;
function references() {
  cache ??= { tests: read('statement-tests.json'), twins: read('statement-twins.json'), api: apiEntries() };
  return cache;
}

export default function remarkStatementRefs() {
  return (tree) => {
    const walk = (node) => {
      if (node.type === 'mdxJsxFlowElement' && node.name === 'Statement') {
        const id = node.attributes.find((a) => a.type === 'mdxJsxAttribute' && a.name === 'id')?.value;
        if (typeof id === 'string') {
          const { tests, twins, api } = references();
          const refs = { tests: tests[id] ?? [], twins: twins[id] ?? [], api: api[id] ?? [] };
          node.attributes = node.attributes.filter((a) => a.name !== 'refs');
          node.attributes.push({ type: 'mdxJsxAttribute', name: 'refs', value: JSON.stringify(refs) });
        }
      }
      for (const child of node.children ?? []) walk(child);
    };
    walk(tree);
  };
}
