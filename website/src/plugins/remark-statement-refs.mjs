// remark-statement-refs: gives each <Statement id=…> of a page the tests and Python twins that check
// it, as a `refs` attribute (JSON text) written while the site builds. The component used to import
// the whole of website/src/data/statement-tests.json and statement-twins.json (190 KB), which then
// came with every docs page; now each page carries only its own statements' references.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const data = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../data');
const read = (file) => JSON.parse(readFileSync(path.join(data, file), 'utf8'));

/** Reads the two files once per build. */
let cache;
function references() {
  cache ??= { tests: read('statement-tests.json'), twins: read('statement-twins.json') };
  return cache;
}

export default function remarkStatementRefs() {
  return (tree) => {
    const walk = (node) => {
      if (node.type === 'mdxJsxFlowElement' && node.name === 'Statement') {
        const id = node.attributes.find((a) => a.type === 'mdxJsxAttribute' && a.name === 'id')?.value;
        if (typeof id === 'string') {
          const { tests, twins } = references();
          const refs = { tests: tests[id] ?? [], twins: twins[id] ?? [] };
          node.attributes = node.attributes.filter((a) => a.name !== 'refs');
          node.attributes.push({ type: 'mdxJsxAttribute', name: 'refs', value: JSON.stringify(refs) });
        }
      }
      for (const child of node.children ?? []) walk(child);
    };
    walk(tree);
  };
}
