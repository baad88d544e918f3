/**
 * Future: the result of an asynchronous operation, settled once (PEP 3156 § Futures).
 *
 * Invariants:
 * - The state goes PENDING → FINISHED or PENDING → CANCELLED, once.
 * - Done callbacks are scheduled with the loop's `callSoon`, in registration order, never called
 *   synchronously.
 * - Only the public loop interface is used (`callSoon`, `callExceptionHandler`, `getDebug`), so a
 *   Future works on any conforming loop (PEP § The Scheduler).
 * @module
 */
import { asyncContext } from './events/async-context.js';
import { CancelledError, InvalidStateError } from './exceptions.js';
import type { AbstractEventLoop, ExceptionContext } from './spec/events.js';
import type { DoneCallback, Future as FutureSpec, Yieldable } from './spec/futures.js';

// The state; a future's outcome shares one field (`_value`) whose meaning the state gives.
const PENDING = 0; // _value: unused (a Task keeps a pending cancel message there)
const FINISHED = 1; // _value: the result
const CANCELLED = 2; // _value: the cancel message (string | undefined)
const FAILED = 3; // _value: the exception
type State = typeof PENDING | typeof FINISHED | typeof CANCELLED | typeof FAILED;
const STATE_NAMES = ['PENDING', 'FINISHED', 'CANCELLED', 'FINISHED'] as const;

/** What is reported if a failed future is collected with its exception never retrieved. */
interface Unretrieved {
  loop: AbstractEventLoop;
  message: string;
  exception: unknown;
  sourceTraceback: string | undefined;
}

const unretrieved =
  typeof FinalizationRegistry === 'function'
    ? new FinalizationRegistry<Unretrieved>((held) => {
        const context: ExceptionContext = { message: held.message, exception: held.exception };
        if (held.sourceTraceback !== undefined) context.sourceTraceback = held.sourceTraceback;
        try {
          if (!held.loop.isClosed()) held.loop.callExceptionHandler(context);
        } catch {
          // reporting must never throw from a finalizer
        }
      })
    : null;

/** An object that can wait on a loop future from inside an `async` function (a Task). @internal */
export interface AsyncWaiter {
  _awaiting(future: FutureSpec<unknown>): void;
}

/** A done callback, or a task waiting (see {@link Waker}). */
type DoneEntry<T> = ((future: Future<T>) => void) | Waker;

/**
 * A reference Task waiting on a reference Future: registered with `_addWaker` instead of a done
 * callback, so waking it costs no closure and no Handle. It is woken exactly where its done
 * callback would have been scheduled (the same place in the ready queue).
 * @internal
 */
export interface Waker {
  _wakeFrom(future: Future<unknown>): void;
}

/**
 * Whether `value` is a Future: ours, or any object with the Future interface (another
 * implementation's), duck-typed as asyncio's `isfuture` does.
 * @example
 * ```ts
 * import { isFuture, newEventLoop } from 'pep3156';
 * const loop = newEventLoop();
 * console.log(isFuture(loop.createFuture()), isFuture(Promise.resolve(1))); // true false
 * loop.close();
 * ```
 */
export function isFuture(value: unknown): value is FutureSpec<unknown> {
  if (value instanceof Future) return true;
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.addDoneCallback === 'function' && typeof v.getLoop === 'function' && typeof v.done === 'function'
  );
}

/**
 * The iterator behind `yield* future`: yields the future itself to the stepping Task (unless it is
 * already done) and then returns its result, or throws its exception.
 */
class FutureIterator<T> implements Generator<Yieldable, T, unknown> {
  #future: Future<T>;
  #yielded = false;
  constructor(future: Future<T>) {
    this.#future = future;
  }
  next(): IteratorResult<Yieldable, T> {
    const future = this.#future;
    if (!this.#yielded && !future.done()) {
      this.#yielded = true;
      return { done: false, value: future as Future<unknown> };
    }
    if (!future.done()) throw new InvalidStateError('yield* on a future resumed before it was done');
    return { done: true, value: future.result() };
  }
  return(value: T): IteratorResult<Yieldable, T> {
    return { done: true, value };
  }
  throw(error: unknown): IteratorResult<Yieldable, T> {
    throw error;
  }
  [Symbol.iterator](): this {
    return this;
  }
}

/**
 * The result of an asynchronous operation, settled once (PEP 3156 § Futures).
 *
 * @remarks Wait on it with `yield* future` in a generator coroutine (the twin of `yield from`) or
 * `await future` in an async function (it is `PromiseLike`).
 * Differs from CPython: an `await` resumes in a JavaScript microtask, not a loop callback.
 * @typeParam T - The type of the result.
 * @example
 * ```ts
 * import { newEventLoop } from 'pep3156';
 * const loop = newEventLoop();
 * const fut = loop.createFuture<number>();
 * loop.callSoon(() => fut.setResult(42));
 * console.log(await loop.runUntilComplete(fut)); // 42
 * loop.close();
 * ```
 * @see {@link https://peps.python.org/pep-3156/#futures | PEP 3156 § Futures}
 */
