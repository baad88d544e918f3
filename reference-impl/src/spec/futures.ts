/**
 * The Future and Task contracts (PEP 3156 § Futures, § Tasks, § Coroutines).
 *
 * Type-only: importing this module brings in no runtime code.
 * @module
 */
import type { AbstractEventLoop } from './events.js';

/**
 * What a generator coroutine yields to the Task that steps it: a {@link Future} to wait for, or
 * `undefined` (a bare `yield`) to give up exactly one loop iteration.
 */
export type Yieldable = Future<unknown> | undefined;

/**
 * A generator coroutine that returns `T`: the TypeScript twin of a 3.4 `@asyncio.coroutine`.
 * `yield* f` (on a {@link Future} or another coroutine) is the twin of `yield from f` and evaluates
 * to its result with full typing.
 * @typeParam T - The value the coroutine returns.
 * @see {@link https://peps.python.org/pep-3156/#coroutines | PEP 3156 § Coroutines}
 */
export type Coroutine<T> = Generator<Yieldable, T, unknown>;

/**
 * What a Task can run: a generator object (created lazily, so none of its body has run), or a
 * function that returns a generator or a Promise (an `async` function, called by the Task at its
 * first step so that none of its body runs before then).
 * @typeParam T - The value the body returns.
 */
export type TaskBody<T> = Coroutine<T> | (() => Coroutine<T> | PromiseLike<T>);

/** A callback registered with {@link Future.addDoneCallback}; it receives the future. */
export type DoneCallback<F> = (future: F) => void;

/**
 * The result of an asynchronous operation, settled once (PEP 3156 § Futures).
 *
 * @remarks States: PENDING → FINISHED (result or exception) or PENDING → CANCELLED; once done it
 * never changes again. Done callbacks are always scheduled with the loop's `callSoon`, in
 * registration order, and never called synchronously.
 *
 * A Future is `PromiseLike`: `await fut` resolves with its result or rejects with its exception.
 * Differs from CPython: the continuation of an `await` runs as a JavaScript microtask, not as a loop
 * callback; `yield* fut` in a generator coroutine resumes through the loop exactly as `yield from`.
 * @typeParam T - The type of the result.
 * @see {@link https://peps.python.org/pep-3156/#futures | PEP 3156 § Futures}
 */
export interface Future<T> extends PromiseLike<T> {
  /**
   * Cancels the future: if it is pending it becomes cancelled, schedules its callbacks and this
   * returns `true`; if it is already done this does nothing and returns `false`.
   * @param msg - An optional message carried by the `CancelledError` (asyncio 3.9+).
   */
  cancel(msg?: string): boolean;
  /** Whether the future was cancelled. */
  cancelled(): boolean;
  /** Whether the future is done: it has a result, an exception, or was cancelled. */
  done(): boolean;
  /**
   * Returns the result. Never blocks.
   * @throws the stored exception; `CancelledError` if cancelled; `InvalidStateError` if pending.
   */
  result(): T;
  /**
   * Returns the stored exception, or `null` if the future has a result. Retrieving it marks it as
   * retrieved (no "never retrieved" report).
   * @throws `CancelledError` if cancelled; `InvalidStateError` if pending.
   */
  exception(): Error | null;
  /**
   * Registers `fn` to be called with the future once it is done; if it is already done, `fn` is
   * scheduled with `callSoon`. Never called synchronously.
   */
  addDoneCallback(fn: DoneCallback<this>): void;
  /** Removes every registration of `fn` and returns how many were removed. */
  removeDoneCallback(fn: DoneCallback<this>): number;
  /**
   * Marks the future done with `result` and schedules its callbacks.
   * @throws `InvalidStateError` if it is already done or cancelled.
   */
  setResult(result: T): void;
  /**
   * Marks the future done with `exception` and schedules its callbacks.
   * @throws `InvalidStateError` if it is already done; `TypeError` if `exception` is not an `Error`
   *   (or if it is a `CancelledError`: cancel the future instead).
   */
  setException(exception: Error): void;
  /** The loop this future is bound to. */
  getLoop(): AbstractEventLoop;
  /**
   * Makes the future usable with `yield*` in a generator coroutine: yields the future itself to the
   * stepping Task and evaluates to its result (or throws its exception).
   */
  [Symbol.iterator](): Generator<Yieldable, T, unknown>;
}

/**
 * A Future that runs a coroutine (PEP 3156 § Tasks).
 *
 * @remarks Creating a task schedules its first step with `callSoon`; none of the body runs
 * synchronously. Each step runs as a loop callback. `cancel()` throws `CancelledError` into the
 * coroutine at its current suspension point (or at its first step); a coroutine that catches it may
 * go on, and then the task is not cancelled.
 * @typeParam T - The type of the result.
 * @see {@link https://peps.python.org/pep-3156/#tasks | PEP 3156 § Tasks}
 */
export interface Task<T> extends Future<T> {
  /** The task's name (asyncio 3.8+); defaults to `Task-N`. */
  getName(): string;
  /** Renames the task. */
  setName(name: string): void;
  /** The coroutine or function the task runs. */
  getCoro(): TaskBody<T>;
  /**
   * Requests cancellation: returns `false` if the task is done, otherwise `true`. The task is not
   * cancelled yet when this returns; the `CancelledError` is delivered at its next step.
   */
  cancel(msg?: string): boolean;
  /** How many cancellation requests are pending (asyncio 3.11+). */
  cancelling(): number;
  /** Decrements the pending cancellation count and returns the new count (asyncio 3.11+). */
  uncancel(): number;
}
