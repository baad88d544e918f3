#!/usr/bin/env node
// Wall time of the whole conformance suite against the reference implementation (target: under
// 60 s on the 2-core CI machine), beside two baselines measured in the same run: the runner's own
// fixed cost (child process, vitest start-up, the 7-test fixture suite on a trivial loop) and a bare
// Node.js process start.
//
//   node bench/suite-time.mjs [--runs N] [--sections a,b]
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runConformance } from '../spec-tests/scripts/_load.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { runs: { type: 'string' }, sections: { type: 'string' } } });
const runs = Number(values.runs ?? 1);
const sections = values.sections ? values.sections.split(',') : undefined;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const secs = (ms) => `${(ms / 1000).toFixed(2)} s`;

const node = [];
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  spawnSync(process.execPath, ['-e', '0']);
  node.push(performance.now() - t);
}
const fixture = [];
for (let i = 0; i < runs; i++) {
  const t = performance.now();
  await runConformance({
    adapter: path.join(root, 'spec-tests/test/fixtures/mini-adapter.ts'),
    testsDir: path.join(root, 'spec-tests/test/fixtures/suite/tests'),
  });
  fixture.push(performance.now() - t);
}
const suite = [];
let last;
for (let i = 0; i < runs; i++) {
  const t = performance.now();
  last = await runConformance({
    adapter: path.join(root, 'spec-tests/adapters/reference.ts'),
    ...(sections ? { sections } : {}),
  });
  suite.push(performance.now() - t);
}
const s = last.summary;
console.log('conformance suite wall time against the reference implementation');
console.log(
  `  sections ${last.options.sections.length}, tests ${s.total}: ${s.passed} passed, ${s.failed} failed, ${s.unsupported} unsupported, ${s.timedOut} timed out, ${s.crashed} crashed`,
);
console.log(
  `  whole suite (median of ${runs}):                 ${secs(median(suite))}   target < 60 s: ${median(suite) < 60_000 ? 'met' : 'MISSED'}`,
);
console.log(`  baseline: runner + vitest start-up, 7-test fixture: ${secs(median(fixture))}`);
console.log(`  baseline: bare Node.js process start (median of 5):  ${secs(median(node))}`);
console.log(`  machine: ${process.version}, ${(await import('node:os')).cpus().length} CPU(s)`);