export class Future<T> implements FutureSpec<T> {
  // Four fields only: a program may hold hundreds of thousands of futures and tasks at once.
  /** @internal */ _state: State = PENDING;
  /** The result, the exception or the cancel message, as `_state` says. @internal */
  _value: unknown = undefined;
  /**
   * Done callbacks and waiting tasks, in registration order: the one callback itself while there
   * is one (most futures have one: the task waiting on it), an array from the second on.
   * @internal
   */
  _callbacks: DoneEntry<T> | DoneEntry<T>[] | null = null;
  /** @internal */ readonly _loop: AbstractEventLoop;
  /** In debug mode only: the stack where the future was created. @internal */
  declare _sourceTraceback?: string | undefined;

  /**
   * Creates a pending future bound to `loop`. Prefer `loop.createFuture()`.
   * @throws TypeError if `loop` is not an event loop.
   */
  constructor(loop: AbstractEventLoop) {
    if (loop === null || typeof loop !== 'object' || typeof loop.callSoon !== 'function') {
      throw new TypeError('Future: loop must be an event loop');
    }
    this._loop = loop;
    if (loop.getDebug()) this._sourceTraceback = new Error('future created here').stack;
  }

  /** Cancels the future if it is pending, scheduling its callbacks; returns whether it did. */
  cancel(msg?: string): boolean {
    if (this._state !== PENDING) return false;
    this._state = CANCELLED;
    this._value = msg;
    this._scheduleCallbacks();
    return true;
  }

  /** Whether the future was cancelled. */
  cancelled(): boolean {
    return this._state === CANCELLED;
  }

  /** Whether the future is done (result, exception or cancelled). */
  done(): boolean {
    return this._state !== PENDING;
  }

  /**
   * The result.
   * @throws the stored exception; {@link CancelledError} if cancelled; {@link InvalidStateError} if pending.
   */
  result(): T {
    const state = this._state;
    if (state === FINISHED) return this._value as T;
    if (state === CANCELLED) throw this._makeCancelledError();
    if (state === PENDING) throw new InvalidStateError('Result is not ready.');
    this._retrieved();
    throw this._value;
  }

  /**
   * The stored exception, or `null` if the future has a result.
   * @throws {@link CancelledError} if cancelled; {@link InvalidStateError} if pending.
   */
  exception(): Error | null {
    if (this._state === CANCELLED) throw this._makeCancelledError();
    if (this._state === PENDING) throw new InvalidStateError('Exception is not set.');
    if (this._state === FINISHED) return null;
    this._retrieved();
    return this._value as Error;
  }

  /** Calls `fn(future)` once the future is done, through the loop; never synchronously. */
  addDoneCallback(fn: DoneCallback<this>): void {
    if (typeof fn !== 'function') throw new TypeError('addDoneCallback: fn must be a function');
    if (this._state !== PENDING) {
      this._loop.callSoon(fn, this);
      return;
    }
    this.#addEntry(fn as unknown as (future: Future<T>) => void);
  }

  /** Wakes `waker` once the future is done, as a done callback would be scheduled. @internal */
  _addWaker(waker: Waker): void {
    if (this._state !== PENDING) {
      waker._wakeFrom(this as Future<unknown>);
      return;
    }
    this.#addEntry(waker);
  }

