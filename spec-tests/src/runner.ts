/**
 * `runConformance()`: runs the suite against an adapter and returns the report. The CLI and the
 * mounting helpers share it.
 *
 * The tests run in a child process (src/worker.ts, vitest inside). The child reports each collected
 * test and each result over IPC; the test workers append a line to a progress file, synchronously,
 * as each test starts, and a heartbeat line every 200 ms. A test whose worker stops beating for the
 * spin limit (2 s) is stuck in synchronous code: the watchdog kills that one worker, marks the test
 * `timed-out`, and once vitest has finished the other files the same child runs the rest of that
 * file, skipping every test already reported. A test past its deadline (its timeout, the hook
 * timeout and a grace period) with its worker still beating is the fallback: the watchdog kills the
 * child's whole process group and starts a new child on the files not finished. A child that dies
 * on its own marks the tests it was running `crashed`. So a hung, spinning or crashing
 * implementation still yields a complete report.
 * @module
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compactValue, errorInfo, locationOf, messageOf } from './error-info.js';
import { FROM_SOURCE, listSections, PACKAGE_DIR, SUITE_VERSION, statementInfo } from './package-info.js';
import {
  type ConformanceReport,
  FAILING,
  type RunError,
  summarize,
  type TestRecord,
  type TestStatus,
} from './report.js';
import { cpuTimeMs, isSpinning } from './spin.js';
import type {
  HeartbeatLine,
  ProgressLine,
  RunnerMessage,
  WorkerConfig,
  WorkerError,
  WorkerMessage,
  WorkerTest,
} from './worker-protocol.js';

/** Options of {@link runConformance}. */
export interface RunOptions {
  /** The adapter module: a path (relative to `cwd`) or a `file:` URL; `.ts` and `.js` both work. */
  adapter: string;
  /** Sections to run (directories of `tests/`: `loop`, `future`, …); all when absent. */
  sections?: readonly string[];
  /** Per-test timeout in ms (a test's own `timeout` option wins). Default 5000. */
  timeout?: number;
  /** Stop at the first failing test; the tests not run are reported `skipped`. */
  bail?: boolean;
  /** Extra time in ms the watchdog allows past a test's timeout before killing it. Default 2000. */
  graceMs?: number;
  /**
   * How long, in ms, a test worker may go without a heartbeat while a test runs before the watchdog
   * takes it for a synchronous spin and kills that worker. Default 2000.
   */
  spinTimeout?: number;
  /** A fresh module graph per test file (slower; default: one per worker, reused across files). */
  isolate?: boolean;
  /**
   * Load and collect the test files of the sections the adapter declares unsupported, instead of
   * reading their tests from the files' text (the default, faster). For the suite's own tests.
   */
  loadUnsupported?: boolean;
  /** How long the adapter may take to load, in ms. Default 30000. */
  loadTimeoutMs?: number;
  /** Parallel vitest workers (default: one per core, at least 2). */
  maxWorkers?: number;
  /** Directory relative adapter paths are resolved against. Default `process.cwd()`. */
  cwd?: string;
  /** Called as the run progresses (for a progress display). */
  onEvent?: (event: RunEvent) => void;
  /** Copy the child's stdout/stderr to this process's stderr (for debugging the suite). */
  verbose?: boolean;
  /**
   * The directory holding the sections (default: the suite's `tests/`). The suite's own tests point
   * it at small fixture suites; implementers never need it.
   */
  testsDir?: string;
  /**
   * Run only these test files (paths relative to the tests directory, e.g. `loop/timers.test.ts`);
   * their sections are the sections of the run.
   */
  files?: readonly string[];
  /**
   * Keep vitest's transformed modules on disk between runs (vitest's experimental `fsModuleCache`,
   * in node_modules/.experimental-vitest-cache): faster repeated runs, such as the suite's own tests.
   */
  cacheTransforms?: boolean;
}

/** Progress events. */
export type RunEvent =
  | { type: 'adapter'; name: string; version?: string; warnings: string[] }
  | { type: 'test'; record: TestRecord }
  | { type: 'file-end'; file: string; records: TestRecord[] }
  | { type: 'watchdog'; record: TestRecord }
  | { type: 'restart'; attempt: number; files: string[] }
  | { type: 'error'; error: RunError };

