/**
 * The runner's child process: runs the selected sections with vitest (configured here, inline: the
 * user writes no vitest config) and reports every collected test, every result and every unhandled
 * error to the runner over IPC. The runner watches it and kills it when a test stops responding.
 *
 * With `probe: true` it first imports the adapter through vitest's module runner (so a `.ts` adapter
 * needs no other loader) and checks its shape; a load or shape error ends the child at once.
 * @module
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Reporter, TestCase, TestModule } from 'vitest/node';
import { createVitest } from 'vitest/node';
import type { Feature } from './adapter.js';
import type { StatementMeta } from './harness.js';
import { PACKAGE_DIR } from './package-info.js';
import { scanTestFile } from './static-scan.js';
import { validateAdapter } from './validate.js';
import type {
  RunnerMessage,
  WorkerConfig,
  WorkerError,
  WorkerMessage,
  WorkerTest,
} from './worker-protocol.js';

const config = JSON.parse(process.env.PEP3156_WORKER ?? 'null') as WorkerConfig | null;
if (!config || typeof process.send !== 'function') {
  console.error('pep3156-conformance worker: run by the runner only (PEP3156_WORKER and an IPC channel)');
  process.exit(4);
}

function send(message: WorkerMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.connected) resolve();
    else process.send?.(message, undefined, {}, () => resolve());
  });
}

function serializeError(e: { message?: unknown; [key: string]: unknown }): WorkerError {
  const out: WorkerError = { message: String(e.message ?? e) };
  if (typeof e.name === 'string') out.name = e.name;
  if (typeof e.expected === 'string') out.expected = e.expected;
  if (typeof e.actual === 'string') out.actual = e.actual;
  if (typeof e.stack === 'string') out.stack = e.stack.split('\n').slice(0, 40).join('\n');
  return out;
}

function describeTest(test: TestCase): WorkerTest {
  return {
    taskId: test.id,
    file: test.module.moduleId,
    name: test.fullName,
    title: test.name,
    meta: (test.meta() as { pep3156?: StatementMeta }).pep3156,
    timeout: test.options.timeout,
  };
}

const reporter: Reporter = {
  onTestRunStart(specifications) {
    void send({ type: 'files', files: [...new Set(specifications.map((s) => s.moduleId))] });
  },
  onTestModuleCollected(module: TestModule) {
    void send({
      type: 'collected',
      file: module.moduleId,
      tests: [...module.children.allTests()].map(describeTest),
      errors: module.errors().map(serializeError),
    });
  },
  onTestCaseResult(test: TestCase) {
    const result = test.result();
    void send({
      type: 'result',
      taskId: test.id,
      file: test.module.moduleId,
      state: result.state,
      fails: test.options.fails === true,
      ...(result.state === 'skipped' && result.note ? { note: result.note } : {}),
      errors: (result.errors ?? []).map(serializeError),
      durationMs: Math.round(test.diagnostic()?.duration ?? 0),
    });
  },
  onTestModuleEnd(module: TestModule) {
    void send({ type: 'file-end', file: module.moduleId, errors: module.errors().map(serializeError) });
  },
  onTestRunEnd(_modules, unhandledErrors) {
    if (!unhandledErrors.length) return;
    void send({
      type: 'unhandled',
      errors: unhandledErrors.map((e) => ({
        ...serializeError(e),
        ...(typeof e.VITEST_TEST_PATH === 'string' ? { file: e.VITEST_TEST_PATH } : {}),
        ...(typeof e.VITEST_TEST_NAME === 'string' ? { test: e.VITEST_TEST_NAME } : {}),
        ...(typeof e.type === 'string' ? { type: e.type } : {}),
      })),
    });
  },
};

/** The test files of `sections` under the tests directory, sorted. */
function testFilesOf(cfg: WorkerConfig): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
      d.isDirectory()
        ? walk(path.join(dir, d.name))
        : d.name.endsWith('.test.ts')
          ? [path.join(dir, d.name)]
          : [],
    );
  const root = path.join(PACKAGE_DIR, cfg.testsDir);
  return cfg.sections.flatMap((s) => (existsSync(path.join(root, s)) ? walk(path.join(root, s)) : [])).sort();
}

/**
 * Reports, without loading them, the files of the sections the adapter declares unsupported (each
 * test `unsupported`, as the harness would have skipped it), and returns the files left to run.
 * A file the static scan cannot read (src/static-scan.ts) is left to run: vitest then skips its
 * tests the usual way.
 */
