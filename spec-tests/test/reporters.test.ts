// The report formats, on a hand-built report holding every status: counts, JUnit structure and
// escaping, the Markdown summary, the badge, and the JSON schema (which must reject a bad report).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compactValue } from '../src/error-info.js';
import {
  type ConformanceReport,
  STATUSES,
  summarize,
  type TestRecord,
  type TestStatus,
  worst,
} from '../src/report.js';
import {
  errorLine,
  formatBadge,
  formatHuman,
  formatJson,
  formatJunit,
  formatMarkdown,
  xml,
} from '../src/reporters.js';
import { type Schema, validate } from './json-schema.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const schema = JSON.parse(readFileSync(path.join(here, '..', 'schema', 'report.v1.json'), 'utf8')) as Schema;

function rec(id: string, status: TestStatus, extra: Partial<TestRecord> = {}): TestRecord {
  const section = id.split('.')[0];
  return {
    id,
    section,
    file: `tests/${section}/x.test.ts`,
    title: `title of ${id}`,
    name: id,
    status,
    durationMs: 3,
    ...extra,
  };
}

function report(results: TestRecord[]): ConformanceReport {
  return summarize({
    schemaVersion: 1,
    suite: { name: 'pep3156-conformance', version: '0.1.0' },
    implementation: { name: 'impl <&> "q"', version: '2.0', adapter: '/x/adapter.ts' },
    environment: { node: 'v20.0.0', platform: 'linux', arch: 'x64' },
    options: { sections: ['loop', 'future'], timeoutMs: 5000, bail: false },
    startedAt: '2026-11-24T14:00:00.000Z',
    durationMs: 1234,
    results,
    errors: [],
  });
}

const failed = rec('loop.call-soon.fifo', 'failed', {
  message: 'expected [ 2, 1 ] to deeply equal [ 1, 2 ]',
  expected: '[\n  1,\n  2,\n]',
  actual: '[\n  2,\n  1,\n]',
  location: 'tests/loop/x.test.ts:12:7',
  statement: {
    text: 'Callbacks scheduled with `callSoon` run in the order in which they were scheduled.',
    pep: 'Basic Callbacks',
    url: 'https://example.test/docs/spec/event-loop#loop.call-soon.fifo',
  },
});
const cancelled = rec('task.cancelling.count', 'failed', {
  message: 'CancelledError (no message)',
  error: {
    name: 'CancelledError',
    message: '',
    frames: ['at MyTask.step (/impl/task.ts:40:11)', 'at MyLoop.runOnce (/impl/loop.ts:90:7)'],
  },
});
const all = report([
  rec('loop.a.passes', 'passed'),
  failed,
  rec('loop.c.hangs', 'timed-out', { message: 'Test timed out in 5000ms.' }),
  rec('loop.d.crashes', 'crashed', { message: 'the process running this test died' }),
  rec('future.e.tls', 'unsupported', { message: 'unsupported: tls', unsupported: ['tls'] }),
  rec('future.f.known', 'expected-failure'),
  rec('future.g.stale', 'unexpected-pass', { message: 'passed, but adapter.knownFailures lists it' }),
  rec('future.h.bail', 'skipped', { message: 'not run (--bail)' }),
  rec('future.e.tls', 'passed'),
]);
const silent = report([cancelled]);

