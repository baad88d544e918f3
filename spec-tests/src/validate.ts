/**
 * Hand-written shape checks for adapters and for the loops they create: one message naming the bad
 * field, instead of a TypeError deep inside some test.
 * @module
 */
import type { AbstractEventLoop } from 'pep3156/spec';
import {
  CORE_LOOP_METHODS,
  type ConformanceAdapter,
  FEATURE_LOOP_METHODS,
  FEATURES,
  type Feature,
} from './adapter.js';

/** The scheduler names an adapter may override (see {@link SchedulerApi}). */
export const SCHEDULER_NAMES = [
  'sleep',
  'ensureFuture',
  'wrapFuture',
  'wait',
  'waitFor',
  'gather',
  'shield',
  'asCompleted',
  'TaskGroup',
  'taskGroup',
  'timeout',
  'timeoutAt',
  'currentTask',
  'allTasks',
  'getRunningLoop',
  'FIRST_COMPLETED',
  'FIRST_EXCEPTION',
  'ALL_COMPLETED',
] as const;

/** The synchronization names an adapter may override (see {@link SyncApi}). */
export const SYNC_NAMES = [
  'Lock',
  'Event',
  'Condition',
  'Semaphore',
  'BoundedSemaphore',
  'Queue',
  'PriorityQueue',
  'LifoQueue',
] as const;

/** The stream names an adapter may override (see {@link StreamsApi}). */
export const STREAMS_NAMES = [
  'StreamReader',
  'StreamReaderProtocol',
  'StreamWriter',
  'openConnection',
  'startServer',
  'openUnixConnection',
  'startUnixServer',
] as const;

/** The loop methods every test relies on; a loop without one of them is rejected up front. */
export const REQUIRED_LOOP_METHODS = CORE_LOOP_METHODS;

/** Loop members that are values, not methods (checked with `in`). */
const LOOP_PROPERTIES: ReadonlySet<string> = new Set(['slowCallbackDuration']);

/**
 * What the features the adapter supports need and `loop` lacks, per feature (see
 * {@link FEATURE_LOOP_METHODS}); features with nothing missing are left out.
 */
export function missingFeatureMethods(
  adapter: ConformanceAdapter,
  loop: object,
): { feature: Feature; missing: string[] }[] {
  const unsupported = new Set<string>(adapter.unsupported ?? []);
  const result: { feature: Feature; missing: string[] }[] = [];
  for (const feature of FEATURES) {
    if (unsupported.has(feature)) continue;
    const missing = FEATURE_LOOP_METHODS[feature].filter((m) =>
      LOOP_PROPERTIES.has(m) ? !(m in loop) : typeof (loop as Record<string, unknown>)[m] !== 'function',
    );
    if (missing.length) result.push({ feature, missing });
  }
  return result;
}

const KNOWN_KEYS = new Set([
  'name',
  'version',
  'newEventLoop',
  'unsupported',
  'knownFailures',
  'scheduler',
  'sync',
  'streams',
  'sockets',
]);
const CONSTANTS = new Set(['FIRST_COMPLETED', 'FIRST_EXCEPTION', 'ALL_COMPLETED']);

/** A short description of a value for error messages (`a number (42)`, `null`, `an object`). */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'function') return `a function${value.name ? ` (${value.name})` : ''}`;
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') {
    const ctor = (value as object).constructor?.name;
    return ctor && ctor !== 'Object' ? `a ${ctor}` : 'an object';
  }
  if (typeof value === 'string') return `a string (${JSON.stringify(value.slice(0, 40))})`;
  return `a ${typeof value} (${String(value)})`;
}

/** The outcome of {@link validateAdapter}. */
export interface AdapterCheck {
  /** What makes the adapter unusable; empty when it is usable. */
  problems: string[];
  /** What is suspicious but harmless (an unknown key, an unknown statement id). */
  warnings: string[];
}

/**
 * Checks that `value` (an adapter module's default export) has the {@link ConformanceAdapter} shape.
 * Does not call `newEventLoop` (that happens per test, where a throw is one test's failure).
 */
export function validateAdapter(value: unknown): AdapterCheck {
  const problems: string[] = [];
  const warnings: string[] = [];
  if (value === null || typeof value !== 'object') {
    problems.push(`the default export is ${describeValue(value)}, not an adapter object`);
    return { problems, warnings };
  }
  const a = value as Record<string, unknown>;
  if (typeof a.name !== 'string' || a.name.trim() === '') {
    problems.push(`adapter.name must be a non-empty string (got ${describeValue(a.name)})`);
  }
  if (a.version !== undefined && typeof a.version !== 'string') {
    problems.push(`adapter.version must be a string when present (got ${describeValue(a.version)})`);
  }
  if (typeof a.newEventLoop !== 'function') {
    problems.push(
      `adapter.newEventLoop must be a function returning a fresh loop (got ${describeValue(a.newEventLoop)})`,
    );
  }
  checkStringList(a, 'unsupported', problems, (f) =>
    (FEATURES as readonly string[]).includes(f)
      ? null
      : `unknown feature "${f}" (known: ${FEATURES.join(', ')})`,
  );
  checkStringList(a, 'knownFailures', problems, () => null);
  checkApi(a, 'scheduler', SCHEDULER_NAMES, problems);
  checkApi(a, 'sync', SYNC_NAMES, problems);
  checkApi(a, 'streams', STREAMS_NAMES, problems);
  checkSocketHooks(a, problems);
  for (const key of Object.keys(a)) {
    if (!KNOWN_KEYS.has(key))
      warnings.push(`adapter.${key} is not part of the adapter contract and is ignored`);
  }
  return { problems, warnings };
}

