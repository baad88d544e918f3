// The runner and its watchdog against hostile adapters: whatever the implementation does (hang,
// spin, crash, throw on load, return the wrong types), the run ends with a complete report and the
// right statuses. Runs a small fixture suite (fixtures/suite/tests: sections alpha and beta, 7 tests)
// with short timeouts, so it stays fast and does not depend on the real sections.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ConformanceReport, TestStatus } from '../src/report.js';
import { AdapterError, type RunEvent, type RunOptions, runConformance } from '../src/runner.js';
import { type Schema, validate } from './json-schema.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, 'fixtures');
const suite = path.join(fixtures, 'suite', 'tests');
const bin = path.join(here, '..', 'bin', 'pep3156-conformance.mjs');
const schema = JSON.parse(readFileSync(path.join(here, '..', 'schema', 'report.v1.json'), 'utf8')) as Schema;

function run(adapter: string, options: Partial<RunOptions> = {}): Promise<ConformanceReport> {
  return runConformance({
    adapter: path.join(fixtures, adapter),
    testsDir: suite,
    timeout: 1500,
    graceMs: 1000,
    maxWorkers: 1,
    ...options,
  });
}

function statuses(report: ConformanceReport): Record<string, TestStatus> {
  return Object.fromEntries(report.results.map((r) => [r.id ?? r.file, r.status]));
}

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { cwd: fixtures, timeout: 60_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? ((error as { code?: number }).code ?? -1) : 0, stdout, stderr });
      },
    );
  });
}

