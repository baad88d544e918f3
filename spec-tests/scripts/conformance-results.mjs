#!/usr/bin/env node
// `npm run conformance:results`: runs the whole suite against the repository's implementations (the
// reference implementation and, when present, the virtual-time TestLoop) and writes the results file
// the docs site renders as its conformance matrix, website/src/data/conformance-results.json
// (format: the agreements in CONTRIBUTING / helpers-common), plus one SVG badge per implementation in
// website/static/results/. Exits 1 if an implementation could not be run at all.
//
//   node spec-tests/scripts/conformance-results.mjs [--sections a,b] [--out FILE]
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { reporters, runConformance } from './_load.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const { values } = parseArgs({ options: { sections: { type: 'string' }, out: { type: 'string' } } });
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

const results = { schemaVersion: 1, generatedAt: new Date().toISOString(), implementations };
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
console.log(`wrote ${path.relative(root, out)}`);
process.exit(broken ? 1 : 0);
