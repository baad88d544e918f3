// The suite's strength: every broken implementation in fixtures/broken/ (an adapter over the
// reference implementation, or the from-scratch foreign loop of fixtures/foreign/ built with one
// fault, that breaks exactly one guarantee) must be rejected, and the statement
// that rejects it must be the one it names in `export const breaks`. Each runs the test file(s) of
// that statement (found by scanning tests/ for the id), not the whole suite, to stay fast.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FAILING } from '../src/report.js';
import { runConformance } from '../src/runner.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const brokenDir = path.join(here, 'fixtures', 'broken');
const testsDir = path.join(here, '..', 'tests');

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory()
      ? testFiles(path.join(dir, d.name))
      : d.name.endsWith('.test.ts')
        ? [path.join(dir, d.name)]
        : [],
  );
}

/** The test files (relative to tests/) that cite `id` in a statement() call. */
function filesCiting(id: string): string[] {
  const quoted = new RegExp(String.raw`statement\(\s*['"\x60]${id.replace(/\./g, '\\.')}['"\x60]`);
  return testFiles(testsDir)
    .filter((f) => quoted.test(readFileSync(f, 'utf8')))
    .map((f) => path.relative(testsDir, f));
}

const cases = readdirSync(brokenDir)
  .filter((f) => f.endsWith('.ts') && !f.startsWith('_'))
  .sort()
  .map((file) => {
    const source = readFileSync(path.join(brokenDir, file), 'utf8');
    const breaks = /export const breaks = '([^']+)'/.exec(source)?.[1];
    if (!breaks) throw new Error(`${file} does not export const breaks = '<statement id>'`);
    // Built on the foreign loop (fixtures/broken/_foreign.ts) or on the reference (_kit.ts).
    const base = source.includes("from './_foreign.js'") ? 'foreign' : 'reference';
    return { file, breaks, base, files: filesCiting(breaks) };
  });

describe('broken implementations', () => {
  it('there are at least 20, each naming a statement the suite tests', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
    for (const c of cases) expect(c.files, `${c.file}: no test cites ${c.breaks}`).not.toEqual([]);
  });

  it.each([
    { base: 'reference', control: path.join(brokenDir, '_control.ts') },
    { base: 'foreign', control: path.join(here, 'fixtures', 'foreign', 'adapter.ts') },
  ])('without the break ($base: $control) every statement named passes', async ({ base, control }) => {
    const mine = cases.filter((c) => c.base === base);
    const report = await runConformance({
      adapter: control,
      files: [...new Set(mine.flatMap((c) => c.files))],
      timeout: 5000,
      cacheTransforms: true,
    });
    const wrong = mine.filter((c) => report.statements[c.breaks] !== 'passed');
    expect(wrong.map((c) => `${c.breaks}: ${report.statements[c.breaks]}`)).toEqual([]);
  });

  describe.concurrent.each(cases)('$file', ({ file, breaks, files }) => {
    it(`is rejected, by [${breaks}]`, async () => {
      const report = await runConformance({
        adapter: path.join(brokenDir, file),
        files,
        timeout: 2000,
        graceMs: 1000,
        maxWorkers: 1,
        cacheTransforms: true,
      });
      const failing = Object.entries(report.statements)
        .filter(([, status]) => FAILING.has(status))
        .map(([id, status]) => `${id} (${status})`);
      expect(report.ok, 'the run is rejected').toBe(false);
      expect(failing, `${breaks} is among the failing statements`).toContainEqual(
        expect.stringMatching(new RegExp(`^${breaks.replace(/\./g, '\\.')} `)),
      );
    });
  });
});