describe.concurrent('runConformance', () => {
  it('reports passed, unsupported and expected failures, and a conforming run is ok', async () => {
    const report = await run('mini-adapter.ts');
    expect(statuses(report)).toEqual({
      'fixture.call-soon.runs': 'passed',
      'fixture.call-soon.fifo': 'passed',
      'fixture.time.monotonic': 'passed',
      'fixture.run.value': 'passed',
      'fixture.known.fails': 'expected-failure',
      'fixture.tls.needs-tls': 'unsupported',
      'fixture.run.after': 'passed',
    });
    expect(report.ok).toBe(true);
    expect(report.implementation).toMatchObject({ name: 'mini-loop', version: '1.0.0' });
    expect(report.sections.beta).toMatchObject({ total: 4, passed: 2, unsupported: 1, expectedFailure: 1 });
    expect(report.results.find((r) => r.status === 'unsupported')?.unsupported).toEqual(['tls']);
    expect(validate(report, schema)).toEqual([]);
  });

  it('loads a plain JavaScript adapter too', async () => {
    const report = await run('js-adapter.mjs', { sections: ['alpha'] });
    expect(report.implementation.name).toBe('mini-loop (JavaScript adapter)');
    expect(report.summary).toMatchObject({ total: 3, passed: 3 });
  });

  it('a knownFailures entry that passes is an unexpected pass and fails the run', async () => {
    const report = await run('stale-known-failures.ts', { sections: ['beta'] });
    expect(statuses(report)['fixture.run.value']).toBe('unexpected-pass');
    expect(statuses(report)['fixture.known.fails']).toBe('expected-failure');
    expect(report.ok).toBe(false);
  });

  it('hang: a future that never settles times out, and every other test is still reported', async () => {
    const report = await run('hostile/hang.ts', { sections: ['beta'] });
    const value = report.results.find((r) => r.id === 'fixture.run.value');
    expect(value?.status).toBe('timed-out');
    expect(value?.message).toMatch(/timed out in 1500ms/);
    expect(report.results).toHaveLength(4);
    expect(statuses(report)['fixture.run.after']).toBe('passed');
    expect(report.ok).toBe(false);
    expect(validate(report, schema)).toEqual([]);
  });

  it('spin: the watchdog kills a synchronous spin within the spin limit, marks that test timed out and runs the rest in the same child', async () => {
    const events: RunEvent[] = [];
    // A 5 s timeout puts the fallback watchdog (timeout + hook timeout + grace) at 11 s, far behind
    // the spin check, even on a loaded machine where the spinning worker gets little CPU.
    const report = await run('hostile/spin.ts', {
      sections: ['alpha'],
      timeout: 5000,
      onEvent: (e) => events.push(e),
    });
    expect(statuses(report)).toEqual({
      'fixture.call-soon.runs': 'passed',
      'fixture.call-soon.fifo': 'timed-out',
      'fixture.time.monotonic': 'passed',
    });
    const spun = report.results.find((r) => r.id === 'fixture.call-soon.fifo');
    expect(spun?.message).toMatch(
      /^did not yield for (\d+) ms \(a synchronous loop\?\): its process was killed$/,
    );
    const silentMs = Number(/for (\d+) ms/.exec(spun?.message ?? '')?.[1]);
    expect(silentMs, 'never before the 2 s spin limit').toBeGreaterThanOrEqual(2000);
    const restarts = events.filter((e) => e.type === 'restart');
    expect(
      restarts.map((e) => e.type === 'restart' && e.attempt),
      'the rest ran in the first child',
    ).toEqual([1]);
    expect(report.errors.map((e) => e.kind)).toEqual(['watchdog']);
    expect(validate(report, schema)).toEqual([]);
  });

  it('crash: a test whose process dies is crashed, and the rest of its file still runs, in the same child', async () => {
    const events: RunEvent[] = [];
    const report = await run('hostile/crash.ts', { sections: ['alpha'], onEvent: (e) => events.push(e) });
    const attempts = events.filter((e) => e.type === 'restart').map((e) => e.type === 'restart' && e.attempt);
    expect(attempts, 'no new child: each rerun is attempt 1').toEqual(attempts.map(() => 1));
    expect(statuses(report)).toEqual({
      'fixture.call-soon.runs': 'crashed',
      'fixture.call-soon.fifo': 'crashed',
      'fixture.time.monotonic': 'passed',
    });
    expect(report.ok).toBe(false);
  });

  it('wrong types: each test fails with a message naming newEventLoop and what it returned', async () => {
    const report = await run('hostile/wrong-types.ts');
    expect(report.results).toHaveLength(7);
    expect(report.results.filter((r) => r.status === 'failed')).toHaveLength(7);
    for (const r of report.results) {
      expect(r.message).toMatch(/^adapter\.newEventLoop\(\) returned (a number \(42\)|an object without)/);
    }
  });

  it('silent errors: an empty-message error shows its class and the loop’s frames; an escaped error is crashed', async () => {
    const report = await run('hostile/silent.ts', { testsDir: path.join(fixtures, 'suite-errors', 'tests') });
    expect(statuses(report)).toEqual({
      'fixture.err.run': 'failed',
      'fixture.err.callback': 'crashed',
      'fixture.err.callback-fails': 'crashed',
    });
    const [silent, escaped, both] = ['run', 'callback', 'callback-fails'].map((k) =>
      report.results.find((r) => r.id === `fixture.err.${k}`),
    );
    expect(silent?.message).toBe('CancelledError (no message)');
    expect(silent?.error).toMatchObject({ name: 'CancelledError', message: '' });
    expect(silent?.error?.frames[0]).toMatch(/^at SilentLoop\.#deliver \(.*hostile\/silent\.ts:\d+:\d+\)$/);
    expect(silent?.error?.frames.join('\n')).not.toMatch(/node_modules|node:internal|src\/harness/);
    expect(escaped?.message).toMatch(
      /^an error escaped the loop \(Uncaught Exception, never reached the loop's exception handler\): Error: boom from a callback$/,
    );
    expect(escaped?.error).toMatchObject({ name: 'Error', message: 'boom from a callback' });
    expect(both?.message).toMatch(/boom again; the test also failed: the exception handler saw the error/);
    expect(validate(report, schema)).toEqual([]);
  });

  it('throw on load: one AdapterError of kind load, with the adapter’s own message', async () => {
    const error = await run('hostile/throw-on-load.ts').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdapterError);
    expect((error as AdapterError).kind).toBe('load');
    expect((error as AdapterError).message).toMatch(/exploded while loading/);
  });

  it('wrong shape: one AdapterError naming every bad field', async () => {
    const error = (await run('hostile/wrong-shape.ts').catch((e: unknown) => e)) as AdapterError;
    expect(error).toBeInstanceOf(AdapterError);
    expect(error.kind).toBe('shape');
    expect(error.message).toMatch(/adapter\.name must be a non-empty string \(got a number \(42\)\)/);
    expect(error.message).toMatch(/adapter\.newEventLoop must be a function/);
    expect(error.message).toMatch(/unknown feature "warp-drive"/);
  });

  it('bail: stops at the first failure and reports the tests it did not run as skipped', async () => {
    const report = await run('hostile/wrong-types.ts', { sections: ['alpha'], bail: true });
    const counts = report.sections.alpha;
    expect(counts.failed).toBeGreaterThanOrEqual(1);
    expect(counts.failed + counts.skipped).toBe(3);
    expect(
      report.results.filter((r) => r.status === 'skipped').every((r) => r.message === 'not run (--bail)'),
    ).toBe(true);
  });
});

describe.concurrent('the CLI', () => {
  const tmp = os.tmpdir();
  const common = ['--tests-dir', 'suite/tests', '--timeout', '1500', '--grace', '1000', '--max-workers', '1'];

  it('exits 0 for a conforming adapter and writes a schema-valid JSON report and a badge', async () => {
    const out = path.join(tmp, `pep3156-cli-${process.pid}.json`);
    const badge = path.join(tmp, `pep3156-cli-${process.pid}.svg`);
    const r = await cli(['mini-adapter.ts', ...common, '--reporter', 'json', '--out', out, '--badge', badge]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/CONFORMS mini-loop 1\.0\.0: 5 passed, 1 unsupported, 1 xfail \(7 tests\)/);
    const report = JSON.parse(readFileSync(out, 'utf8')) as ConformanceReport;
    expect(validate(report, schema)).toEqual([]);
    expect(readFileSync(badge, 'utf8')).toMatch(/<svg[^>]*aria-label="pep3156: 6\/6 passed, 1 unsupported"/);
  });

  it('exits 1 when tests fail, naming the statement and what happened', async () => {
    const r = await cli(['hostile/wrong-types.ts', ...common, '--sections', 'beta']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/\[fixture\.run\.value\] runUntilComplete returns the body result \(failed\)/);
    expect(r.stdout).toMatch(/what happened: \w*Error: adapter\.newEventLoop\(\) returned a number \(42\)/);
    expect(r.stdout).toMatch(/DOES NOT CONFORM/);
  });

  it('exits 2 with one clear message when the adapter throws on load or has the wrong shape', async () => {
    const thrown = await cli(['hostile/throw-on-load.ts', ...common]);
    expect(thrown.code).toBe(2);
    expect(thrown.stderr).toMatch(
      /^pep3156-conformance: the adapter module failed to load:\nError: hostile adapter: exploded/,
    );
    const shape = await cli(['hostile/wrong-shape.ts', ...common]);
    expect(shape.code).toBe(2);
    expect(shape.stderr).toMatch(/the adapter has the wrong shape/);
    const missing = await cli(['hostile/no-such-adapter.ts', ...common]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/adapter module not found/);
  });

  it('exits 3 on usage errors', async () => {
    expect((await cli([])).code).toBe(3);
    expect((await cli(['mini-adapter.ts', ...common, '--sections', 'nope'])).stderr).toMatch(
      /unknown section\(s\): nope \(known: alpha, beta\)/,
    );
    expect((await cli(['mini-adapter.ts', '--reporter', 'yaml'])).code).toBe(3);
    expect((await cli(['mini-adapter.ts', '--timeout', 'soon'])).code).toBe(3);
    expect((await cli(['mini-adapter.ts', '--spin-timeout', 'never'])).stderr).toMatch(
      /--spin-timeout wants a positive number/,
    );
    expect((await cli(['mini-adapter.ts', '--frobnicate'])).code).toBe(3);
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Exit codes: 0 all supported tests passed/);
  });
});
