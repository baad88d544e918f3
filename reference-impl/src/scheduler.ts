/**
 * The scheduler's functions (PEP 3156 § Coroutines and the Scheduler): sleep, ensureFuture,
 * wrapFuture, wait, waitFor, gather, shield, asCompleted.
 *
 * Everything here uses only the public loop and Future interfaces, so it runs on any conforming
 * loop (PEP § The Scheduler). Functions that Python 3.4 gave a `loop=` argument take `{ loop }`;
 * by default they use the running loop.
 * @module
 */
import { CoroutineFuture } from './coroutine-future.js';
import { getRunningLoop } from './events/running-loop.js';
import { CancelledError, RuntimeError, TimeoutError, ValueError } from './exceptions.js';
import { _copyState, Future, isFuture } from './futures.js';
import type { AbstractEventLoop, CreateTaskOptions, TimerHandle } from './spec/events.js';
import type {
  Coroutine,
  Future as FutureSpec,
  TaskBody,
  Task as TaskSpec,
  Yieldable,
} from './spec/futures.js';
import { currentTask, isGenerator } from './tasks.js';
import { timeoutAt } from './timeouts.js';

/** Something a scheduler function accepts: a Future, a generator coroutine, an async-function thunk, or a PromiseLike. */
export type AwaitableLike<T> = FutureSpec<T> | TaskBody<T> | PromiseLike<T>;

/** The result type of an {@link AwaitableLike}. */
export type ResultOf<A> =
  A extends FutureSpec<infer T>
    ? T
    : A extends Coroutine<infer T>
      ? T
      : A extends () => Coroutine<infer T>
        ? T
        : A extends () => PromiseLike<infer T>
          ? T
          : A extends PromiseLike<infer T>
            ? T
            : never;

/** Options naming the loop (asyncio 3.4's `loop=`). */
export interface LoopOption {
  /** The loop to use; default: the running loop. */
  loop?: AbstractEventLoop;
}

/** `wait()` returns when any future finishes or is cancelled. */
export const FIRST_COMPLETED = 'FIRST_COMPLETED';
/** `wait()` returns when any future finishes with an exception (or all are done). */
export const FIRST_EXCEPTION = 'FIRST_EXCEPTION';
/** `wait()` returns when all futures are done. */
export const ALL_COMPLETED = 'ALL_COMPLETED';
/** One of {@link FIRST_COMPLETED}, {@link FIRST_EXCEPTION}, {@link ALL_COMPLETED}. */
export type ReturnWhen = typeof FIRST_COMPLETED | typeof FIRST_EXCEPTION | typeof ALL_COMPLETED;

function loopOf(options: LoopOption | undefined, fn: string): AbstractEventLoop {
  if (options?.loop !== undefined) return options.loop;
  try {
    return getRunningLoop();
  } catch (error) {
    // Name the way out: the 3.4 idiom loop.runUntilComplete(sleep(1)) calls sleep() before any
    // loop runs (see the porting guide's traps).
    throw new RuntimeError(
      `${fn}: ${(error as Error).message}; call ${fn}() from a coroutine or a callback that a loop runs`,
    );
  }
}

function checkSeconds(fn: string, name: string, value: unknown, allowNull: boolean): void {
  if (allowNull && (value === null || value === undefined)) return;
  if (typeof value !== 'number' || Number.isNaN(value)) {
    throw new TypeError(
      `${fn}: ${name} must be a number of seconds${allowNull ? ' or null' : ''}, got ${String(value)}`,
    );
  }
}

function setResultUnlessDone<T>(future: FutureSpec<T>, value: T): void {
  if (!future.done()) future.setResult(value);
}

/** The one result a `sleep(0)` gives its `yield*` before completing (shared: nothing mutates it). */
const YIELD_ONCE: IteratorResult<Yieldable, never> = Object.freeze({ done: false, value: undefined });
/** The result of the common `sleep(0)` without a value, shared for the same reason. */
const DONE_UNDEFINED: IteratorResult<Yieldable, undefined> = Object.freeze({ done: true, value: undefined });

/** SleepZero's flags: its `yield*` gave up its iteration; its completion is scheduled. */
const YIELDED = 1;
const ARMED = 2;

