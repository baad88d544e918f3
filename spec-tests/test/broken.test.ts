// The suite's strength: every broken implementation in fixtures/broken/ (an adapter over the
// reference implementation that breaks exactly one guarantee) must be rejected, and the statement
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
    return { file, breaks, files: filesCiting(breaks) };
  });

describe('broken implementations', () => {
  it('there are at least 20, each naming a statement the suite tests', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
    for (const c of cases) expect(c.files, `${c.file}: no test cites ${c.breaks}`).not.toEqual([]);
  });

  it('the wrappers alone (fixtures/broken/_control.ts) break none of the statements named', async () => {
    const report = await runConformance({
      adapter: path.join(brokenDir, '_control.ts'),
      files: [...new Set(cases.flatMap((c) => c.files))],
      timeout: 5000,
      cacheTransforms: true,
    });
    const wrong = cases.filter((c) => report.statements[c.breaks] !== 'passed');
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
