#!/usr/bin/env node
// `npm test`: every check the project has, in order, then one closing line CI can read:
// `N passed, N failed, N skipped`. Counts come from vitest's JSON report (tests) plus one per
// non-vitest step (lint, typecheck, docs build, ...). A failing step does not stop later steps,
// so one run reports everything; the exit code is non-zero if anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
mkdirSync('reports', { recursive: true });
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

/** Steps: [label, command, args, { vitestJson?: file, when?: () => boolean }] */
const steps = [
  ['lint (biome)', bin('biome'), ['check', '.']],
  ['typecheck reference-impl', bin('tsc'), ['-p', 'reference-impl']],
  ['typecheck spec-tests', bin('tsc'), ['-p', 'spec-tests']],
  ['typecheck bench, examples, docs samples', bin('tsc'), ['-p', 'tsconfig.tests.json']],
  ['typecheck site', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']],
  [
    'statements: every spec statement tested',
    process.execPath,
    ['scripts/check-statements.mjs'],
    { when: () => existsSync('scripts/check-statements.mjs') },
  ],
  [
    'vitest (all projects)',
    bin('vitest'),
    ['run', '--reporter=default', '--reporter=json', '--outputFile.json=reports/vitest.json'],
    { vitestJson: 'reports/vitest.json' },
  ],
  [
    'packages: npm pack, offline install, skipLibCheck false in 5 module modes, init',
    process.execPath,
    ['scripts/check-packages.mjs'],
  ],
  [
    'docs site build',
    process.execPath,
    ['scripts/build-site.mjs'],
    { when: () => existsSync('scripts/build-site.mjs') },
  ],
  [
    'browser checks',
    bin('vitest'),
    [
      'run',
      '--config',
      'website/test/vitest.config.mts',
      '--reporter=default',
      '--reporter=json',
      '--outputFile.json=reports/browser.json',
    ],
    { vitestJson: 'reports/browser.json', when: () => existsSync('website/test/vitest.config.mts') },
  ],
];

let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];
for (const [label, cmd, args, opts = {}] of steps) {
  if (opts.when && !opts.when()) continue;
  console.log(`\n=== ${label} ===`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (opts.vitestJson && existsSync(opts.vitestJson)) {
    const report = JSON.parse(readFileSync(opts.vitestJson, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + (report.numTodoTests ?? 0);
    if (r.status !== 0 && report.numFailedTests === 0) {
      failed += 1; // the run itself failed (a suite that did not load, an unhandled error)
      failures.push(`${label} (exit ${r.status})`);
    } else if (report.numFailedTests > 0) {
      failures.push(`${label}: ${report.numFailedTests} failed`);
      // Name each failed test with the first line of its message, so the summary at the end of a
      // long log (often all a CI page keeps) says what to look at.
      for (const file of report.testResults ?? []) {
        for (const t of file.assertionResults ?? []) {
          if (t.status !== 'failed') continue;
          const where = path.relative(process.cwd(), file.name);
          const why = String(t.failureMessages?.[0] ?? '')
            .split('\n')[0]
            .slice(0, 300);
          failures.push(`  ${where} > ${t.fullName ?? t.title}\n      ${why}`);
        }
      }
    }
  } else if (r.status === 0) passed += 1;
  else {
    failed += 1;
    failures.push(`${label} (exit ${r.status ?? r.signal})`);
  }
  console.log(`=== ${label}: ${r.status === 0 ? 'ok' : 'FAILED'} in ${secs}s ===`);
}
if (failures.length)
  console.log(`\nFailed:\n${failures.map((f) => (f.startsWith(' ') ? f : `- ${f}`)).join('\n')}`);
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