/** The adapter module could not be found, loaded, or does not have the adapter shape. Exit code 2. */
export class AdapterError extends Error {
  override name = 'AdapterError';
  /** What went wrong: no such file, an exception while loading, a wrong shape, or a load that never ended. */
  readonly kind: 'not-found' | 'load' | 'shape' | 'timeout';
  constructor(kind: AdapterError['kind'], message: string) {
    super(message);
    this.kind = kind;
  }
}

/** Bad options (an unknown section, a bad timeout). Exit code 3. */
export class UsageError extends Error {
  override name = 'UsageError';
}

const NOT_RUN_NOTE = 'already reported by an earlier attempt';
/** Why a test whose worker died is `crashed`. */
const DIED = 'the process running this test died (process.exit, a fatal signal or a native crash)';
/** What vitest's pool says when the spin check kills one of its workers. */
const POOL_NOISE = /^\[vitest-pool\]: Worker \w+ emitted error|^Worker exited unexpectedly|^Channel closed/;
const TIMEOUT_RE = /^Test timed out in \d+ms/;
const EXPECT_FAIL_RE = /^Expect test to fail/;

/** Resolves the adapter option to an absolute file path. */
export function resolveAdapterPath(adapter: string, cwd = process.cwd()): string {
  const file = adapter.startsWith('file:') ? fileURLToPath(adapter) : path.resolve(cwd, adapter);
  if (!existsSync(file)) throw new AdapterError('not-found', `adapter module not found: ${file}`);
  return file;
}

/** Checks `sections` against the suite's sections; all sections when absent. */
export function resolveSections(sections: readonly string[] | undefined, testsDir?: string): string[] {
  const known = listSections(testsDir);
  if (known.length === 0) throw new UsageError('the suite has no sections (no directories under tests/)');
  if (!sections || sections.length === 0) return known;
  const unknown = sections.filter((s) => !known.includes(s));
  if (unknown.length) {
    throw new UsageError(`unknown section(s): ${unknown.join(', ')} (known: ${known.join(', ') || 'none'})`);
  }
  return [...new Set(sections)];
}

/** Runs the suite against one adapter and returns the report. */
export async function runConformance(options: RunOptions): Promise<ConformanceReport> {
  const startedAt = new Date();
  const adapterPath = resolveAdapterPath(options.adapter, options.cwd);
  const testsDir = path.resolve(options.testsDir ?? path.join(PACKAGE_DIR, 'tests'));
  const files = options.files?.map((f) => path.resolve(testsDir, f));
  const missing = files?.filter((f) => !existsSync(f)) ?? [];
  if (missing.length) throw new UsageError(`no such test file(s): ${missing.join(', ')}`);
  const sections = files
    ? [...new Set(files.map((f) => toPosix(path.relative(testsDir, f)).split('/')[0]))].sort()
    : resolveSections(options.sections, options.testsDir);
  const timeoutMs = options.timeout ?? 5000;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0)
    throw new UsageError(`timeout must be a positive number of ms`);
  const run = new Run(options, adapterPath, sections, timeoutMs);
  await run.execute();
  return summarize({
    schemaVersion: 1,
    suite: { name: 'pep3156-conformance', version: SUITE_VERSION },
    implementation: {
      name: run.adapterName,
      ...(run.adapterVersion ? { version: run.adapterVersion } : {}),
      adapter: adapterPath,
    },
    environment: { node: process.version, platform: process.platform, arch: process.arch },
    options: { sections, timeoutMs, bail: options.bail ?? false },
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    results: run.records(),
    errors: run.errors,
  });
}

