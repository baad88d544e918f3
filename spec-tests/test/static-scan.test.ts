// Sections the adapter declares unsupported are reported without loading their files: the runner
// reads their tests from the text (src/static-scan.ts). The report must be exactly what loading
// them gives, for every file of the suite, and a file that cannot be read plainly is loaded.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { TestRecord } from '../src/report.js';
import { runConformance } from '../src/runner.js';
import { scanTestFile } from '../src/static-scan.js';

const here = path.dirname(fileURLToPath(import.meta.url));
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

const comparable = (records: TestRecord[]) =>
  records
    .map(({ durationMs: _, ...r }) => r)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

describe('unsupported sections are not loaded', () => {
  it('a file of an unsupported section that throws when loaded is reported, not loaded', async () => {
    const options = {
      adapter: path.join(here, 'fixtures', 'mini-adapter.ts'),
      testsDir: path.join(here, 'fixtures', 'suite-static', 'tests'),
      timeout: 2000,
      maxWorkers: 1,
    };
    const scanned = await runConformance(options);
    expect(scanned.errors).toEqual([]);
    expect(scanned.results.map((r) => [r.id, r.status, r.unsupported ?? null, r.title]).sort()).toEqual([
      ['fixture.static.plain', 'unsupported', ['tls'], "a plain test, with a title that has 'quotes'"],
      ['fixture.static.runs', 'passed', null, 'time() is a number'],
      ['fixture.static.two-features', 'unsupported', ['tls'], 'a test that also needs unix'],
    ]);
    const loaded = await runConformance({ ...options, loadUnsupported: true });
    expect(loaded.errors.map((e) => e.kind)).toEqual(['collection']);
    expect(loaded.errors[0].message).toMatch(/this file was loaded/);
  });

  it('the scan reads nearly every file of the suite, and finds each statement() call', () => {
    const files = testFiles(testsDir);
    const read = files.map((f) => ({ f, tests: scanTestFile(readFileSync(f, 'utf8')) }));
    const unread = read.filter((r) => r.tests === null).map((r) => path.relative(testsDir, r.f));
    expect(unread.length, `unread: ${unread.join(', ')}`).toBeLessThanOrEqual(5);
    for (const { f, tests } of read) {
      if (tests) expect(tests.length, f).toBe((readFileSync(f, 'utf8').match(/\bstatement\(/g) ?? []).length);
    }
  });

  it('the TestLoop report (13 features unsupported) is the same whether those sections are read or loaded', async () => {
    const options = { adapter: path.join(here, '..', 'adapters', 'test-loop.ts'), timeout: 5000 };
    const [scanned, loaded] = await Promise.all([
      runConformance(options),
      runConformance({ ...options, loadUnsupported: true }),
    ]);
    expect(scanned.summary.unsupported).toBeGreaterThan(200);
    expect(comparable(scanned.results)).toEqual(comparable(loaded.results));
    expect(scanned.summary).toEqual(loaded.summary);
  }, 180_000);
});
