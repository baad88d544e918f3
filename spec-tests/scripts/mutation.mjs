#!/usr/bin/env node
// `npm run mutation`: Stryker on the reference implementation's core modules (events/, futures.ts,
// tasks.ts) with the conformance suite as the only tests, then the mutation score per module from
// reports/mutation/mutation.json. Slow (tens of minutes); not part of npm test.
//
//   node spec-tests/scripts/mutation.mjs [--report-only] [-- extra stryker args]
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const reportOnly = args.includes('--report-only');
const extra = args.includes('--') ? args.slice(args.indexOf('--') + 1) : [];
const report = path.join(root, 'reports', 'mutation', 'mutation.json');

if (!reportOnly) {
  const stryker = path.join(root, 'node_modules', '.bin', 'stryker');
  const r = spawnSync(stryker, ['run', 'spec-tests/stryker.config.mjs', ...extra], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) console.error(`stryker exited with ${r.status ?? r.signal}`);
}
if (!existsSync(report)) {
  console.error(`no report at ${path.relative(root, report)}`);
  process.exit(1);
}

const data = JSON.parse(readFileSync(report, 'utf8'));
const rows = [];
const total = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, other: 0 };
for (const [file, { mutants }] of Object.entries(data.files)) {
  const c = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, other: 0 };
  for (const m of mutants) {
    if (m.status === 'Killed') c.killed++;
    else if (m.status === 'Timeout') c.timeout++;
    else if (m.status === 'Survived') c.survived++;
    else if (m.status === 'NoCoverage') c.noCoverage++;
    else c.other++;
  }
  for (const k of Object.keys(total)) total[k] += c[k];
  rows.push([path.relative(root, path.resolve(root, file)), c]);
}
const score = (c) => {
  const detected = c.killed + c.timeout;
  const valid = detected + c.survived + c.noCoverage;
  return valid ? (100 * detected) / valid : 100;
};
const width = Math.max(...rows.map(([f]) => f.length), 6);
console.log(`\n${'module'.padEnd(width)}  score   killed timeout survived no-cov`);
for (const [file, c] of rows.sort(([a], [b]) => (a < b ? -1 : 1))) {
  console.log(
    `${file.padEnd(width)}  ${score(c).toFixed(1).padStart(5)}%  ${String(c.killed).padStart(6)} ${String(c.timeout).padStart(7)} ${String(c.survived).padStart(8)} ${String(c.noCoverage).padStart(6)}`,
  );
}
console.log(
  `${'all'.padEnd(width)}  ${score(total).toFixed(1).padStart(5)}%  ${total.killed} killed, ${total.timeout} timeout, ${total.survived} survived, ${total.noCoverage} no coverage`,
);
