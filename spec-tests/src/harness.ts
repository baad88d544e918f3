/**
 * How conformance tests are written: `section()` groups the tests of one feature under a PEP
 * section, `statement()` is one test of one normative statement, named by its stable id.
 *
 * ```ts
 * // spec-tests/tests/loop/call-soon.test.ts: PEP 3156 § Basic Callbacks
 * // > call_soon(callback, *args). ... callbacks are called in the order in which they were registered.
 * section('loop', 'Basic Callbacks', () => {
 *   statement('loop.call-soon.fifo', 'callSoon callbacks run in the order they were scheduled', async ({ loop }) => {
 *     ...
 *   });
 * });
 * ```
 * @module
 */
import * as reference from 'pep3156';
import type { AbstractEventLoop, Future, TaskBody } from 'pep3156/spec';
import { afterEach, describe, it } from 'vitest';
import type { ConformanceAdapter, Feature, SchedulerApi, SyncApi } from './adapter.js';
import { getAdapter } from './current-adapter.js';
import { newCheckedLoop } from './validate.js';

/** What a statement's body receives. */
export interface StatementContext {
  /** A fresh loop from the adapter, closed after the test. */
  loop: AbstractEventLoop;
  /** The adapter under test. */
  adapter: ConformanceAdapter;
  /** The scheduler functions and sync primitives: the adapter's own, or the reference's. */
  api: SchedulerApi & SyncApi;
  /** Creates another loop from the adapter, closed after the test. */
  newLoop(): AbstractEventLoop;
  /** Runs `body` to completion on `loop` and returns its result. */
  run<T>(body: TaskBody<T> | Future<T>): Promise<T>;
}

/** Options of one statement. */
export interface StatementOptions {
  /** Further features the test needs beyond its section's. */
  features?: readonly Feature[];
  /** Per-test timeout in ms (default: vitest's). */
  timeout?: number;
}

/**
 * What every conformance test carries in vitest's `task.meta` (read by the runner's reporters, and
 * written by vitest's own JSON reporter), under the key `pep3156`.
 */
export interface StatementMeta {
  /** The statement id the test checks. */
  statement: string;
  /** The section (the feature of the enclosing `section()`). */
  section: Feature;
  /** Every feature the test needs (the section's first). */
  features: Feature[];
  /** The needed features the adapter declares unsupported (the test is then not run). */
  unsupported: Feature[];
  /** Whether the adapter lists the statement in `knownFailures` (the test then runs as `it.fails`). */
  knownFailure: boolean;
}

declare module '@vitest/runner' {
  interface TaskMeta {
    /** Set on every test declared with {@link statement}. */
    pep3156?: StatementMeta;
  }
}

let currentFeature: Feature | null = null;
const openLoops = new Set<AbstractEventLoop>();

/** Closes (or stops) every loop the last test created; registered by each top-level section(). */
function closeOpenLoops(): void {
  for (const loop of openLoops) {
    try {
      if (loop.isRunning()) loop.stop();
      else if (!loop.isClosed()) loop.close();
    } catch {
      // a broken loop must not break the next test
    }
  }
  openLoops.clear();
}

/** Whether the adapter supports every one of `features`. */
export function supports(adapter: ConformanceAdapter, features: readonly Feature[]): boolean {
  const unsupported = new Set(adapter.unsupported ?? []);
  return features.every((f) => !unsupported.has(f));
}

/**
 * Declares the tests of one feature (a conformance section) for one PEP section.
 * @param feature - The section the tests belong to.
 * @param pepSection - The PEP 3156 section name, as in the PEP (e.g. `Basic Callbacks`).
 */
export function section(feature: Feature, pepSection: string, body: () => void): void {
  describe(`${feature}: PEP 3156 § ${pepSection}`, () => {
    const outer = currentFeature;
    // Registered per section, not once per module: with vitest's isolate: false the harness module
    // is evaluated once per worker, but every test file still needs the hook.
    if (outer === null) afterEach(closeOpenLoops);
    currentFeature = feature;
    try {
      body();
    } finally {
      currentFeature = outer;
    }
  });
}

/** The api object: the adapter's own functions over the reference's. */
export function apiFor(adapter: ConformanceAdapter): SchedulerApi & SyncApi {
  return { ...reference, ...adapter.scheduler, ...adapter.sync } as SchedulerApi & SyncApi;
}

/**
 * Declares one test of the statement `id`. Its name starts with `[id]` so that every report can
 * name the statement that failed.
 */
export function statement(
  id: string,
  title: string,
  body: (ctx: StatementContext) => unknown,
  options: StatementOptions = {},
): void {
  if (currentFeature === null) throw new Error(`statement ${id} must be declared inside section()`);
  const adapter = getAdapter();
  const features = [currentFeature, ...(options.features ?? [])];
  const name = `[${id}] ${title}`;
  const unsupported = features.filter((f) => adapter.unsupported?.includes(f));
  const knownFailure = adapter.knownFailures?.includes(id) ?? false;
  const pep3156: StatementMeta = {
    statement: id,
    section: currentFeature,
    features,
    unsupported,
    knownFailure,
  };
  const meta = { pep3156 };
  const run = async () => {
    const newLoop = () => {
      const loop = newCheckedLoop(adapter, features);
      openLoops.add(loop);
      return loop;
    };
    const loop = newLoop();
    const ctx: StatementContext = {
      loop,
      adapter,
      api: apiFor(adapter),
      newLoop,
      run: (b) => loop.runUntilComplete(b),
    };
    await body(ctx);
  };
  if (unsupported.length) {
    it.skip(`${name} {unsupported: ${unsupported.join(',')}}`, { meta }, run);
  } else if (knownFailure) {
    it.fails(`${name} {known-failure}`, { meta, timeout: options.timeout }, run);
  } else {
    it(name, { meta, timeout: options.timeout }, run);
  }
}