/** The socket hooks of {@link SocketHooks}: each must be a function when `sockets` is given. */
function checkSocketHooks(a: Record<string, unknown>, problems: string[]): void {
  const hooks = a.sockets;
  if (hooks === undefined) return;
  if (hooks === null || typeof hooks !== 'object') {
    problems.push(`adapter.sockets must be an object of socket hooks (got ${describeValue(hooks)})`);
    return;
  }
  for (const name of ['newTcpSocket', 'listenTcp', 'close']) {
    const hook = (hooks as Record<string, unknown>)[name];
    if (typeof hook !== 'function')
      problems.push(`adapter.sockets.${name} must be a function (got ${describeValue(hook)})`);
  }
}

function checkStringList(
  a: Record<string, unknown>,
  key: string,
  problems: string[],
  check: (item: string) => string | null,
): void {
  const list = a[key];
  if (list === undefined) return;
  if (!Array.isArray(list)) {
    problems.push(`adapter.${key} must be an array of strings (got ${describeValue(list)})`);
    return;
  }
  list.forEach((item, i) => {
    if (typeof item !== 'string')
      problems.push(`adapter.${key}[${i}] must be a string (got ${describeValue(item)})`);
    else {
      const problem = check(item);
      if (problem) problems.push(`adapter.${key}[${i}]: ${problem}`);
    }
  });
}

function checkApi(
  a: Record<string, unknown>,
  key: string,
  names: readonly string[],
  problems: string[],
): void {
  const api = a[key];
  if (api === undefined) return;
  if (api === null || typeof api !== 'object') {
    problems.push(`adapter.${key} must be an object (got ${describeValue(api)})`);
    return;
  }
  for (const [name, v] of Object.entries(api)) {
    if (!names.includes(name)) {
      problems.push(`adapter.${key}.${name} is not one of ${names.join(', ')}`);
    } else if (CONSTANTS.has(name) ? typeof v !== 'string' : typeof v !== 'function') {
      problems.push(
        `adapter.${key}.${name} must be ${CONSTANTS.has(name) ? 'a string' : 'a function or class'} (got ${describeValue(v)})`,
      );
    }
  }
}

/**
 * Calls `adapter.newEventLoop()` and checks that the result looks like an event loop.
 * @param features - The features the test needs: the loop must have their methods too (when the
 *   adapter supports them), or the test fails with a message that names, per supported feature,
 *   every method the loop lacks.
 * @throws Error when `newEventLoop` throws (the adapter's error is the `cause`).
 * @throws TypeError when the result is not an object with the {@link REQUIRED_LOOP_METHODS}, or
 *   lacks a method of one of `features`.
 */
export function newCheckedLoop(
  adapter: ConformanceAdapter,
  features: readonly Feature[] = [],
): AbstractEventLoop {
  let loop: unknown;
  try {
    loop = adapter.newEventLoop();
  } catch (error) {
    throw new Error(
      `adapter.newEventLoop() threw: ${error instanceof Error ? error.message : String(error)}`,
      {
        cause: error,
      },
    );
  }
  if (loop === null || typeof loop !== 'object') {
    throw new TypeError(`adapter.newEventLoop() returned ${describeValue(loop)}, not an event loop`);
  }
  const missing = REQUIRED_LOOP_METHODS.filter(
    (m) => typeof (loop as Record<string, unknown>)[m] !== 'function',
  );
  if (missing.length) {
    throw new TypeError(
      `adapter.newEventLoop() returned ${describeValue(loop)} without the loop method(s) ${missing.join(', ')}`,
    );
  }
  const lacking = missingFeatureMethods(adapter, loop);
  if (lacking.some(({ feature }) => features.includes(feature))) {
    throw new TypeError(
      `adapter.newEventLoop() returned ${describeValue(loop)} without what the features it does not ` +
        `declare unsupported need: ${lacking.map(({ feature, missing }) => `${feature} needs ${missing.join(', ')}`).join('; ')}. ` +
        'Implement them, or list those features in adapter.unsupported.',
    );
  }
  return loop as AbstractEventLoop;
}