  #addEntry(entry: DoneEntry<T>): void {
    const callbacks = this._callbacks;
    if (callbacks === null) this._callbacks = entry;
    else if (Array.isArray(callbacks)) callbacks.push(entry);
    else this._callbacks = [callbacks, entry];
  }

  /** Removes every registration of `fn`; returns how many were removed. */
  removeDoneCallback(fn: DoneCallback<this>): number {
    const callbacks = this._callbacks;
    if (callbacks === null) return 0;
    if (!Array.isArray(callbacks)) {
      if (callbacks !== (fn as unknown)) return 0;
      this._callbacks = null;
      return 1;
    }
    const kept = callbacks.filter((cb) => cb !== (fn as unknown));
    const removed = callbacks.length - kept.length;
    if (removed > 0) this._callbacks = kept;
    return removed;
  }

  /**
   * Marks the future done with `result` and schedules its callbacks.
   * @throws {@link InvalidStateError} if the future is already done.
   */
  setResult(result: T): void {
    if (this._state !== PENDING)
      throw new InvalidStateError(`setResult: invalid state ${STATE_NAMES[this._state]}`);
    this._value = result;
    this._state = FINISHED;
    this._scheduleCallbacks();
  }

  /**
   * Marks the future done with `exception` and schedules its callbacks.
   * @throws {@link InvalidStateError} if already done; TypeError if `exception` is not an Error or is a
   *   {@link CancelledError} (cancel the future instead).
   */
  setException(exception: Error): void {
    if (this._state !== PENDING) {
      throw new InvalidStateError(`setException: invalid state ${STATE_NAMES[this._state]}`);
    }
    if (!(exception instanceof Error)) {
      throw new TypeError(`setException: exception must be an Error, got ${typeof exception}`);
    }
    if (exception instanceof CancelledError) {
      throw new TypeError('setException: a CancelledError cannot be set; call cancel() instead');
    }
    this._setExceptionUnchecked(exception);
  }

  /** The loop this future is bound to. */
  getLoop(): AbstractEventLoop {
    return this._loop;
  }

  /** `yield* future`: suspends the generator coroutine until the future is done, then gives its result. */
  [Symbol.iterator](): Generator<Yieldable, T, unknown> {
    return new FutureIterator(this);
  }

  /** `await future`: resolves with the result or rejects with the exception (or a CancelledError). */
  // biome-ignore lint/suspicious/noThenProperty: a Future is PromiseLike by design (PEP § Futures: awaitable)
  then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    const promise = new Promise<T>((resolve, reject) => {
      const settle = () => {
        try {
          resolve(this.result());
        } catch (error) {
          reject(error);
        }
      };
      if (this._state !== PENDING) {
        settle();
        return;
      }
      const waiter = asyncContext().get() as AsyncWaiter | undefined;
      if (waiter !== undefined && (waiter as unknown) !== this && typeof waiter._awaiting === 'function') {
        waiter._awaiting(this as FutureSpec<unknown>);
      }
      this.addDoneCallback(settle);
    });
    return promise.then(onfulfilled, onrejected);
  }

  /** A description for debugging. */
  toString(): string {
    return `<${this.constructor.name} ${STATE_NAMES[this._state]}>`;
  }

  /** Stores any thrown value as the exception (Tasks may see non-Error throws). @internal */
  _setExceptionUnchecked(exception: unknown): void {
    this._value = exception;
    this._state = FAILED;
    this._scheduleCallbacks();
    if (unretrieved !== null) {
      unretrieved.register(
        this,
        {
          loop: this._loop,
          message: `${this.constructor.name} exception was never retrieved`,
          exception,
          sourceTraceback: this._sourceTraceback,
        },
        this,
      );
    }
  }

  /** The CancelledError to throw for a cancelled future. @internal */
  _makeCancelledError(): CancelledError {
    return new CancelledError((this._value as string | undefined) ?? '');
  }

  /** The exception of a failed future was seen: it will not be reported when collected. @internal */
  _retrieved(): void {
    unretrieved?.unregister(this);
  }

  /** @internal */
  _scheduleCallbacks(): void {
    const callbacks = this._callbacks;
    if (callbacks === null) return;
    this._callbacks = null;
    const loop = this._loop;
    if (!Array.isArray(callbacks)) {
      this.#schedule(loop, callbacks);
      return;
    }
    for (let i = 0; i < callbacks.length; i++) this.#schedule(loop, callbacks[i] as DoneEntry<T>);
  }

  #schedule(loop: AbstractEventLoop, entry: DoneEntry<T>): void {
    if (typeof entry === 'function') loop.callSoon(entry, this);
    else entry._wakeFrom(this as Future<unknown>);
  }
}

/**
 * Copies the outcome of the done future `source` (result, exception or cancellation) into the
 * pending future `dest`; the one place the scheduler functions chain futures.
 * @internal
 */
export function _copyState<T>(source: FutureSpec<T>, dest: Future<T>): void {
  if (source.cancelled()) {
    dest.cancel();
    return;
  }
  const exception = source.exception();
  if (exception !== null) dest._setExceptionUnchecked(exception);
  else dest.setResult(source.result());
}

/**
 * The result of the done future `future`, for a Promise to resolve with (`runUntilComplete`).
 * @throws the future's exception, or `CancelledError`, as `result()` does; TypeError if the result
 *   is PromiseLike (a Future included): a Promise would adopt it instead of resolving with it, and
 *   would never settle if it is pending. asyncio returns the object itself, which a Promise cannot.
 * @internal
 */
export function _resultForPromise<T>(future: FutureSpec<T>, method: string): T {
  const result = future.result();
  if (
    result !== null &&
    (typeof result === 'object' || typeof result === 'function') &&
    typeof (result as { then?: unknown }).then === 'function'
  ) {
    throw new TypeError(
      `${method}: the result is PromiseLike (${isFuture(result) ? 'a Future' : 'a thenable'}), which a Promise ` +
        'cannot resolve to; read it with future.result()',
    );
  }
  return result;
}
