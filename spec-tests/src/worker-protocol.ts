/**
 * What the runner and its child process (src/worker.ts) say to each other.
 * @module
 */
import type { StatementMeta } from './harness.js';

/** The child's configuration, passed as JSON in the environment variable `PEP3156_WORKER`. */
export interface WorkerConfig {
  /** Absolute path of the adapter module. */
  adapter: string;
  /** Whether to import and validate the adapter first (the first attempt does; re-runs do not). */
  probe: boolean;
  /** Sections to run (directories under `testsDir`). */
  sections: string[];
  /** The directory of the sections, relative to the package (normally `tests`). */
  testsDir: string;
  /** Restrict the run to these test files (absolute paths); all files of the sections when absent. */
  files?: string[];
  /** Default per-test timeout, ms. */
  timeoutMs: number;
  /** Stop after the first failure. */
  bail: boolean;
  /** File the test workers append test-start lines to. */
  progressFile: string;
  /** File holding the JSON list of task ids to skip (already reported). */
  skipFile: string;
  /** Resolve `pep3156` and the suite with the `source` condition (running from this repository). */
  fromSource: boolean;
  /** Number of vitest workers (default: vitest's). */
  maxWorkers?: number;
  /** Keep vitest's transformed modules on disk between runs (vitest's experimental fsModuleCache). */
  cacheTransforms?: boolean;
  /** A fresh module graph per test file (vitest's `isolate`); default false, one per worker. */
  isolate?: boolean;
  /** Load the files of unsupported sections too, instead of reading their tests from the text. */
  loadUnsupported?: boolean;
}

/** A serialized test error. */
export interface WorkerError {
  message: string;
  /** The error's class (its `name`). */
  name?: string;
  /** For an error outside any test: vitest's kind (`Uncaught Exception`, `Unhandled Rejection`). */
  type?: string;
  expected?: string;
  actual?: string;
  stack?: string;
}

/** One test as collected. */
export interface WorkerTest {
  taskId: string;
  /** Absolute test file path. */
  file: string;
  /** Full name without the file: describe names and the title, joined by ` > `. */
  name: string;
  title: string;
  meta: StatementMeta | undefined;
  /** The test's own timeout, ms. */
  timeout: number | undefined;
}

/** Child → runner messages. */
export type WorkerMessage =
  | { type: 'adapter'; name: string; version?: string; warnings: string[] }
  | { type: 'adapter-error'; kind: 'load' | 'shape'; message: string }
  | { type: 'files'; files: string[] }
  | { type: 'collected'; file: string; tests: WorkerTest[]; errors: WorkerError[] }
  | {
      type: 'result';
      taskId: string;
      file: string;
      state: 'passed' | 'failed' | 'skipped' | 'pending';
      fails: boolean;
      note?: string;
      errors: WorkerError[];
      durationMs: number;
    }
  | { type: 'file-end'; file: string; errors: WorkerError[] }
  | { type: 'unhandled'; errors: (WorkerError & { file?: string; test?: string })[] }
  | { type: 'run-end'; reason: string };

/** Runner → child messages, after each `run-end`: run these files again (what the spin check cut short), or finish. */
export type RunnerMessage = { type: 'rerun'; files: string[] } | { type: 'close' };

/** One line of the progress file: a test the worker is about to run. */
export interface ProgressLine {
  id: string;
  timeout: number;
  pid: number;
  t: number;
}

/** A heartbeat line of the progress file: the worker `beat` (a pid) was responsive at `t`. */
export interface HeartbeatLine {
  beat: number;
  t: number;
}

/** How often each test worker writes a heartbeat, ms. */
export const HEARTBEAT_MS = 200;
