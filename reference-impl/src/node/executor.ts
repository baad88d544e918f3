/**
 * Executors (PEP 3156 § Thread interaction): `runInExecutor`, `setDefaultExecutor`,
 * `shutdownDefaultExecutor` and `toThread` on Node.js, with a default executor on `worker_threads`.
 *
 * Differs from CPython: JavaScript threads share no memory. The default executor sends the
 * function's *source text* and its arguments (structured clone) to a Worker, so the function must
 * be self-contained: it may use only its parameters and globals, never variables it closes over,
 * and its result must be structured-cloneable. A function that returns a Promise is awaited in
 * the worker.
 *
 * Invariants: the pool is created on first use, holds at most {@link WorkerPoolExecutor.maxWorkers}
 * workers, and its workers are `unref`'d while idle, so an idle pool never keeps the process alive.
 * Results reach the loop only through `callSoonThreadsafe`.
 * @module
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { getRunningLoop } from '../events/running-loop.js';
import { RuntimeError } from '../exceptions.js';
import type { AbstractEventLoop, Executor } from '../spec/events.js';
import type { Future } from '../spec/futures.js';

/** The worker's program: evaluate the function source, call it, post the outcome back. */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
// Bundlers (esbuild's keepNames) may put __name(...) calls in function bodies.
globalThis.__name ??= (f) => f;
parentPort.on('message', async ({ id, source, args }) => {
  try {
    const fn = (0, eval)('(' + source + ')');
    const value = await fn(...args);
    parentPort.postMessage({ id, ok: true, value });
  } catch (e) {
    const error = e instanceof Error ? { name: e.name, message: e.message, stack: e.stack } : { name: 'Error', message: String(e) };
    parentPort.postMessage({ id, ok: false, error });
  }
});
`;

interface Job {
  id: number;
  source: string;
  args: unknown[];
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
}

/** Rebuilds an error that crossed the worker boundary, keeping its name and the worker's stack. */
function reviveError(e: { name: string; message: string; stack?: string }): Error {
  const error = new Error(e.message);
  error.name = e.name;
  if (e.stack !== undefined) error.stack = e.stack;
  return error;
}

/** Options of a {@link WorkerPoolExecutor}. */
export interface WorkerPoolOptions {
  /**
   * The most workers run at once.
   * @defaultValue `min(4, os.availableParallelism())`
   */
  maxWorkers?: number;
}

/**
 * An {@link Executor} that runs self-contained functions in a small pool of `worker_threads`
 * Workers (the counterpart of CPython's default `ThreadPoolExecutor`).
 * @remarks `fn` is sent as source text (`fn.toString()`) with structured-cloned arguments: it must
 * not use variables of its enclosing scope. Workers start on first use and are `unref`'d while
 * idle. `shutdown(false)` terminates the workers at once and rejects queued and running calls;
 * `shutdown(true)` waits for them first.
 * @example
 * ```ts
 * import { run, getRunningLoop, WorkerPoolExecutor } from 'pep3156';
 * const pool = new WorkerPoolExecutor({ maxWorkers: 1 });
 * async function main(): Promise<number> {
 *   return await getRunningLoop().runInExecutor(pool, (n: number) => n * 2, 21);
 * }
 * console.log(await run(main)); // 42
 * await pool.shutdown(true);
 * ```
 * @see {@link https://peps.python.org/pep-3156/#thread-interaction | PEP 3156 § Thread interaction}
 */
export class WorkerPoolExecutor implements Executor {
  /** The most workers that run at once. */
  readonly maxWorkers: number;
  readonly #slots: Slot[] = [];
  readonly #queue: Job[] = [];
  #nextId = 0;
  #shutdown = false;
  #idleWaiters: (() => void)[] = [];

  /** @throws TypeError if `maxWorkers` is not a positive integer. */
  constructor(options: WorkerPoolOptions = {}) {
    const max = options.maxWorkers ?? Math.min(4, availableParallelism());
    if (!Number.isInteger(max) || max < 1)
      throw new TypeError(`WorkerPoolExecutor: maxWorkers must be a positive integer, got ${String(max)}`);
    this.maxWorkers = max;
  }

  /**
   * Runs `fn(...args)` in a worker and resolves with its (awaited) result.
   * @throws TypeError if `fn` is not a function; {@link RuntimeError} after `shutdown()`.
   */
  submit<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Promise<Awaited<R>> {
    if (typeof fn !== 'function') throw new TypeError('submit: fn must be a function');
    if (this.#shutdown) throw new RuntimeError('submit: cannot schedule new calls after shutdown');
    return new Promise<Awaited<R>>((resolve, reject) => {
      const job: Job = {
        id: this.#nextId++,
        source: fn.toString(),
        args,
        resolve: resolve as (value: unknown) => void,
        reject,
      };
      this.#queue.push(job);
      this.#dispatch();
    });
  }

  /**
   * Stops the pool. With `wait` (default `true`), resolves once the queued and running calls
   * finished; without, terminates the workers at once and rejects what was pending.
   */
  async shutdown(wait = true): Promise<void> {
    this.#shutdown = true;
    if (wait && (this.#queue.length > 0 || this.#slots.some((s) => s.job !== null))) {
      await new Promise<void>((resolve) => this.#idleWaiters.push(resolve));
    }
    const abandoned = [...this.#queue, ...this.#slots.flatMap((s) => (s.job ? [s.job] : []))];
    this.#queue.length = 0;
    const slots = this.#slots.splice(0);
    await Promise.all(slots.map((s) => s.worker.terminate()));
    for (const job of abandoned) job.reject(new RuntimeError('the executor was shut down'));
  }

  #dispatch(): void {
    while (this.#queue.length > 0) {
      let slot = this.#slots.find((s) => s.job === null);
      if (slot === undefined) {
        if (this.#slots.length >= this.maxWorkers) return;
        slot = this.#spawn();
      }
      const job = this.#queue.shift() as Job;
      slot.job = job;
      slot.worker.ref();
      try {
        slot.worker.postMessage({ id: job.id, source: job.source, args: job.args });
      } catch (error) {
        slot.job = null;
        slot.worker.unref();
        job.reject(
          new TypeError(`runInExecutor: the arguments cannot be sent to a worker (${String(error)})`),
        );
      }
    }
    this.#checkIdle();
  }

  #spawn(): Slot {
    const worker = new Worker(WORKER_SOURCE, { eval: true, execArgv: [] });
    const slot: Slot = { worker, job: null };
    worker.unref();
    worker.on('message', (msg: { id: number; ok: boolean; value?: unknown; error?: never }) => {
      const job = slot.job;
      if (job === null || job.id !== msg.id) return;
      slot.job = null;
      worker.unref();
      if (msg.ok) job.resolve(msg.value);
      else job.reject(reviveError(msg.error as unknown as { name: string; message: string }));
      this.#dispatch();
    });
    worker.on('error', (error) => {
      // The worker died (e.g. a function that could not even be evaluated crashed it).
      const job = slot.job;
      slot.job = null;
      const i = this.#slots.indexOf(slot);
      if (i >= 0) this.#slots.splice(i, 1);
      job?.reject(error);
      this.#dispatch();
    });
    this.#slots.push(slot);
    return slot;
  }

  #checkIdle(): void {
    if (this.#queue.length > 0 || this.#slots.some((s) => s.job !== null)) return;
    for (const resolve of this.#idleWaiters.splice(0)) resolve();
  }
}

interface LoopExecutors {
  default: Executor | null;
  shutdownCalled: boolean;
}

const perLoop = new WeakMap<AbstractEventLoop, LoopExecutors>();

function stateOf(loop: AbstractEventLoop): LoopExecutors {
  let state = perLoop.get(loop);
  if (state === undefined) {
    state = { default: null, shutdownCalled: false };
    perLoop.set(loop, state);
  }
  return state;
}

/**
 * `loop.runInExecutor(executor, fn, ...args)`: runs `fn` in `executor` (the loop's default,
 * created on first use, when `null`) and returns a loop Future of the result.
 * @remarks Cancelling the Future does not stop a call that already runs in a worker.
 * @throws TypeError if `fn` is not a function; {@link RuntimeError} if the loop is closed or its
 *   default executor was shut down.
 */
export function runInExecutor<A extends unknown[], R>(
  loop: AbstractEventLoop,
  executor: Executor | null,
  fn: (...args: A) => R,
  ...args: A
): Future<Awaited<R>> {
  if (typeof fn !== 'function') throw new TypeError('runInExecutor: fn must be a function');
  if (loop.isClosed()) throw new RuntimeError('runInExecutor: the event loop is closed');
  let target = executor;
  if (target === null) {
    const state = stateOf(loop);
    if (state.shutdownCalled) throw new RuntimeError('runInExecutor: the default executor was shut down');
    state.default ??= new WorkerPoolExecutor();
    target = state.default;
  }
  const future = loop.createFuture<Awaited<R>>();
  const settle = (apply: () => void) => {
    if (!loop.isClosed()) loop.callSoonThreadsafe(() => future.done() || apply());
  };
  Promise.resolve()
    .then(() => (target as Executor).submit(fn, ...args))
    .then(
      (value) => settle(() => future.setResult(value as Awaited<R>)),
      (error: unknown) =>
        settle(() => future.setException(error instanceof Error ? error : new Error(String(error)))),
    );
  return future;
}

/** `loop.setDefaultExecutor(executor)`. @throws TypeError if `executor` has no `submit` method. */
export function setDefaultExecutor(loop: AbstractEventLoop, executor: Executor): void {
  if (executor === null || typeof executor !== 'object' || typeof executor.submit !== 'function')
    throw new TypeError('setDefaultExecutor: executor must have a submit() method');
  stateOf(loop).default = executor;
}

/**
 * `loop.shutdownDefaultExecutor()`: waits for the default executor's calls, then stops it; later
 * `runInExecutor(null, …)` calls throw {@link RuntimeError}.
 */
export function shutdownDefaultExecutor(loop: AbstractEventLoop): Future<void> {
  const state = stateOf(loop);
  state.shutdownCalled = true;
  const executor = state.default;
  state.default = null;
  const future = loop.createFuture<void>();
  Promise.resolve(executor?.shutdown(true)).then(
    () => loop.isClosed() || loop.callSoonThreadsafe(() => future.done() || future.setResult(undefined)),
    (error: unknown) =>
      loop.isClosed() ||
      loop.callSoonThreadsafe(
        () => future.done() || future.setException(error instanceof Error ? error : new Error(String(error))),
      ),
  );
  return future;
}

/** Called by `loop.close()`: stops the default executor without waiting (asyncio's `shutdown(wait=False)`). */
export function closeDefaultExecutor(loop: AbstractEventLoop): void {
  const state = perLoop.get(loop);
  if (state?.default == null) return;
  const executor = state.default;
  state.default = null;
  state.shutdownCalled = true;
  void Promise.resolve(executor.shutdown(false)).catch(() => {});
}

/**
 * Runs `fn(...args)` in the running loop's default executor (asyncio 3.9's `to_thread`).
 * @remarks `fn` runs in a Worker: it must be self-contained (see {@link WorkerPoolExecutor}).
 * @throws {@link RuntimeError} if no loop is running.
 * @example
 * ```ts
 * import { run, toThread } from 'pep3156';
 * // The function runs in a Worker, sent as source text: it may use only its arguments.
 * const fib = (n: number): number => {
 *   let [a, b] = [0, 1];
 *   for (let i = 0; i < n; i++) [a, b] = [b, a + b];
 *   return a;
 * };
 * console.log(await run(() => toThread(fib, 30))); // 832040, computed off the loop's thread
 * ```
 */
export function toThread<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Future<Awaited<R>> {
  return getRunningLoop().runInExecutor(null, fn, ...args);
}