/** One test's classification from its vitest result. Undefined: ignore (skipped by our own skip list). */
function classify(
  test: WorkerTest,
  msg: Extract<WorkerMessage, { type: 'result' }>,
  bail: boolean,
): { status: TestStatus; message?: string; error?: WorkerError } | undefined {
  const error = msg.errors[0];
  switch (msg.state) {
    case 'skipped':
      if (msg.note === NOT_RUN_NOTE) return undefined;
      if (test.meta?.unsupported.length) {
        return { status: 'unsupported', message: `unsupported: ${test.meta.unsupported.join(', ')}` };
      }
      return { status: 'skipped', message: msg.note ?? (bail ? 'not run (--bail)' : 'skipped') };
    case 'pending':
      return { status: 'skipped', message: bail ? 'not run (--bail)' : 'not run' };
    case 'passed':
      return msg.fails
        ? { status: 'expected-failure', message: 'failed, as declared in adapter.knownFailures' }
        : { status: 'passed' };
    case 'failed':
      if (msg.fails && error && EXPECT_FAIL_RE.test(error.message)) {
        return {
          status: 'unexpected-pass',
          message: 'passed, but adapter.knownFailures lists it: remove it from that list',
        };
      }
      if (error && TIMEOUT_RE.test(error.message)) {
        return {
          status: 'timed-out',
          message: `${error.message.split('\n')[0]} (a future or callback that never completed?)`,
          error,
        };
      }
      return { status: 'failed', ...(error ? { message: messageOf(error), error } : { message: 'failed' }) };
  }
}

const toPosix = (p: string) => p.split(path.sep).join('/');

/** The state of one run across its attempts. */
class Run {
  adapterName = '(not loaded)';
  adapterVersion: string | undefined;
  readonly errors: RunError[] = [];
  /** Every test collected, by task id. */
  readonly #tests = new Map<string, WorkerTest>();
  /** Final records, by task id (or a file-level key). */
  readonly #records = new Map<string, TestRecord>();
  readonly #files = new Set<string>();
  readonly #filesEnded = new Set<string>();
  readonly #tmp: string;
  readonly #options: RunOptions;
  readonly #adapter: string;
  readonly #sections: string[];
  readonly #timeoutMs: number;
  readonly #graceMs: number;
  readonly #testsDir: string;

  constructor(options: RunOptions, adapter: string, sections: string[], timeoutMs: number) {
    this.#options = options;
    this.#adapter = adapter;
    this.#sections = sections;
    this.#timeoutMs = timeoutMs;
    this.#graceMs = options.graceMs ?? 2000;
    this.#testsDir = path.resolve(options.testsDir ?? path.join(PACKAGE_DIR, 'tests'));
    this.#tmp = mkdtempSync(path.join(os.tmpdir(), 'pep3156-conformance-'));
  }

  records(): TestRecord[] {
    const out = [...this.#records.values()];
    for (const [taskId, test] of this.#tests) {
      if (this.#records.has(taskId)) continue;
      out.push(
        this.#record(test, 'skipped', {
          message: this.#options.bail && this.#failed() ? 'not run (--bail)' : 'not run',
        }),
      );
    }
    return out.sort((a, b) => (a.file === b.file ? 0 : a.file < b.file ? -1 : 1));
  }

  #failed(): boolean {
    return [...this.#records.values()].some((r) => FAILING.has(r.status));
  }