describe('report', () => {
  it('counts every status per section and overall, and takes the worst status per statement', () => {
    expect(all.summary).toEqual({
      total: 9,
      passed: 2,
      failed: 1,
      timedOut: 1,
      crashed: 1,
      unsupported: 1,
      expectedFailure: 1,
      unexpectedPass: 1,
      skipped: 1,
    });
    expect(all.sections.loop.total + all.sections.future.total).toBe(9);
    expect(all.statements['future.e.tls']).toBe('unsupported');
    expect(all.ok).toBe(false);
    expect(worst('passed', 'crashed')).toBe('crashed');
    expect(STATUSES).toHaveLength(8);
    expect(report([rec('loop.a.passes', 'passed'), rec('loop.b.tls', 'unsupported')]).ok).toBe(true);
  });

  it('the JSON report matches schema/report.v1.json, and the schema rejects a malformed one', () => {
    expect(validate(JSON.parse(formatJson(all)), schema)).toEqual([]);
    const bad = JSON.parse(formatJson(all)) as Record<string, unknown>;
    bad.schemaVersion = 2;
    (bad.results as Record<string, unknown>[])[0].status = 'exploded';
    delete (bad.summary as Record<string, unknown>).crashed;
    expect(validate(bad, schema).sort()).toEqual([
      '/results/0/status: "exploded" is not one of ["passed","failed","timed-out","crashed","unsupported","expected-failure","unexpected-pass","skipped"]',
      '/schemaVersion: expected 1, got 2',
      '/summary: missing required "crashed"',
    ]);
  });
});