/**
 * The future returned by `sleep(0)`: `yield*` on it is a bare `yield` (exactly one iteration).
 * It is its own iterator (one object per sleep(0), not two) and keeps its value in the pending
 * future's value slot, so it costs one field more than a Future.
 */
class SleepZero<T> extends Future<T> implements Generator<Yieldable, T, unknown> {
  #flags = 0;
  constructor(loop: AbstractEventLoop, value: T) {
    super(loop);
    this._value = value;
  }
  /**
   * Seen from outside (a callback, `done()`): it completes by itself as asyncio's `sleep(0)`
   * coroutine wrapped in a task does, two iterations later (the bare yield, then the return), so
   * its done callbacks run in the third.
   */
  #arm(): void {
    if ((this.#flags & ARMED) !== 0) return;
    this.#flags |= ARMED;
    this._loop.callSoon(scheduleResult, this as FutureSpec<T>, this._value as T);
  }
  override addDoneCallback(fn: (future: this) => void): void {
    this.#arm();
    super.addDoneCallback(fn);
  }
  override done(): boolean {
    this.#arm();
    return super.done();
  }
  override [Symbol.iterator](): this {
    return this;
  }
  // The first next() yields nothing (a bare `yield`), the second completes the future with its
  // value. A second `yield*` on the same future finds it done and returns its outcome at once.
  next(): IteratorResult<Yieldable, T> {
    if (this._state === 0) {
      if ((this.#flags & YIELDED) === 0) {
        this.#flags |= YIELDED;
        return YIELD_ONCE;
      }
      const value = this._value as T;
      this.setResult(value);
      return value === undefined ? (DONE_UNDEFINED as IteratorResult<Yieldable, T>) : { done: true, value };
    }
    return { done: true, value: this.result() };
  }
  return(value: T): IteratorResult<Yieldable, T> {
    return { done: true, value };
  }
  throw(error: unknown): IteratorResult<Yieldable, T> {
    throw error;
  }
}

/** One more iteration, then the result: the step in which a task wrapping the sleep returns. */
function scheduleResult<T>(future: FutureSpec<T>, value: T): void {
  future.getLoop().callSoon(setResultUnlessDone, future, value);
}

const IDLE = 0;
const INLINE = 1;
const AS_TASK = 2;

/**
 * The future returned by `sleep(delay > 0)`. `yield*` on it from a task is `await asyncio.sleep()`:
 * the task resumes in the iteration after the timer fires. Any other first use (a done callback:
 * `gather`, `wait`, `createTask`) is asyncio's sleep coroutine wrapped in a task: it completes one
 * iteration after the timer fires, when that task would return. Its value waits in the pending
 * future's value slot.
 */
class Sleep<T> extends Future<T> {
  #mode = IDLE;
  readonly #handle: TimerHandle;
  constructor(loop: AbstractEventLoop, delay: number, value: T) {
    super(loop);
    this._value = value;
    this.#handle = loop.callLater(delay, fireSleep, this as Sleep<unknown>);
  }
  /** @internal */
  _fire(): void {
    if (this.done()) return;
    if (this.#mode === AS_TASK)
      this._loop.callSoon(setResultUnlessDone, this as FutureSpec<T>, this._value as T);
    else this.setResult(this._value as T);
  }
  override [Symbol.iterator](): Generator<Yieldable, T, unknown> {
    if (this.#mode === IDLE && currentTask(this._loop) !== null) this.#mode = INLINE;
    return super[Symbol.iterator]();
  }
  // biome-ignore lint/suspicious/noThenProperty: a Future is PromiseLike by design
  override then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    if (this.#mode === IDLE) this.#mode = INLINE;
    return super.then(onfulfilled, onrejected);
  }
  override addDoneCallback(fn: (future: this) => void): void {
    if (this.#mode === IDLE) this.#mode = AS_TASK;
    super.addDoneCallback(fn);
  }
  override cancel(msg?: string): boolean {
    if (!super.cancel(msg)) return false;
    this.#handle.cancel();
    return true;
  }
}

function fireSleep(sleep: Sleep<unknown>): void {
  sleep._fire();
}

/**
 * A future that completes after `delay` seconds with `result`. Cancelling it cancels its timer.
 * `sleep(0)` gives up exactly one loop iteration.
 * @remarks asyncio's `sleep` is a coroutine. `yield* sleep(d)` from a task is `await asyncio.sleep(d)`;
 * a sleep handed to `gather`, `wait`, `shield` or `createTask` instead completes in the iterations
 * of that coroutine wrapped in a task: `sleep(0)` two iterations later, `sleep(d)` one iteration
 * after its timer.
 * @example
 * ```ts
 * import { type Coroutine, run, sleep } from 'pep3156';
 * function* main(): Coroutine<string> {
 *   yield* sleep(0.1); // seconds, as in asyncio: a tenth of a second
 *   return yield* sleep(0, 'ready'); // sleep(0) lets the other tasks run once
 * }
 * console.log(await run(main())); // ready
 * ```
 * @see {@link https://peps.python.org/pep-3156/#sleeping | PEP 3156 § Sleeping}
 */
export function sleep(delay: number): FutureSpec<void>;
/** As {@link sleep}, completing with `result`. */
export function sleep<T>(delay: number, result: T, options?: LoopOption): FutureSpec<T>;
export function sleep<T>(delay: number, result?: T, options?: LoopOption): FutureSpec<T | undefined> {
  checkSeconds('sleep', 'delay', delay, false);
  const loop = loopOf(options, 'sleep');
  if (delay <= 0) return new SleepZero<T | undefined>(loop, result);
  return new Sleep<T | undefined>(loop, delay, result);
}

/**
 * Wraps `coro` in a Task on the running loop and schedules its first step (asyncio 3.7's
 * `create_task`): the same as `getRunningLoop().createTask(coro, options)`.
 * @throws {@link RuntimeError} when no loop is running (call it from a task or a callback).
 * @example
 * ```ts
 * import { type Coroutine, createTask, run, sleep } from 'pep3156';
 * function* child(): Coroutine<string> {
 *   yield* sleep(0.01);
 *   return 'child done';
 * }
 * console.log(
 *   await run(function* () {
 *     const task = createTask(child(), { name: 'child' });
 *     return yield* task;
 *   }),
 * ); // child done
 * ```
 * @see {@link https://docs.python.org/3/library/asyncio-task.html#asyncio.create_task | asyncio.create_task}
 */
export function createTask<T>(coro: TaskBody<T>, options?: CreateTaskOptions): TaskSpec<T> {
  return getRunningLoop().createTask(coro, options);
}

/**
 * Wraps `value` in a Future: a Future is returned unchanged, a coroutine or async-function thunk
 * becomes a Task, a PromiseLike is wrapped with {@link wrapFuture}.
 * @throws TypeError for anything else; {@link ValueError} if a Future belongs to another loop than `options.loop`.
 * @example
 * ```ts
 * import { type Coroutine, ensureFuture, run, sleep } from 'pep3156';
 * function* answer(): Coroutine<number> {
 *   yield* sleep(0.01);
 *   return 42;
 * }
 * async function label(): Promise<string> {
 *   return 'from a promise';
 * }
 * function* main(): Coroutine<[number, string]> {
 *   const task = ensureFuture(answer()); // a coroutine becomes a Task, scheduled at once
 *   const wrapped = ensureFuture(label()); // a Promise becomes a Future of the running loop
 *   return [yield* task, yield* wrapped];
 * }
 * console.log(await run(main())); // [ 42, 'from a promise' ]
 * ```
 */
export function ensureFuture<T>(value: AwaitableLike<T>, options?: LoopOption): FutureSpec<T> {
  if (isFuture(value)) {
    if (options?.loop !== undefined && value.getLoop() !== options.loop) {
      throw new ValueError('ensureFuture: the future belongs to a different loop than the one given');
    }
    // What stands for a coroutine call (wait, waitFor, …) becomes a task, as ensure_future(coro).
    if (value instanceof CoroutineFuture) value._ensureStarted();
    return value as FutureSpec<T>;
  }
  if (isGenerator(value) || typeof value === 'function') {
    return loopOf(options, 'ensureFuture').createTask(value as TaskBody<T>);
  }
  if (value !== null && typeof value === 'object' && typeof (value as PromiseLike<T>).then === 'function') {
    return wrapFuture(value as PromiseLike<T>, options);
  }
  throw new TypeError(
    `ensureFuture: a Future, a coroutine or a PromiseLike is required, got ${typeof value}`,
  );
}

/**
 * Wraps any PromiseLike (a native Promise, a Worker result) in a Future of the loop. The Future
 * settles through `callSoonThreadsafe`, so it may be settled from anywhere.
 * @example
 * ```ts
 * import { type Coroutine, run, wrapFuture } from 'pep3156';
 * async function fetchLength(text: string): Promise<number> {
 *   return text.length;
 * }
 * function* main(): Coroutine<number> {
 *   // A generator coroutine waits on a Promise through a Future of its loop.
 *   return yield* wrapFuture(fetchLength('hello'));
 * }
 * console.log(await run(main())); // 5
 * ```
 */
export function wrapFuture<T>(promise: PromiseLike<T> | FutureSpec<T>, options?: LoopOption): FutureSpec<T> {
  if (isFuture(promise)) return promise as FutureSpec<T>;
  if (promise === null || typeof promise !== 'object' || typeof promise.then !== 'function') {
    throw new TypeError('wrapFuture: a PromiseLike is required');
  }
  const loop = loopOf(options, 'wrapFuture');
  const future = new Future<T>(loop);
  promise.then(
    (value) => {
      if (!loop.isClosed()) loop.callSoonThreadsafe(setResultUnlessDone, future as FutureSpec<T>, value);
    },
    (error: unknown) => {
      if (loop.isClosed()) return;
      loop.callSoonThreadsafe(() => {
        if (future.done()) return;
        if (error instanceof CancelledError) future.cancel(error.message);
        else future._setExceptionUnchecked(error);
      });
    },
  );
  return future;
}

/** Options of {@link wait}. */
export interface WaitOptions extends LoopOption {
  /** Seconds to wait at most; `null` (default) waits without limit. */
  timeout?: number | null;
  /** When to return; default {@link ALL_COMPLETED}. */
  returnWhen?: ReturnWhen;
}

/**
 * Waits for the futures in `fs` and resolves to `[done, pending]` (Sets of the given futures or of
 * the tasks wrapping given coroutines). Never throws TimeoutError: on timeout, what is not done is
 * in `pending`.
 * @remarks asyncio's `wait` is a coroutine; this returns a Future that stands for it: `yield*` on
 * it from a task runs it in that task (the sets are made when that task resumes), any other use
 * runs it in a task of its own. Unlike asyncio 3.11+, coroutines are accepted (wrapped in tasks);
 * the same one given twice is one task.
 * @throws {@link ValueError} if `fs` is empty or `returnWhen` is unknown; TypeError if `fs` is a
 *   single future or coroutine instead of a collection.
 * @example
 * ```ts
 * import { type Coroutine, createTask, FIRST_COMPLETED, run, sleep, wait } from 'pep3156';
 * function* after(seconds: number, name: string): Coroutine<string> {
 *   yield* sleep(seconds);
 *   return name;
 * }
 * function* main(): Coroutine<string> {
 *   const tasks = [createTask(after(0.01, 'fast')), createTask(after(1, 'slow'))];
 *   const [done, pending] = yield* wait(tasks, { returnWhen: FIRST_COMPLETED });
 *   for (const task of pending) task.cancel(); // wait() never cancels: the caller decides
 *   return [...done].map((task) => task.result()).join();
 * }
 * console.log(await run(main())); // fast
 * ```
 * @see {@link https://peps.python.org/pep-3156/#waiting-for-multiple-coroutines | PEP 3156 § Waiting for Multiple Coroutines}
 */
export function wait<T>(
  fs: Iterable<AwaitableLike<T>>,
  options: WaitOptions = {},
): FutureSpec<[done: Set<FutureSpec<T>>, pending: Set<FutureSpec<T>>]> {
  checkCollection('wait', fs);
  const returnWhen = options.returnWhen ?? ALL_COMPLETED;
  if (returnWhen !== FIRST_COMPLETED && returnWhen !== FIRST_EXCEPTION && returnWhen !== ALL_COMPLETED) {
    throw new ValueError(`wait: invalid returnWhen ${String(returnWhen)}`);
  }
  checkSeconds('wait', 'timeout', options.timeout, true);
  // As asyncio's set(fs): the same coroutine or future twice is one.
  const futures = new Set<FutureSpec<T>>();
  for (const f of new Set(fs)) futures.add(ensureFuture(f, options));
  if (futures.size === 0) throw new ValueError('wait: the set of futures is empty');
  const loop = options.loop ?? [...futures][0].getLoop();
  const timeout = options.timeout ?? null;
  return new CoroutineFuture(loop, () => waitBody(futures, timeout, returnWhen, loop));
}

/** The coroutine of {@link wait}: done and pending are computed when the waiting task resumes. */
function* waitBody<T>(
  fs: Set<FutureSpec<T>>,
  timeout: number | null,
  returnWhen: ReturnWhen,
  loop: AbstractEventLoop,
): Coroutine<[Set<FutureSpec<T>>, Set<FutureSpec<T>>]> {
  const waiter = new Future<void>(loop);
  const release = () => {
    if (!waiter.done()) waiter.setResult(undefined);
  };
  const timer = timeout === null ? null : loop.callLater(Math.max(0, timeout), release);
  let counter = fs.size;
  const onCompletion = (f: FutureSpec<T>) => {
    counter -= 1;
    if (
      counter <= 0 ||
      returnWhen === FIRST_COMPLETED ||
      (returnWhen === FIRST_EXCEPTION && !f.cancelled() && f.exception() !== null)
    ) {
      timer?.cancel();
      release();
    }
  };
  for (const f of fs) f.addDoneCallback(onCompletion);
  try {
    yield* waiter;
  } finally {
    timer?.cancel();
    for (const f of fs) f.removeDoneCallback(onCompletion);
  }
  const done = new Set<FutureSpec<T>>();
  const pending = new Set<FutureSpec<T>>();
  for (const f of fs) (f.done() ? done : pending).add(f);
  return [done, pending];
}

/** asyncio's TypeError for a single future or coroutine where a collection is expected. */
function checkCollection(fn: string, fs: unknown): void {
  if (
    fs === null ||
    typeof (fs as Iterable<unknown>)?.[Symbol.iterator] !== 'function' ||
    isFuture(fs) ||
    isGenerator(fs)
  ) {
    throw new TypeError(`${fn}: expects an iterable of futures, not a single future or coroutine`);
  }
}

/** Cancels `fut` and waits until it is done (asyncio's `_cancel_and_wait`). */
function* cancelAndWait(fut: FutureSpec<unknown>, loop: AbstractEventLoop): Coroutine<void> {
  const waiter = new Future<void>(loop);
  const release = () => {
    if (!waiter.done()) waiter.setResult(undefined);
  };
  fut.addDoneCallback(release);
  try {
    fut.cancel();
    yield* waiter;
  } finally {
    fut.removeDoneCallback(release);
  }
}

/**
 * Waits for `f` with a time limit: on timeout `f` is cancelled and, once it is done, the result
 * rejects with {@link TimeoutError} (its `cause` the CancelledError). Cancelling the wait cancels
 * `f` and waits until it is done. `timeout` null waits forever; a timeout `<= 0` cancels `f` before
 * it starts (a coroutine never runs) unless it is already done.
 * @remarks As asyncio 3.12's `wait_for`, which is `async with timeout(t): return await f`: a
 * coroutine runs in the waiting task itself (3.11 wrapped it in a task).
 * @example
 * ```ts
 * import { type Coroutine, run, sleep, TimeoutError, waitFor } from 'pep3156';
 * function* slowAnswer(): Coroutine<number> {
 *   yield* sleep(10);
 *   return 42;
 * }
 * function* main(): Coroutine<string> {
 *   try {
 *     return `got ${yield* waitFor(slowAnswer(), 0.05)}`;
 *   } catch (err) {
 *     if (err instanceof TimeoutError) return 'gave up after 50 ms'; // slowAnswer was cancelled
 *     throw err;
 *   }
 * }
 * console.log(await run(main())); // gave up after 50 ms
 * ```
 * @see {@link https://peps.python.org/pep-3156/#waiting-for-multiple-coroutines | PEP 3156 § Waiting for Multiple Coroutines}
 */
export function waitFor<T>(f: AwaitableLike<T>, timeout: number | null, options?: LoopOption): FutureSpec<T> {
  checkSeconds('waitFor', 'timeout', timeout, true);
  const limit = timeout ?? null;
  const loop = isFuture(f) ? f.getLoop() : loopOf(options, 'waitFor');
  return new CoroutineFuture(loop, () => waitForBody(f, limit, options, loop));
}

function* waitForBody<T>(
  f: AwaitableLike<T>,
  limit: number | null,
  options: LoopOption | undefined,
  loop: AbstractEventLoop,
): Coroutine<T> {
  if (limit !== null && limit <= 0) {
    const fut = ensureFuture(f, options);
    if (fut.done()) return fut.result();
    yield* cancelAndWait(fut, loop);
    try {
      return fut.result();
    } catch (error) {
      if (error instanceof CancelledError) {
        throw new TimeoutError(`waitFor: timed out after ${limit} seconds`, { cause: error });
      }
      throw error;
    }
  }
  return yield* timeoutAt(limit === null ? null : loop.time() + limit, function* () {
    return yield* isGenerator(f) ? (f as Coroutine<T>) : ensureFuture(f, options);
  });
}

/** Options of {@link gather}. */
export interface GatherOptions {
  /** Put exceptions (and CancelledErrors) into the results instead of failing the whole gather. */
  returnExceptions?: boolean;
}

type GatherResults<A extends readonly unknown[]> = { -readonly [K in keyof A]: ResultOf<A[K]> };
type GatherSettled<A extends readonly unknown[]> = { -readonly [K in keyof A]: ResultOf<A[K]> | Error };

function isGatherOptions(value: unknown): value is GatherOptions {
  return (
    value !== null &&
    typeof value === 'object' &&
    !isFuture(value) &&
    !isGenerator(value) &&
    typeof (value as PromiseLike<unknown>).then !== 'function'
  );
}

/** The future `gather` returns: cancelling it cancels every child that is not done. */
class GatheringFuture<T> extends Future<T> {
  readonly #children: FutureSpec<unknown>[];
  /** @internal */ _cancelRequested = false;
  constructor(loop: AbstractEventLoop, children: FutureSpec<unknown>[]) {
    super(loop);
    this.#children = children;
  }
  override cancel(msg?: string): boolean {
    if (this.done()) return false;
    let any = false;
    for (const child of this.#children) if (child.cancel(msg)) any = true;
    if (any) this._cancelRequested = true;
    return any;
  }
}

/**
 * Runs the awaitables concurrently and resolves to their results in argument order.
 * @remarks The first exception (or a child's cancellation, as CancelledError) fails the result; the
 * other children keep running. Cancelling the result cancels every child not yet done: this follows
 * CPython; the PEP says the children are not affected (statement `scheduler.gather.cancel-children`
 * below gives the reason).
 * Pass options first: `gather({ returnExceptions: true }, a, b)`.
 * @example
 * ```ts
 * import { type Coroutine, gather, run, sleep } from 'pep3156';
 * function* square(x: number): Coroutine<number> {
 *   yield* sleep(0.01 * x);
 *   return x * x;
 * }
 * function* main(): Coroutine<number[]> {
 *   const [a, b, c] = yield* gather(square(3), square(1), square(2));
 *   return [a, b, c]; // in argument order, not in completion order
 * }
 * console.log(await run(main())); // [ 9, 1, 4 ]
 * ```
 * @see {@link https://peps.python.org/pep-3156/#waiting-for-multiple-coroutines | PEP 3156 § Waiting for Multiple Coroutines}
 */
export function gather<A extends readonly AwaitableLike<unknown>[]>(...aws: A): FutureSpec<GatherResults<A>>;
/** As {@link gather}, with options first. */
export function gather<A extends readonly AwaitableLike<unknown>[]>(
  options: GatherOptions & { returnExceptions: true },
  ...aws: A
): FutureSpec<GatherSettled<A>>;
/** As {@link gather}, with options first. */
export function gather<A extends readonly AwaitableLike<unknown>[]>(
  options: GatherOptions,
  ...aws: A
): FutureSpec<GatherResults<A>>;
export function gather(...args: unknown[]): FutureSpec<unknown[]> {
  let returnExceptions = false;
  if (args.length > 0 && isGatherOptions(args[0])) {
    returnExceptions = Boolean((args.shift() as GatherOptions).returnExceptions);
  }
  if (args.length === 0) {
    const future = new Future<unknown[]>(getRunningLoop());
    future.setResult([]);
    return future;
  }
  // A coroutine (or thunk, or promise) given twice becomes one task, as asyncio's arg_to_fut; a
  // Future is its own child, so only the others need the map (gathering 100k tasks builds none).
  let wrapped: Map<unknown, FutureSpec<unknown>> | null = null;
  let loop: AbstractEventLoop | undefined;
  const children = args.map((arg) => {
    let child = isFuture(arg) ? arg : wrapped?.get(arg);
    if (child === undefined || child === arg) {
      // As asyncio: every child must belong to the loop of the first (ValueError otherwise).
      child = ensureFuture(arg as AwaitableLike<unknown>, loop === undefined ? undefined : { loop });
      loop ??= child.getLoop();
      if (child !== arg) {
        wrapped ??= new Map();
        wrapped.set(arg, child);
      }
    }
    return child;
  });
  const outer = new GatheringFuture<unknown[]>(loop as AbstractEventLoop, children);
  // A child given twice is counted twice: its callback is added once per place it holds.
  let finished = 0;
  const onChild = (child: FutureSpec<unknown>) => {
    finished += 1;
    if (outer.done()) {
      if (!child.cancelled()) child.exception(); // mark retrieved
      return;
    }
    if (!returnExceptions) {
      if (child.cancelled()) {
        // The child's own CancelledError (its message), as asyncio's _make_cancelled_error().
        outer._setExceptionUnchecked(cancelledErrorOf(child));
        return;
      }
      const exception = child.exception();
      if (exception !== null) {
        outer._setExceptionUnchecked(exception);
        return;
      }
    }
    if (finished < children.length) return;
    const results = children.map((c) => {
      if (c.cancelled()) return cancelledErrorOf(c);
      const exception = c.exception();
      return exception ?? c.result();
    });
    if (outer._cancelRequested) outer._setExceptionUnchecked(cancelledErrorOf(child));
    else outer.setResult(results);
  };
  // Children already done are counted now, as asyncio does (the outcome may be known at once).
  for (const child of children) if (!child.done()) child.addDoneCallback(onChild);
  for (const child of children) if (child.done()) onChild(child);
  return outer;
}

/** The CancelledError a cancelled future throws (with its cancel message). */
function cancelledErrorOf(future: FutureSpec<unknown>): CancelledError {
  try {
    future.result();
  } catch (error) {
    if (error instanceof CancelledError) return error;
  }
  return new CancelledError('');
}

/**
 * Protects `arg` from cancellation: cancelling the result does not cancel `arg`, but if `arg` is
 * cancelled the result is too. If `arg` is already done, it is returned itself.
 * @example
 * ```ts
 * import { type Coroutine, createTask, run, shield, sleep, TimeoutError, waitFor } from 'pep3156';
 * function* save(): Coroutine<string> {
 *   yield* sleep(0.05);
 *   return 'saved';
 * }
 * function* main(): Coroutine<string> {
 *   const saving = createTask(save());
 *   try {
 *     yield* waitFor(shield(saving), 0.01); // the timeout cancels the shield, not the save
 *   } catch (err) {
 *     if (!(err instanceof TimeoutError)) throw err;
 *   }
 *   return yield* saving;
 * }
 * console.log(await run(main())); // saved
 * ```
 */
export function shield<T>(arg: AwaitableLike<T>, options?: LoopOption): FutureSpec<T> {
  const inner = ensureFuture(arg, options);
  if (inner.done()) return inner;
  const outer = new Future<T>(inner.getLoop());
  const copy = () => {
    if (outer.done()) {
      if (!inner.cancelled()) inner.exception();
      return;
    }
    _copyState(inner, outer);
  };
  inner.addDoneCallback(copy);
  outer.addDoneCallback(() => {
    if (!inner.done()) inner.removeDoneCallback(copy);
  });
  return outer;
}

/** Options of {@link asCompleted}. */
export interface AsCompletedOptions extends LoopOption {
  /** After this many seconds, the remaining futures reject with TimeoutError. */
  timeout?: number | null;
}

/**
 * Yields one Future per input, in completion order: the first resolves like the first input to
 * finish, and so on. After `timeout`, the remaining ones reject with {@link TimeoutError}.
 * Iterable (`for (const f of asCompleted(fs)) yield* f`) and async-iterable (`for await`).
 * @example
 * ```ts
 * import { asCompleted, type Coroutine, run, sleep } from 'pep3156';
 * function* after(seconds: number, name: string): Coroutine<string> {
 *   yield* sleep(seconds);
 *   return name;
 * }
 * function* main(): Coroutine<string[]> {
 *   const order: string[] = [];
 *   for (const next of asCompleted([after(0.03, 'c'), after(0.01, 'a'), after(0.02, 'b')])) {
 *     order.push(yield* next);
 *   }
 *   return order;
 * }
 * console.log(await run(main())); // [ 'a', 'b', 'c' ]
 * ```
 */
export function asCompleted<T>(
  fs: Iterable<AwaitableLike<T>>,
  options: AsCompletedOptions = {},
): IterableIterator<FutureSpec<T>> & AsyncIterable<T> {
  checkCollection('asCompleted', fs);
  checkSeconds('asCompleted', 'timeout', options.timeout, true);
  const todo = new Set<FutureSpec<T>>();
  for (const f of new Set(fs)) todo.add(ensureFuture(f, options));
  const total = todo.size;
  const loop = options.loop ?? (total > 0 ? [...todo][0].getLoop() : getRunningLoop());
  // asyncio's Queue of done futures (null: the timeout passed) and its getters.
  const doneQueue: (FutureSpec<T> | null)[] = [];
  const getters: Future<void>[] = [];
  let timer: { cancel(): void } | null = null;
  const wakeNext = () => {
    while (getters.length > 0) {
      const getter = getters.shift() as Future<void>;
      if (!getter.done()) {
        getter.setResult(undefined);
        return;
      }
    }
  };
  const deliver = (item: FutureSpec<T> | null) => {
    doneQueue.push(item);
    wakeNext();
  };
  const onDone = (f: FutureSpec<T>) => {
    if (!todo.delete(f)) return;
    deliver(f);
    if (todo.size === 0 && timer !== null) timer.cancel();
  };
  for (const f of todo) f.addDoneCallback(onDone);
  if (total > 0 && options.timeout !== null && options.timeout !== undefined) {
    timer = loop.callLater(Math.max(0, options.timeout), () => {
      for (const f of todo) {
        f.removeDoneCallback(onDone);
        deliver(null);
      }
      todo.clear();
    });
  }
  /** asyncio's `_wait_for_one()`: takes the next done future when awaited, not when made. */
  function* waitForOne(): Coroutine<T> {
    while (doneQueue.length === 0) {
      const getter = new Future<void>(loop);
      getters.push(getter);
      try {
        yield* getter;
      } catch (error) {
        getter.cancel();
        const index = getters.indexOf(getter);
        if (index >= 0) getters.splice(index, 1);
        else if (doneQueue.length > 0) wakeNext(); // woken, then cancelled: pass the wake-up on
        throw error;
      }
    }
    const item = doneQueue.shift() as FutureSpec<T> | null;
    if (item === null) throw new TimeoutError('asCompleted: timed out');
    return item.result();
  }
  const next = (): FutureSpec<T> => new CoroutineFuture(loop, waitForOne);
  let handedOut = 0;
  const iterator: IterableIterator<FutureSpec<T>> & AsyncIterable<T> = {
    next(): IteratorResult<FutureSpec<T>> {
      if (handedOut >= total) return { done: true, value: undefined };
      handedOut += 1;
      return { done: false, value: next() };
    },
    [Symbol.iterator]() {
      return iterator;
    },
    [Symbol.asyncIterator](): AsyncIterator<T> {
      return {
        next: async (): Promise<IteratorResult<T>> => {
          const r = iterator.next();
          if (r.done) return { done: true, value: undefined };
          return { done: false, value: await r.value };
        },
      };
    },
  };
  return iterator;
}
