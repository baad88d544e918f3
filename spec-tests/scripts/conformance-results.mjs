#!/usr/bin/env node
// `npm run conformance:results`: runs the whole suite against the repository's implementations (the
// reference implementation and, when present, the virtual-time TestLoop) and writes the results file
// the docs site renders as its conformance matrix, website/src/data/conformance-results.json
// (format: the agreements in CONTRIBUTING / helpers-common), plus one SVG badge per implementation in
// website/static/results/. CPython asyncio (every minor version >= 3.11 found here) and uvloop join
// them through the Python twins (spec-tests/python/): for them a statement's status is its twins'
// (passed, failed, or unsupported when skipped on that version), and TS-only statements are absent.
// Exits 1 if an implementation could not be run at all.
//
//   node spec-tests/scripts/conformance-results.mjs [--sections a,b] [--out FILE] [--no-python]
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { reporters, runConformance } from './_load.mjs';
import { findPythons } from './pythons.mjs';
import { runTwins } from './twins.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const { values } = parseArgs({
  options: { sections: { type: 'string' }, out: { type: 'string' }, 'no-python': { type: 'boolean' } },
});
const out = path.resolve(root, values.out ?? 'website/src/data/conformance-results.json');
const sections = values.sections ? values.sections.split(',') : undefined;

const ADAPTERS = ['reference.ts', 'test-loop.ts']
  .map((f) => path.join(here, '..', 'adapters', f))
  .filter((f) => existsSync(f));

const KEYS = ['passed', 'failed', 'unsupported', 'expectedFailure', 'unexpectedPass', 'timedOut', 'crashed'];
const slug = (name) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

const implementations = [];
let broken = false;
for (const adapter of ADAPTERS) {
  const started = Date.now();
  process.stdout.write(`${path.relative(root, adapter)} ... `);
  try {
    const report = await runConformance({ adapter, ...(sections ? { sections } : {}) });
    const sectionCounts = {};
    for (const [name, counts] of Object.entries(report.sections)) {
      sectionCounts[name] = Object.fromEntries(KEYS.map((k) => [k, counts[k]]));
    }
    implementations.push({
      name: report.implementation.name,
      version: report.implementation.version ?? '',
      kind: 'conformance-suite',
      sections: sectionCounts,
      statements: report.statements,
    });
    const badges = path.join(root, 'website', 'static', 'results');
    mkdirSync(badges, { recursive: true });
    writeFileSync(
      path.join(badges, `${slug(report.implementation.name)}.svg`),
      reporters.formatBadge(report),
    );
    const s = report.summary;
    console.log(
      `${report.implementation.name}: ${s.passed} passed, ${s.failed} failed, ${s.unsupported} unsupported, ` +
        `${s.timedOut} timed out, ${s.crashed} crashed (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
  } catch (error) {
    broken = true;
    console.log(`could not run: ${error.message}`);
  }
}

// The Python implementations, through the twins.
const TWIN_STATUS = { passed: 'passed', failed: 'failed', skipped: 'unsupported' };
const pythons = values['no-python'] ? { cpython: [], uvloop: null } : findPythons();
const pythonRuns = [
  ...pythons.cpython.map((p) => ({ p, loop: 'asyncio', name: `CPython ${p.minor} asyncio` })),
  ...(pythons.uvloop ? [{ p: pythons.uvloop, loop: 'uvloop', name: 'uvloop' }] : []),
];
for (const { p, loop, name } of pythonRuns) {
  const started = Date.now();
  process.stdout.write(`${p.executable} (${loop} twins) ... `);
  try {
    const report = await runTwins(p.executable, loop, sections ? { only: sections } : {});
    const sectionCounts = {};
    const statements = {};
    for (const t of report.tests) {
      const section = t.file.split('/')[0];
      sectionCounts[section] ??= Object.fromEntries(KEYS.map((k) => [k, 0]));
      for (const id of t.statements) {
        const status = TWIN_STATUS[t.status] ?? 'failed';
        const before = statements[id];
        // A statement fails if any of its twins fails; it passes if one passes and none fails.
        statements[id] =
          before === 'failed' || status === 'failed' ? 'failed' : before === 'passed' ? before : status;
      }
    }
    for (const [id, status] of Object.entries(statements)) {
      const t = report.tests.find((x) => x.statements.includes(id));
      sectionCounts[t.file.split('/')[0]][status] += 1;
    }
    const version =
      loop === 'uvloop'
        ? `${report.implementation.split(' ')[1]} on CPython ${report.python}`
        : report.python;
    implementations.push({
      name,
      version,
      kind: 'python-twins',
      sections: Object.fromEntries(Object.entries(sectionCounts).sort()),
      statements: Object.fromEntries(Object.entries(statements).sort()),
    });
    const c = { passed: 0, failed: 0, unsupported: 0 };
    for (const st of Object.values(statements)) c[st] += 1;
    console.log(
      `${name} ${version}: ${c.passed} passed, ${c.failed} failed, ${c.unsupported} unsupported ` +
        `statements (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
  } catch (error) {
    broken = true;
    console.log(`could not run: ${error.message}`);
  }
}
for (const minor of values['no-python'] ? [] : pythons.missing)
  console.log(`CPython ${minor}: not found, left out`);

const results = { schemaVersion: 1, generatedAt: new Date().toISOString(), implementations };
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
console.log(`wrote ${path.relative(root, out)}`);
process.exit(broken ? 1 : 0);