describe('reporters', () => {
  it('every format shows an error’s class, message and top frames, even with an empty message', () => {
    expect(errorLine({ name: 'CancelledError', message: '', frames: [] })).toBe(
      'CancelledError (no message)',
    );
    expect(errorLine({ name: 'TypeError', message: 'bad\nmore', frames: [] })).toBe('TypeError: bad');
    const human = formatHuman(silent);
    expect(human).toContain(
      '  what happened: CancelledError (no message)\n    at MyTask.step (/impl/task.ts:40:11)\n    at MyLoop.runOnce (/impl/loop.ts:90:7)',
    );
    const junit = formatJunit(silent);
    expect(junit).toContain('<failure message="CancelledError (no message)" type="failed">');
    expect(junit).toContain(
      'what happened: CancelledError (no message)\n    at MyTask.step (/impl/task.ts:40:11)',
    );
    expect(human.match(/CancelledError/g), 'said once').toHaveLength(1);
    const markdown = formatMarkdown(silent);
    expect(markdown).toContain(
      '```text\nCancelledError (no message)\n    at MyTask.step (/impl/task.ts:40:11)\n    at MyLoop.runOnce (/impl/loop.ts:90:7)\n```',
    );
    const json = JSON.parse(formatJson(silent)) as ConformanceReport;
    expect(json.results[0].error).toEqual(cancelled.error);
    expect(validate(json, schema)).toEqual([]);
  });

  it('human: a table per section, each problem with its statement, link, expected and actual', () => {
    const text = formatHuman(all);
    expect(text).toMatch(
      /^section\s+total\s+passed\s+failed\s+timed-out\s+crashed\s+unsupported\s+xfail\s+xpass\s+skipped$/m,
    );
    expect(text).toMatch(/^loop\s+4\s+1\s+1\s+1\s+1\s+0\s+0\s+0\s+0$/m);
    expect(text).toContain('✗ [loop.call-soon.fifo] title of loop.call-soon.fifo (failed)');
    expect(text).toContain('the spec says (PEP 3156 § Basic Callbacks):');
    expect(text).toContain(
      '“Callbacks scheduled with `callSoon` run in the order in which they were scheduled.”',
    );
    expect(text).toContain('https://example.test/docs/spec/event-loop#loop.call-soon.fifo');
    expect(text).toContain('expected:\n    [\n      1,');
    expect(text).toContain('test: tests/loop/x.test.ts:12:7');
    expect(text).toMatch(/DOES NOT CONFORM impl <&> "q" 2\.0: 2 passed, 1 failed, 1 timed-out, 1 crashed/);
  });

  it('junit: one testsuite per section, failures, errors and skips, everything escaped', () => {
    const x = formatJunit(all);
    expect(x.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')).toBe(true);
    expect(x).toContain(
      'name="pep3156-conformance 0.1.0: impl &lt;&amp;&gt; &quot;q&quot;" tests="9" failures="2" errors="2" skipped="3"',
    );
    expect(x).toMatch(/<testsuite name="loop" tests="4" failures="1" errors="2" skipped="0"/);
    expect(x).toMatch(/<testsuite name="future" tests="5" failures="1" errors="0" skipped="3"/);
    expect(x).toContain('<failure message="expected [ 2, 1 ] to deeply equal [ 1, 2 ]" type="failed">');
    expect(x).toContain('<error message="Test timed out in 5000ms." type="timed-out">');
    expect(x).toContain('<skipped message="unsupported: tls"/>');
    // Balanced tags: every <testcase> with content is closed.
    expect(x.match(/<testcase [^>]*[^/]>/g)?.length).toBe(x.match(/<\/testcase>/g)?.length);
    expect(x.match(/<testsuite /g)?.length).toBe(2);
    expect(xml('a\u0001<b>&"')).toBe('a&lt;b&gt;&amp;&quot;');
  });

  it('markdown: verdict, table, problems quoting the statement with a link, unsupported features', () => {
    const m = formatMarkdown(all);
    expect(m).toMatch(/^# PEP 3156 conformance: impl <&> "q" 2\.0$/m);
    expect(m).toContain('❌ **Does not conform**: 2 of 9 tests passed, 1 unsupported');
    expect(m).toContain('| loop | 4 | 1 | 1 | 1 | 1 | 0 | 0 | 0 | 0 |');
    expect(m).toContain('### `loop.call-soon.fifo`: title of loop.call-soon.fifo (failed)');
    expect(m).toContain(
      '> [PEP 3156 § Basic Callbacks](https://example.test/docs/spec/event-loop#loop.call-soon.fifo)',
    );
    expect(m).toContain('## Unsupported (1 tests)\n\n`future` (1)\n\nFeatures declared unsupported: `tls`.');
  });

  it('markdown: the Unsupported line counts tests by section, as the table does, whatever the features', () => {
    const m = formatMarkdown(
      report([
        rec('loop.a.x', 'unsupported', { unsupported: ['tls', 'unix'] }),
        rec('loop.b.y', 'unsupported', { unsupported: ['tls'] }),
        rec('future.c.z', 'unsupported', { unsupported: ['unix'] }),
      ]),
    );
    expect(m).toContain('| loop | 2 | 0 | 0 | 0 | 0 | 2 |');
    expect(m).toContain(
      '## Unsupported (3 tests)\n\n`loop` (2), `future` (1)\n\nFeatures declared unsupported: `tls`, `unix`.',
    );
  });

  it('expected and actual values print on one line when they fit, not one element per line', () => {
    expect(compactValue('[\n  1,\n  2,\n]')).toBe('[ 1, 2 ]');
    expect(compactValue('Object {\n  "a": [\n    1,\n  ],\n  "b": "x",\n}')).toBe(
      'Object { "a": [ 1 ], "b": "x" }',
    );
    expect(compactValue('[\n  "line one\nline two",\n]'), 'a multi-line string is kept').toBe(
      '[\n  "line one\nline two",\n]',
    );
    const long = `[\n${Array.from({ length: 40 }, (_, i) => `  ${i},`).join('\n')}\n]`;
    expect(compactValue(long), 'too long for one line').toBe(long);
    expect(compactValue('7')).toBe('7');
  });

  it('badge: passed over applicable tests, coloured by the verdict', () => {
    expect(formatBadge(all)).toContain('aria-label="pep3156: 3/7 passed, 1 unsupported"');
    expect(formatBadge(all)).toContain('fill="#e05d44"');
    const good = report([rec('loop.a.passes', 'passed'), rec('loop.b.tls', 'unsupported')]);
    expect(formatBadge(good)).toContain('aria-label="pep3156: 1/1 passed, 1 unsupported"');
    expect(formatBadge(good)).toContain('fill="#4c1"');
  });
});