async function reportUnsupportedSections(
  cfg: WorkerConfig,
  only: string[] | undefined,
  unsupported: ReadonlySet<string>,
): Promise<string[] | undefined> {
  if (unsupported.size === 0) return only;
  const root = path.join(PACKAGE_DIR, cfg.testsDir);
  const all = only ?? testFilesOf(cfg);
  const rest: string[] = [];
  for (const file of all) {
    const section = path.relative(root, file).split(path.sep)[0];
    const tests = unsupported.has(section) ? scanTestFile(readFileSync(file, 'utf8')) : null;
    if (!tests || tests.some((t) => !unsupported.has(t.section))) {
      rest.push(file);
      continue;
    }
    const collected: WorkerTest[] = tests.map((t, i) => {
      const missing = t.features.filter((f) => unsupported.has(f)) as Feature[];
      const title = `[${t.id}] ${t.title} {unsupported: ${missing.join(',')}}`;
      return {
        taskId: `static:${file}#${i}`,
        file,
        name: `${t.section}: PEP 3156 § ${t.pepSection} > ${title}`,
        title,
        meta: {
          statement: t.id,
          section: t.section as Feature,
          features: t.features as Feature[],
          unsupported: missing,
          knownFailure: false,
        },
        timeout: undefined,
      };
    });
    await send({ type: 'files', files: [file] });
    await send({ type: 'collected', file, tests: collected, errors: [] });
    for (const t of collected) {
      await send({
        type: 'result',
        taskId: t.taskId,
        file,
        state: 'skipped',
        fails: false,
        errors: [],
        durationMs: 0,
      });
    }
    await send({ type: 'file-end', file, errors: [] });
  }
  // Nothing left to run is an empty list (vitest.start() with no filter would run everything).
  return rest;
}

async function main(cfg: WorkerConfig): Promise<void> {
  process.env.PEP3156_ADAPTER = cfg.adapter;
  process.env.PEP3156_PROGRESS = cfg.progressFile;
  process.env.PEP3156_SKIP = cfg.skipFile;
  // From source: resolve the workspaces' TypeScript sources first, keeping Vite's defaults after.
  const conditions = ['source', 'module', 'node', 'development|production'];
  const vitest = await createVitest(
    'test',
    {
      root: PACKAGE_DIR,
      config: false,
      watch: false,
      include: cfg.sections.map((s) => `${cfg.testsDir}/${s}/**/*.test.ts`),
      setupFiles: [path.join(PACKAGE_DIR, 'src', 'setup.ts')],
      testTimeout: cfg.timeoutMs,
      hookTimeout: cfg.timeoutMs,
      teardownTimeout: 2000,
      bail: cfg.bail ? 1 : 0,
      reporters: [reporter],
      passWithNoTests: true,
      includeTaskLocation: true,
      pool: 'forks',
      // One module graph per worker, not per file: the harness, the reference and the adapter load
      // once per worker (a core-only run takes a third of the time). The harness closes every loop
      // after each test; --isolate restores vitest's fresh graph per file.
      isolate: cfg.isolate ?? false,
      ...(cfg.cacheTransforms ? { experimental: { fsModuleCache: true } } : {}),
      // vitest's default is one worker less than the CPUs (1 on a 2-core machine); the tests mostly
      // wait on timers and sockets, and this process is idle while they run.
      maxWorkers: cfg.maxWorkers ?? Math.max(2, os.availableParallelism()),
    },
    {
      logLevel: 'error',
      ...(cfg.fromSource
        ? {
            resolve: { conditions },
            ssr: { resolve: { conditions, externalConditions: ['source'] } },
            // vitest.import() (the adapter probe) runs in vitest's own environment.
            environments: { __vitest__: { resolve: { conditions, externalConditions: ['source'] } } },
          }
        : {}),
    },
  );
  let files = cfg.files;
  if (cfg.probe) {
    let mod: { default?: unknown };
    try {
      mod = await vitest.import<{ default?: unknown }>(cfg.adapter);
    } catch (error) {
      let text: string;
      try {
        text = (error as Error)?.stack ?? String(error);
      } catch {
        // vite's stack-trace source mapping can itself throw (seen with fsModuleCache)
        text = String((error as Error)?.message ?? error);
      }
      const stack = text
        .split('\n')
        .filter((line) => !/node_modules[\\/](vite|vitest)[\\/]|src[\\/]worker\.[jt]s/.test(line))
        .join('\n');
      await send({ type: 'adapter-error', kind: 'load', message: stack });
      process.exit(0);
    }
    if (mod.default === undefined) {
      await send({
        type: 'adapter-error',
        kind: 'shape',
        message: 'the module has no default export (write `export default { name, newEventLoop }`)',
      });
      process.exit(0);
    }
    const { problems, warnings } = validateAdapter(mod.default);
    if (problems.length) {
      await send({ type: 'adapter-error', kind: 'shape', message: problems.join('\n') });
      process.exit(0);
    }
    const a = mod.default as {
      name: string;
      version?: string;
      unsupported?: string[];
      knownFailures?: string[];
    };
    await send({ type: 'adapter', name: a.name, ...(a.version ? { version: a.version } : {}), warnings });
    if (!cfg.loadUnsupported)
      files = await reportUnsupportedSections(cfg, files, new Set(a.unsupported ?? []));
  }
  const commands: RunnerMessage[] = [];
  let wake: (() => void) | null = null;
  process.on('message', (m: RunnerMessage) => {
    commands.push(m);
    wake?.();
  });
  const next = async (): Promise<RunnerMessage> => {
    while (commands.length === 0) await new Promise<void>((r) => (wake = r));
    return commands.shift()!;
  };
  if (files?.length !== 0) await vitest.start(files);
  for (;;) {
    await send({ type: 'run-end', reason: 'done' });
    const command = await next();
    if (command.type !== 'rerun') break;
    // The files whose worker the spin check killed: their other tests, in this same vitest.
    await vitest.runTestFiles(command.files);
  }
  await vitest.close();
  process.exit(0);
}

main(config).catch(async (error) => {
  console.error(error);
  process.exit(4);
});
