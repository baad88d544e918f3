/**
 * The conformance report: what a run produces, whatever the reporter. Versioned: the JSON form is
 * described by `schema/report.v1.json` and carries `schemaVersion: 1`.
 * @module
 */

/** The status of one test. */
export type TestStatus =
  | 'passed'
  | 'failed'
  | 'timed-out'
  | 'crashed'
  | 'unsupported'
  | 'expected-failure'
  | 'unexpected-pass'
  | 'skipped';

/** Every status, worst first (a statement takes the worst status of its tests). */
export const STATUSES: readonly TestStatus[] = [
  'crashed',
  'timed-out',
  'failed',
  'unexpected-pass',
  'expected-failure',
  'unsupported',
  'skipped',
  'passed',
];

/** Statuses that make a run fail (exit code 1). */
export const FAILING: ReadonlySet<TestStatus> = new Set([
  'failed',
  'timed-out',
  'crashed',
  'unexpected-pass',
]);

/** The statement a test checks, as written in the spec. */
export interface StatementInfo {
  /** The statement's sentence. */
  text: string;
  /** The PEP 3156 section it comes from. */
  pep?: string;
  /** Absolute URL of the statement on the spec site. */
  url: string;
}

/** An error as a report shows it. */
export interface ErrorInfo {
  /** Its class (`name`): `AssertionError`, `CancelledError`, `TypeError`… */
  name: string;
  /** Its message, possibly empty (a `CancelledError` usually has none). */
  message: string;
  /**
   * The top frames of its stack (`at …` lines, at most {@link MAX_FRAMES}), without vitest's and
   * Node's own: the implementation's frames first, then the test's.
   */
  frames: string[];
}

/** How many stack frames a report keeps per error. */
export const MAX_FRAMES = 6;

/** One test's result. */
export interface TestRecord {
  /** The statement id (null for a test not declared with `statement()`, or a file-level problem). */
  id: string | null;
  /** Section: the first directory under `tests/`. */
  section: string;
  /** Test file, relative to the suite package (`tests/loop/call-soon.test.ts`). */
  file: string;
  /** The test's title (without the `[id]` prefix). */
  title: string;
  /** The full vitest name (describe blocks and title, joined by ` > `). */
  name: string;
  status: TestStatus;
  /** Milliseconds the test ran (0 when it did not run). */
  durationMs: number;
  /** Why it failed, timed out, crashed, or was not run. */
  message?: string;
  /** The expected value of the failed assertion, when there was one. */
  expected?: string;
  /** The actual value of the failed assertion, when there was one. */
  actual?: string;
  /** Where in the test file it failed (`tests/loop/x.test.ts:12:7`). */
  location?: string;
  /** The error the test failed or crashed with. */
  error?: ErrorInfo;
  /** The features the adapter declared unsupported (status `unsupported`). */
  unsupported?: string[];
  /** The statement, quoted from the spec (present when the status is not `passed`). */
  statement?: StatementInfo;
}

/** Counts of statuses. */
export interface StatusCounts {
  total: number;
  passed: number;
  failed: number;
  timedOut: number;
  crashed: number;
  unsupported: number;
  expectedFailure: number;
  unexpectedPass: number;
  skipped: number;
}

/** A problem outside any single test (an unhandled error, a worker that died, a watchdog kill). */
export interface RunError {
  kind: 'unhandled-error' | 'watchdog' | 'worker-exit' | 'collection';
  message: string;
  /** The test file it was attributed to, when known. */
  file?: string;
  /** The test it was attributed to, when known. */
  test?: string;
}

/** The whole run. */
export interface ConformanceReport {
  schemaVersion: 1;
  suite: { name: 'pep3156-conformance'; version: string };
  implementation: { name: string; version?: string; adapter: string };
  environment: { node: string; platform: string; arch: string };
  options: { sections: string[]; timeoutMs: number; bail: boolean };
  startedAt: string;
  durationMs: number;
  /** True when no test failed, timed out, crashed or passed unexpectedly. */
  ok: boolean;
  summary: StatusCounts;
  sections: Record<string, StatusCounts>;
  /** Per statement id, the worst status among its tests. */
  statements: Record<string, TestStatus>;
  results: TestRecord[];
  errors: RunError[];
}

/** Zeroed counts. */
export function emptyCounts(): StatusCounts {
  return {
    total: 0,
    passed: 0,
    failed: 0,
    timedOut: 0,
    crashed: 0,
    unsupported: 0,
    expectedFailure: 0,
    unexpectedPass: 0,
    skipped: 0,
  };
}

const COUNT_KEY: Record<TestStatus, Exclude<keyof StatusCounts, 'total'>> = {
  passed: 'passed',
  failed: 'failed',
  'timed-out': 'timedOut',
  crashed: 'crashed',
  unsupported: 'unsupported',
  'expected-failure': 'expectedFailure',
  'unexpected-pass': 'unexpectedPass',
  skipped: 'skipped',
};

/** Adds one status to `counts`. */
export function count(counts: StatusCounts, status: TestStatus): void {
  counts.total += 1;
  counts[COUNT_KEY[status]] += 1;
}

/** The counts key of a status (`timed-out` → `timedOut`). */
export function countKey(status: TestStatus): Exclude<keyof StatusCounts, 'total'> {
  return COUNT_KEY[status];
}

/** The worse of two statuses. */
export function worst(a: TestStatus, b: TestStatus): TestStatus {
  return STATUSES.indexOf(a) <= STATUSES.indexOf(b) ? a : b;
}

/** Fills `summary`, `sections`, `statements` and `ok` from `results`. */
export function summarize(
  report: Omit<ConformanceReport, 'summary' | 'sections' | 'statements' | 'ok'>,
): ConformanceReport {
  const summary = emptyCounts();
  const sections: Record<string, StatusCounts> = {};
  const statements: Record<string, TestStatus> = {};
  for (const section of report.options.sections) sections[section] = emptyCounts();
  for (const r of report.results) {
    count(summary, r.status);
    sections[r.section] ??= emptyCounts();
    count(sections[r.section], r.status);
    if (r.id) statements[r.id] = statements[r.id] ? worst(statements[r.id], r.status) : r.status;
  }
  const sortedStatements = Object.fromEntries(
    Object.entries(statements).sort(([a], [b]) => (a < b ? -1 : 1)),
  );
  const ok = report.results.every((r) => !FAILING.has(r.status)) && report.errors.length === 0;
  return { ...report, ok, summary, sections, statements: sortedStatements };
}