  #emit(event: RunEvent): void {
    try {
      this.#options.onEvent?.(event);
    } catch {
      // a failing progress display must not break the run
    }
  }

  #record(
    test: WorkerTest,
    status: TestStatus,
    extra: { message?: string; error?: WorkerError; durationMs?: number } = {},
  ): TestRecord {
    const file = toPosix(path.relative(PACKAGE_DIR, test.file));
    const section = this.#sectionOf(test.file);
    const idFromTitle = /^\[([^\]]+)\]/.exec(test.title)?.[1] ?? null;
    const id = test.meta?.statement ?? idFromTitle;
    const title = test.title
      .replace(/^\[[^\]]+\]\s*/, '')
      .replace(/\s*\{(unsupported: [^}]*|known-failure)\}$/, '');
    const record: TestRecord = {
      id,
      section,
      file,
      title,
      name: test.name,
      status,
      durationMs: extra.durationMs ?? 0,
    };
    if (extra.message) record.message = extra.message;
    if (extra.error && (status === 'failed' || status === 'crashed')) record.error = errorInfo(extra.error);
    if (extra.error?.expected !== undefined) record.expected = compactValue(extra.error.expected);
    if (extra.error?.actual !== undefined) record.actual = compactValue(extra.error.actual);
    const location = locationOf(extra.error?.stack);
    if (location) record.location = location;
    if (status === 'unsupported' && test.meta) record.unsupported = [...test.meta.unsupported];
    if (status !== 'passed' && id) {
      const info = statementInfo(id);
      if (info) record.statement = info;
    }
    return record;
  }

  #sectionOf(file: string): string {
    return toPosix(path.relative(this.#testsDir, file)).split('/')[0] ?? '(none)';
  }

  #settle(taskId: string, record: TestRecord): void {
    if (this.#records.has(taskId)) return;
    this.#records.set(taskId, record);
    this.#emit({ type: 'test', record });
  }

  async execute(): Promise<void> {
    try {
      let files = this.#options.files?.map((f) => path.resolve(this.#testsDir, f));
      for (let attempt = 1; ; attempt++) {
        const before = this.#records.size;
        const outcome = await this.#attempt(attempt, files);
        if (outcome === 'done') break;
        if (this.#options.bail && this.#failed()) break;
        const remaining = [...this.#files].filter((f) => !this.#filesEnded.has(f)).sort();
        if (remaining.length === 0) break;
        if (this.#records.size === before) {
          // No progress: give up on what is left rather than loop forever.
          this.#error({
            kind: 'worker-exit',
            message: `no progress after attempt ${attempt}; giving up on ${remaining.length} file(s)`,
          });
          for (const [taskId, test] of this.#tests) {
            if (!this.#records.has(taskId) && remaining.includes(test.file)) {
              this.#settle(
                taskId,
                this.#record(test, 'crashed', { message: 'not run: the test process kept dying' }),
              );
            }
          }
          break;
        }
        files = remaining;
        this.#emit({
          type: 'restart',
          attempt: attempt + 1,
          files: remaining.map((f) => toPosix(path.relative(PACKAGE_DIR, f))),
        });
      }
    } finally {
      rmSync(this.#tmp, { recursive: true, force: true });
    }
  }

  #error(error: RunError): void {
    this.errors.push(error);
    this.#emit({ type: 'error', error });
  }

  /** One child process. Resolves 'done' when it finished the run, 'interrupted' when it died or was killed. */
  #attempt(attempt: number, files: string[] | undefined): Promise<'done' | 'interrupted'> {
    const probe = attempt === 1;
    const progressFile = path.join(this.#tmp, `progress-${attempt}.jsonl`);
    const skipFile = path.join(this.#tmp, `skip-${attempt}.json`);
    writeFileSync(progressFile, '');
    writeFileSync(skipFile, JSON.stringify([...this.#records.keys()]));
    const config: WorkerConfig = {
      adapter: this.#adapter,
      probe,
      sections: this.#sections,
      testsDir: toPosix(path.relative(PACKAGE_DIR, this.#testsDir)),
      ...(files ? { files } : {}),
      timeoutMs: this.#timeoutMs,
      bail: this.#options.bail ?? false,
      progressFile,
      skipFile,
      fromSource: FROM_SOURCE,
      ...(this.#options.maxWorkers ? { maxWorkers: this.#options.maxWorkers } : {}),
      ...(this.#options.cacheTransforms ? { cacheTransforms: true } : {}),
      ...(this.#options.isolate ? { isolate: true } : {}),
      ...(this.#options.loadUnsupported ? { loadUnsupported: true } : {}),
    };
    const env: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) {
      if (!/^(VITEST|TINYPOOL|__VITEST)/.test(k)) env[k] = v;
    }
    env.PEP3156_WORKER = JSON.stringify(config);
    const execArgv = FROM_SOURCE
      ? ['--import', pathToFileURL(path.join(PACKAGE_DIR, 'bin', 'register-source.mjs')).href]
      : [];
    const workerFile = path.join(PACKAGE_DIR, FROM_SOURCE ? 'src/worker.ts' : 'dist/worker.js');
    const child = spawn(process.execPath, [...execArgv, workerFile], {
      cwd: PACKAGE_DIR,
      env,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      detached: process.platform !== 'win32',
    });
    return this.#watch(child, progressFile, skipFile, probe, attempt);
  }

  #watch(
    child: ChildProcess,
    progressFile: string,
    skipFile: string,
    probe: boolean,
    attempt: number,
  ): Promise<'done' | 'interrupted'> {
    return new Promise((resolve, reject) => {
      const output: string[] = [];
      let outputSize = 0;
      const keep = (chunk: Buffer) => {
        if (this.#options.verbose) process.stderr.write(chunk);
        output.push(chunk.toString());
        outputSize += chunk.length;
        while (outputSize > 64_000 && output.length > 1) outputSize -= output.shift()!.length;
      };
      child.stdout?.on('data', keep);
      child.stderr?.on('data', keep);
      const tail = () => output.join('').trim().split('\n').slice(-20).join('\n');

      let adapterReady = !probe;
      let ended = false;
      let killedFor: { kind: 'watchdog' | 'load' | 'idle'; taskId?: string } | null = null;
      let lastActivity = Date.now();
      const started = Date.now();
      // The test each vitest worker (by pid) runs now. A worker runs one test at a time, so a new start
      // line ends the previous test of that pid, even if its result has not arrived yet (vitest
      // batches results: a worker that spins right after a test never sends the previous result).
      const running = new Map<number, ProgressLine>();
      // The last heartbeat of each vitest worker, and the files whose worker the spin check killed
      // (their remaining tests run in the next attempt; what vitest says about them now is noise).
      const beats = new Map<number, number>();
      const spun = new Set<string>();
      const spinMs = this.#options.spinTimeout ?? 2000;
      let killedWorkers = 0;
      let recordsAtLastEnd = this.#records.size;
      // Each worker's CPU time at its last heartbeat. A worker that got CPU since without beating
      // is stuck in synchronous code; one the machine starves of CPU (a busy CI box) is not, and is
      // left alone until it gets some.
      const cpuMarks = new Map<number, { t: number; ms: number | undefined }>();
      const runningTest = (taskId: string) => [...running.values()].find((p) => p.id === taskId);
      const fd = openSync(progressFile, 'r');
      let offset = 0;
      let partial = '';
      const buffer = Buffer.alloc(64 * 1024);

      const kill = () => {
        try {
          if (child.pid && process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL');
          else child.kill('SIGKILL');
        } catch {
          // already gone
        }
      };
      const onExitOfParent = () => kill();
      process.once('exit', onExitOfParent);

      const readProgress = () => {
        for (;;) {
          const n = readSync(fd, buffer, 0, buffer.length, offset);
          if (n <= 0) break;
          offset += n;
          partial += buffer.toString('utf8', 0, n);
        }
        const lines = partial.split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) {
          if (!line) continue;
          try {
            const p = JSON.parse(line) as ProgressLine | HeartbeatLine;
            if ('beat' in p) {
              beats.set(p.beat, p.t);
              cpuMarks.set(p.beat, { t: Date.now(), ms: cpuTimeMs(p.beat) });
              continue;
            }
            running.set(p.pid, p);
            lastActivity = Date.now();
          } catch {
            // a torn line: ignore
          }
        }
      };

      const tick = () => {
        readProgress();
        const now = Date.now();
        if (!adapterReady) {
          const limit = this.#options.loadTimeoutMs ?? 30_000;
          if (now - started > limit) {
            killedFor = { kind: 'load' };
            kill();
          }
          return;
        }
        for (const [pid, p] of running) {
          if (this.#records.has(p.id)) {
            running.delete(pid);
            continue;
          }
          const silent = now - Math.max(p.t, beats.get(pid) ?? 0);
          if (silent > spinMs && isSpinning(pid, cpuMarks.get(pid))) {
            this.#killSpinning(pid, p, silent);
            killedWorkers++;
            const test = this.#tests.get(p.id);
            if (test) spun.add(test.file);
            running.delete(pid);
            continue;
          }
          const deadline = p.t + (p.timeout || this.#timeoutMs) + this.#timeoutMs + this.#graceMs;
          if (now > deadline) {
            killedFor = { kind: 'watchdog', taskId: p.id };
            kill();
            return;
          }
        }
        const idleLimit = Math.max(30_000, 3 * this.#timeoutMs + this.#graceMs);
        if (running.size === 0 && now - lastActivity > idleLimit) {
          killedFor = { kind: 'idle' };
          kill();
        }
      };
      const timer = setInterval(tick, 100);

      child.on('message', (raw) => {
        lastActivity = Date.now();
        const msg = raw as WorkerMessage;
        switch (msg.type) {
          case 'adapter':
            adapterReady = true;
            this.adapterName = msg.name;
            this.adapterVersion = msg.version;
            this.#emit({
              type: 'adapter',
              name: msg.name,
              ...(msg.version ? { version: msg.version } : {}),
              warnings: msg.warnings,
            });
            break;
          case 'adapter-error':
            killedFor = null;
            finish();
            kill();
            reject(
              new AdapterError(
                msg.kind,
                `${msg.kind === 'load' ? 'the adapter module failed to load' : 'the adapter has the wrong shape'}:\n${msg.message}`,
              ),
            );
            break;
          case 'files':
            for (const f of msg.files) this.#files.add(f);
            break;
          case 'collected':
            for (const t of msg.tests) this.#tests.set(t.taskId, t);
            break;
          case 'result': {
            if (spun.has(msg.file)) break;
            for (const [pid, p] of running) if (p.id === msg.taskId) running.delete(pid);
            const test = this.#tests.get(msg.taskId);
            if (!test) break;
            const c = classify(test, msg, this.#options.bail ?? false);
            if (c)
              this.#settle(msg.taskId, this.#record(test, c.status, { ...c, durationMs: msg.durationMs }));
            break;
          }
          case 'file-end': {
            if (spun.has(msg.file)) break;
            this.#filesEnded.add(msg.file);
            const fileTests = [...this.#tests.values()].filter((t) => t.file === msg.file);
            if (msg.errors.length) {
              const rel = toPosix(path.relative(PACKAGE_DIR, msg.file));
              const message = msg.errors.map((e) => e.message).join('\n');
              this.#error({ kind: 'collection', message, file: rel });
              if (fileTests.length === 0) {
                this.#settle(`file:${msg.file}`, {
                  id: null,
                  section: this.#sectionOf(msg.file),
                  file: rel,
                  title: '(the test file failed to load)',
                  name: rel,
                  status: 'crashed',
                  durationMs: 0,
                  message,
                  ...(locationOf(msg.errors[0]?.stack) ? { location: locationOf(msg.errors[0]?.stack) } : {}),
                });
              }
            }
            const records = fileTests
              .map((t) => this.#records.get(t.taskId))
              .filter((r): r is TestRecord => !!r);
            this.#emit({ type: 'file-end', file: toPosix(path.relative(PACKAGE_DIR, msg.file)), records });
            break;
          }
          case 'unhandled':
            for (const e of msg.errors) {
              // The pool's own complaint about the worker the spin check killed is not a finding.
              if (killedWorkers > 0 && !e.file && POOL_NOISE.test(e.message)) continue;
              this.#unhandled(e);
            }
            break;
          case 'run-end': {
            readProgress();
            // Tests that started but never reported: their vitest worker died under them.
            const crashedFiles = new Set<string>();
            for (const [pid, { id: taskId }] of running) {
              const test = this.#tests.get(taskId);
              if (test && !this.#records.has(taskId)) {
                this.#settle(taskId, this.#record(test, 'crashed', { message: DIED }));
                crashedFiles.add(test.file);
              }
              running.delete(pid);
            }
            // Files cut short (a worker the spin check killed, or one that died): run their other
            // tests in this same child (no new vitest to start), skipping every test already reported.
            const again = [...new Set([...spun, ...crashedFiles])].filter((f) => !this.#filesEnded.has(f));
            spun.clear();
            const progressed = this.#records.size > recordsAtLastEnd;
            recordsAtLastEnd = this.#records.size;
            if (again.length && progressed && !(this.#options.bail && this.#failed())) {
              writeFileSync(skipFile, JSON.stringify([...this.#records.keys()]));
              this.#emit({
                type: 'restart',
                attempt,
                files: again.map((f) => toPosix(path.relative(PACKAGE_DIR, f))),
              });
              child.send({ type: 'rerun', files: again } satisfies RunnerMessage);
              break;
            }
            ended = true;
            child.send({ type: 'close' } satisfies RunnerMessage);
            break;
          }
        }
      });

      let finished = false;
      const finish = () => {
        if (finished) return false;
        finished = true;
        clearInterval(timer);
        process.removeListener('exit', onExitOfParent);
        try {
          readProgress();
        } finally {
          closeSync(fd);
        }
        return true;
      };

      child.on('exit', (code, signal) => {
        if (!finish()) return;
        kill(); // the group: vitest's own workers, if any survived
        if (!adapterReady) {
          reject(
            killedFor?.kind === 'load'
              ? new AdapterError(
                  'timeout',
                  `the adapter did not load within ${this.#options.loadTimeoutMs ?? 30_000} ms (a synchronous loop at import time?)`,
                )
              : new AdapterError(
                  'load',
                  `the suite's process exited (code ${code ?? signal}) before the adapter loaded:\n${tail()}`,
                ),
          );
          return;
        }
        if (ended && !killedFor) {
          // Tests that started but never reported: their vitest worker died under them.
          for (const { id: taskId } of running.values()) {
            const test = this.#tests.get(taskId);
            if (test && !this.#records.has(taskId))
              this.#settle(taskId, this.#record(test, 'crashed', { message: DIED }));
          }
          const unfinished = [...this.#files].some((f) => !this.#filesEnded.has(f));
          resolve(unfinished ? 'interrupted' : 'done');
          return;
        }
        if (killedFor?.kind === 'watchdog' && killedFor.taskId) {
          const test = this.#tests.get(killedFor.taskId);
          const p = runningTest(killedFor.taskId);
          if (test) {
            const ms = p ? Date.now() - p.t : 0;
            const record = this.#record(test, 'timed-out', {
              message: `still running after ${ms} ms, past its ${p?.timeout || this.#timeoutMs} ms timeout: the test never yielded (a synchronous loop?), so its process was killed`,
              durationMs: ms,
            });
            this.#settle(killedFor.taskId, record);
            this.#emit({ type: 'watchdog', record });
            this.#error({ kind: 'watchdog', message: record.message!, file: record.file, test: record.name });
          }
          resolve('interrupted');
          return;
        }
        // Died on its own, or idle: the tests it was running crashed.
        const why =
          killedFor?.kind === 'idle'
            ? 'the test process stopped responding'
            : `the test process exited unexpectedly (${signal ?? `code ${code}`})`;
        this.#error({ kind: 'worker-exit', message: `${why}\n${tail()}`.trim() });
        for (const { id: taskId } of running.values()) {
          const test = this.#tests.get(taskId);
          if (test && !this.#records.has(taskId))
            this.#settle(taskId, this.#record(test, 'crashed', { message: why }));
        }
        resolve('interrupted');
      });
    });
  }

  /** Kills one vitest worker that stopped beating while running `p`, and marks that test timed out. */
  #killSpinning(pid: number, p: ProgressLine, silentMs: number): void {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
    const test = this.#tests.get(p.id);
    if (!test) return;
    const record = this.#record(test, 'timed-out', {
      message: `did not yield for ${silentMs} ms (a synchronous loop?): its process was killed`,
      durationMs: Date.now() - p.t,
    });
    this.#settle(p.id, record);
    this.#emit({ type: 'watchdog', record });
    this.#error({ kind: 'watchdog', message: record.message!, file: record.file, test: record.name });
  }

  #unhandled(e: WorkerError & { file?: string; test?: string }): void {
    const rel = e.file ? toPosix(path.relative(PACKAGE_DIR, e.file)) : undefined;
    const what = `${e.name || 'Error'}${e.message ? `: ${e.message}` : ' (no message)'}`;
    this.#error({
      kind: 'unhandled-error',
      message: `${e.type ? `${e.type}: ` : ''}${what}`,
      ...(rel ? { file: rel } : {}),
      ...(e.test ? { test: e.test } : {}),
    });
    if (!e.file || !e.test) return;
    for (const [taskId, test] of this.#tests) {
      if (test.file !== e.file || test.title !== e.test) continue;
      const prior = this.#records.get(taskId);
      if (!prior || !ESCAPE_OVERRIDES.has(prior.status)) continue;
      // The error escaped the loop (an uncaught exception or rejection in the test's process): the
      // loop let a callback's error out instead of passing it to its exception handler. Whatever
      // the test's own verdict, the test crashed (README: Statuses).
      const also = prior.status === 'failed' ? `; the test also failed: ${prior.message ?? 'failed'}` : '';
      const record = this.#record(test, 'crashed', {
        message: `an error escaped the loop (${e.type ?? 'uncaught'}, never reached the loop's exception handler): ${what}${also}`,
        error: e,
        durationMs: prior.durationMs,
      });
      this.#records.set(taskId, record);
    }
  }
}

/** The statuses an error escaping the loop turns into `crashed`. */
const ESCAPE_OVERRIDES: ReadonlySet<TestStatus> = new Set([
  'passed',
  'expected-failure',
  'failed',
  'unexpected-pass',
]);
