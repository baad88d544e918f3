#!/usr/bin/env node
// `npm run flake`: runs the whole conformance suite N times (default 20) against the reference
// implementation and reports every test that ever ended other than passed/unsupported, with how
// often and what it said. Exits 1 when any test flaked (or failed every time).
//
//   node spec-tests/scripts/flake.mjs [--runs N] [--sections a,b] [--adapter FILE]
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runConformance } from './_load.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    runs: { type: 'string' },
    sections: { type: 'string' },
    adapter: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(
    'usage: node spec-tests/scripts/flake.mjs [--runs N] [--sections a,b] [--adapter FILE]\n' +
      'Runs the conformance suite N times (default 20) and lists every test that did not always pass.',
  );
  process.exit(0);
}
const runs = Number(values.runs ?? 20);
const adapter = values.adapter ?? path.join(here, '..', 'adapters', 'reference.ts');
const sections = values.sections ? values.sections.split(',') : undefined;
const OK = new Set(['passed', 'unsupported', 'expected-failure']);

/** key -> { id, file, title, bad: Map<status, count>, messages: string[] } */
const seen = new Map();
const times = [];
for (let i = 1; i <= runs; i++) {
  const started = Date.now();
  const report = await runConformance({ adapter, ...(sections ? { sections } : {}) });
  times.push(Date.now() - started);
  let bad = 0;
  for (const r of report.results) {
    if (OK.has(r.status)) continue;
    bad++;
    const key = `${r.file} > ${r.name}`;
    if (!seen.has(key))
      seen.set(key, { id: r.id, file: r.file, title: r.title, bad: new Map(), messages: [] });
    const entry = seen.get(key);
    entry.bad.set(r.status, (entry.bad.get(r.status) ?? 0) + 1);
    if (entry.messages.length < 3 && r.message) entry.messages.push(r.message.split('\n')[0]);
  }
  const errors = report.errors.length ? `, ${report.errors.length} error(s) outside tests` : '';
  console.log(
    `run ${String(i).padStart(2)}/${runs}: ${report.summary.total} tests, ${bad} not passing${errors} ` +
      `(${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
}

const sorted = [...times].sort((a, b) => a - b);
console.log(
  `\n${runs} runs, wall time median ${(sorted[Math.floor(runs / 2)] / 1000).toFixed(1)} s, ` +
    `max ${(sorted[runs - 1] / 1000).toFixed(1)} s`,
);
if (seen.size === 0) {
  console.log('no flakes: every test passed (or was unsupported) in every run');
  process.exit(0);
}
console.log(`\n${seen.size} test(s) did not always pass:`);
for (const e of seen.values()) {
  const counts = [...e.bad].map(([s, n]) => `${s} ${n}/${runs}`).join(', ');
  console.log(`- [${e.id}] ${e.title} (${e.file}): ${counts}`);
  for (const m of e.messages) console.log(`    ${m}`);
}
process.exit(1);
