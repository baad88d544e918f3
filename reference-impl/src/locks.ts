/**
 * Synchronization primitives (PEP 3156 § Synchronization, § Locks): Lock, Event, Condition,
 * Semaphore, BoundedSemaphore, Barrier.
 *
 * Invariants:
 * - Waiters are served first come, first served.
 * - A cancelled waiter never swallows a wake-up: if a waiter is woken and cancelled in the same
 *   iteration, the wake-up passes on to the next waiter.
 * - Blocking operations return Futures (`yield*` in generator coroutines, `await` in async
 *   functions) and take no timeout: wrap them in `waitFor`.
 * - Only the public loop interface is used; a primitive binds to the running loop on first use.
 * @module
 */
import { getRunningLoop } from './events/running-loop.js';
import { BrokenBarrierError, CancelledError, RuntimeError, ValueError } from './exceptions.js';
import { Future } from './futures.js';
import type { AbstractEventLoop } from './spec/events.js';
import type { Coroutine, Future as FutureSpec } from './spec/futures.js';

/** Options of the primitives: the loop, for use outside a running loop (asyncio 3.4's `loop=`). */
export interface PrimitiveOptions {
  /** The loop to bind to; default: the running loop at first use. */
  loop?: AbstractEventLoop;
}

/**
 * The future a waiter gets from a blocking operation that hands it something (a lock, a permit, a
 * queue item). If the waiter's task is cancelled after the thing was handed over but before the
 * task resumed, `yield*` gives it back instead of swallowing it (CPython's `acquire` and
 * `Queue.get` coroutines do the same in their `except CancelledError` clauses). An `async`
 * function's `await` does not need this: it resumes with the value and sees the cancellation at
 * its next `await`.
 * @internal
 */
export class GivesBack<T> extends Future<T> {
  readonly #giveBack: (value: T) => void;
  constructor(loop: AbstractEventLoop, giveBack: (value: T) => void) {
    super(loop);
    this.#giveBack = giveBack;
  }
  override *[Symbol.iterator](): Generator<FutureSpec<unknown> | undefined, T, unknown> {
    if (!this.done()) {
      try {
        yield this as FutureSpec<unknown>;
      } catch (error) {
        if (error instanceof CancelledError && this.done() && !this.cancelled() && this.exception() === null)
          this.#giveBack(this.result());
        throw error;
      }
    }
    return this.result();
  }
}

/**
 * The future `Condition.wait()` returns: `cancel()` is accepted at once (it returns `true`) but the
 * future only becomes cancelled once the lock is held again, so the canceller's `finally` blocks
 * run holding the lock (CPython's `wait` re-acquires in a `finally` before re-raising).
 */
class Rewait extends Future<true> {
  readonly #onCancel: () => void;
  #cancelMessage: string | undefined;
  #requested = false;
  constructor(loop: AbstractEventLoop, onCancel: () => void) {
    super(loop);
    this.#onCancel = onCancel;
  }
  override cancel(msg?: string): boolean {
    if (this.done()) return false;
    if (!this.#requested) {
      this.#requested = true;
      this.#cancelMessage = msg;
      this.#onCancel();
    }
    return true;
  }
  /** Whether `cancel()` was called. */
  cancelRequested(): boolean {
    return this.#requested;
  }
  /** Completes the deferred cancellation. */
  finishCancelled(): void {
    super.cancel(this.#cancelMessage);
  }
}

function resolved(loop: AbstractEventLoop): FutureSpec<true> {
  const f = new Future<true>(loop);
  f.setResult(true);
  return f;
}

/** Binds a primitive to one loop, at construction or at first use. */
class LoopBound {
  #loop: AbstractEventLoop | null;
  constructor(options?: PrimitiveOptions) {
    this.#loop = options?.loop ?? null;
  }
  /** @internal */
  protected _getLoop(): AbstractEventLoop {
    if (this.#loop === null) this.#loop = getRunningLoop();
    return this.#loop;
  }
}

/** Something that can be acquired and released: Lock, Semaphore, Condition. */
interface Acquirable {
  acquire(): FutureSpec<true>;
  release(): void;
}

/** Holds `primitive` for the duration of `body` (a generator function or an async function). */
function holding<T>(primitive: Acquirable, body: () => Coroutine<T>): Coroutine<T>;
function holding<T>(primitive: Acquirable, body: () => PromiseLike<T>): Promise<T>;
function holding<T>(
  primitive: Acquirable,
  body: () => Coroutine<T> | PromiseLike<T>,
): Coroutine<T> | Promise<T>;
function holding<T>(
  primitive: Acquirable,
  body: () => Coroutine<T> | PromiseLike<T>,
): Coroutine<T> | Promise<T> {
  const first = primitive.acquire();
  const kind = body.constructor?.name;
  if (kind === 'AsyncFunction') {
    return (async () => {
      await first;
      try {
        return await (body() as PromiseLike<T>);
      } finally {
        primitive.release();
      }
    })();
  }
  return (function* () {
    yield* first;
    try {
      const produced = body();
      if (typeof (produced as PromiseLike<T>).then === 'function') {
        const f = new Future<T>(first.getLoop());
        (produced as PromiseLike<T>).then(
          (v) => f.setResult(v),
          (e: unknown) => f._setExceptionUnchecked(e),
        );
        return yield* f;
      }
      return yield* produced as Coroutine<T>;
    } finally {
      primitive.release();
    }
  })();
}

/**
 * Acquires `primitive` and resolves to a Disposable that releases it once. If the future is
 * cancelled after the primitive was acquired for it, the primitive is released again.
 */
function holdFuture(primitive: Acquirable, loop: AbstractEventLoop): FutureSpec<Disposable> {
  let released = false;
  const disposable: Disposable = {
    [Symbol.dispose]: () => {
      if (released) return;
      released = true;
      primitive.release();
    },
  };
  const acquired = primitive.acquire();
  const held = new GivesBack<Disposable>(loop, (d) => d[Symbol.dispose]());
  if (acquired.done()) {
    held.setResult(disposable);
    return held;
  }
  acquired.addDoneCallback(() => {
    if (acquired.cancelled()) {
      if (!held.done()) held.cancel();
    } else if (held.done()) primitive.release();
    else held.setResult(disposable);
  });
  held.addDoneCallback(() => {
    if (held.cancelled() && !acquired.done()) acquired.cancel();
  });
  return held;
}

/**
 * A mutual-exclusion lock.
 * @remarks Use it so that it is always released: `yield* lock.with(function* () { … })` or
 * `using _ = yield* lock.hold()` in a generator coroutine, `await lock.with(async () => { … })` or
 * `await using _ = await lock.hold()` in an async function. Waiters acquire it first come, first
 * served; a waiter cancelled as it is handed the lock passes it on.
 * @example
 * ```ts
 * import { type Coroutine, Lock, run } from 'pep3156';
 * function* main(): Coroutine<string> {
 *   const lock = new Lock();
 *   return yield* lock.with(function* () {
 *     return lock.locked() ? 'held' : 'free';
 *   });
 * }
 * console.log(await run(main())); // held
 * ```
 * @see {@link https://peps.python.org/pep-3156/#locks | PEP 3156 § Locks}
 */
export class Lock extends LoopBound implements Acquirable {
  #locked = false;
  readonly #waiters: GivesBack<true>[] = [];

  /** Whether the lock is held. */
  locked(): boolean {
    return this.#locked;
  }

  /** Acquires the lock: resolves to `true` once it is held by the caller. */
  acquire(): FutureSpec<true> {
    const loop = this._getLoop();
    if (!this.#locked && this.#waiters.every((w) => w.cancelled())) {
      this.#locked = true;
      return resolved(loop);
    }
    const waiter = new GivesBack<true>(loop, () => this.release());
    this.#waiters.push(waiter);
    waiter.addDoneCallback(() => {
      const i = this.#waiters.indexOf(waiter);
      if (i >= 0) this.#waiters.splice(i, 1);
      // Woken and cancelled at once: pass the wake-up on.
      if (waiter.cancelled() && !this.#locked) this.#wakeUpFirst();
    });
    return waiter;
  }

  /**
   * Releases the lock and wakes the first waiter.
   * @throws {@link RuntimeError} if the lock is not held.
   */
  release(): void {
    if (!this.#locked) throw new RuntimeError('Lock is not acquired.');
    this.#locked = false;
    this.#wakeUpFirst();
  }

  /** Runs `body` holding the lock and releases it afterwards, whatever happens. */
  with<T>(body: () => Coroutine<T>): Coroutine<T>;
  /** As above, for an async function. */
  with<T>(body: () => PromiseLike<T>): Promise<T>;
  with<T>(body: () => Coroutine<T> | PromiseLike<T>): Coroutine<T> | Promise<T> {
    return holding(this, body);
  }

  /**
   * Acquires the lock; resolves to a Disposable whose disposal releases it (once).
   * @example `await using _ = await lock.hold();` in an async function,
   * `using _ = yield* lock.hold();` in a generator coroutine.
   */
  hold(): FutureSpec<Disposable> {
    return holdFuture(this, this._getLoop());
  }

  #wakeUpFirst(): void {
    for (const waiter of this.#waiters) {
      if (waiter.done()) continue;
      this.#locked = true;
      waiter.setResult(true);
      return;
    }
  }
}

/**
 * An event: `wait()` blocks until `set()` is called.
 * @see {@link https://peps.python.org/pep-3156/#locks | PEP 3156 § Locks}
 */
export class Event extends LoopBound {
  #value = false;
  #waiters = new Set<Future<true>>();

  /** Whether the event is set. */
  isSet(): boolean {
    return this.#value;
  }

  /** Sets the event and wakes every waiter. */
  set(): void {
    if (this.#value) return;
    this.#value = true;
    for (const waiter of this.#waiters) if (!waiter.done()) waiter.setResult(true);
  }

  /** Clears the event. */
  clear(): void {
    this.#value = false;
  }

  /** Resolves to `true` once the event is set (at once if it is). */
  wait(): FutureSpec<true> {
    const loop = this._getLoop();
    if (this.#value) return resolved(loop);
    const waiter = new Future<true>(loop);
    this.#waiters.add(waiter);
    waiter.addDoneCallback(() => this.#waiters.delete(waiter));
    return waiter;
  }
}

/**
 * A condition variable: tasks wait until notified, holding an underlying lock around each check.
 * @see {@link https://peps.python.org/pep-3156/#locks | PEP 3156 § Locks}
 */
export class Condition extends LoopBound implements Acquirable {
  readonly #lock: Lock;
  readonly #waiters: Future<boolean>[] = [];

  /**
   * @param lock - The lock to use; a new one by default.
   * @throws TypeError if `lock` is given and is not a {@link Lock}.
   */
  constructor(lock?: Lock | null, options?: PrimitiveOptions) {
    super(options);
    if (lock != null && !(lock instanceof Lock))
      throw new TypeError(`Condition: lock must be a Lock, got ${String(lock)}`);
    this.#lock = lock ?? new Lock(options);
  }

  /** Whether the underlying lock is held. */
  locked(): boolean {
    return this.#lock.locked();
  }

  /** Acquires the underlying lock. */
  acquire(): FutureSpec<true> {
    return this.#lock.acquire();
  }

  /** Releases the underlying lock. @throws {@link RuntimeError} if it is not held. */
  release(): void {
    this.#lock.release();
  }

  /** Acquires it and resolves to a Disposable that releases it, as {@link Lock.hold}. */
  hold(): FutureSpec<Disposable> {
    return holdFuture(this, this._getLoop());
  }

  /** Runs `body` holding the lock, as {@link Lock.with}. */
  with<T>(body: () => Coroutine<T>): Coroutine<T>;
  /** As above, for an async function. */
  with<T>(body: () => PromiseLike<T>): Promise<T>;
  with<T>(body: () => Coroutine<T> | PromiseLike<T>): Coroutine<T> | Promise<T> {
    return holding(this, body);
  }

  /**
   * Releases the lock, waits to be notified, re-acquires the lock, and resolves to `true`.
   * @throws {@link RuntimeError} if the lock is not held.
   */
  wait(): FutureSpec<true> {
    if (!this.locked()) throw new RuntimeError('cannot wait on un-acquired lock');
    const loop = this._getLoop();
    const waiter = new Future<boolean>(loop);
    this.#waiters.push(waiter);
    this.release();
    let notified = false;
    const result = new Rewait(loop, () => {
      // Cancelled while waiting: stop waiting; the lock is re-acquired below before the
      // cancellation is delivered.
      if (!waiter.done()) waiter.cancel();
    });
    const reacquire = () => {
      // Always re-acquire before returning, even when cancelled (as asyncio does); a cancellation
      // that arrives meanwhile is deferred by Rewait until the lock is held again.
      const again = this.#lock.acquire();
      again.addDoneCallback(() => {
        if (again.cancelled()) {
          reacquire();
          return;
        }
        if (result.cancelRequested()) {
          // Woken and cancelled at once: pass the notification on, so it is not lost.
          if (notified) this.#wakeUp(1);
          result.finishCancelled();
        } else if (!result.done()) result.setResult(true);
      });
    };
    waiter.addDoneCallback(() => {
      const i = this.#waiters.indexOf(waiter);
      if (i >= 0) this.#waiters.splice(i, 1);
      notified = !waiter.cancelled();
      reacquire();
    });
    return result;
  }

  /** Waits until `predicate()` is true, checking it after each notification; resolves to its value. */
  waitFor<T>(predicate: () => T): Coroutine<T> {
    const self = this;
    return (function* () {
      let value = predicate();
      while (!value) {
        yield* self.wait();
        value = predicate();
      }
      return value;
    })();
  }

  /**
   * Wakes up to `n` waiters (default 1).
   * @throws {@link RuntimeError} if the lock is not held.
   */
  notify(n = 1): void {
    if (!this.locked()) throw new RuntimeError('cannot notify on un-acquired lock');
    this.#wakeUp(n);
  }

  #wakeUp(n: number): void {
    let woken = 0;
    for (const waiter of this.#waiters) {
      if (woken >= n) break;
      if (waiter.done()) continue;
      woken += 1;
      waiter.setResult(false);
    }
  }

  /** Wakes every waiter. @throws {@link RuntimeError} if the lock is not held. */
  notifyAll(): void {
    this.notify(this.#waiters.length);
  }
}

/**
 * A semaphore: a counter that `acquire()` decrements (waiting while it is zero) and `release()`
 * increments.
 * @see {@link https://peps.python.org/pep-3156/#locks | PEP 3156 § Locks}
 */
export class Semaphore extends LoopBound implements Acquirable {
  /** @internal */ protected _value: number;
  readonly #waiters: GivesBack<true>[] = [];

  /**
   * @param value - The initial counter (default 1).
   * @throws {@link ValueError} if `value` is negative; TypeError if it is not an integer.
   */
  constructor(value = 1, options?: PrimitiveOptions) {
    super(options);
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      throw new TypeError(`Semaphore: value must be an integer, got ${String(value)}`);
    }
    if (value < 0) throw new ValueError('Semaphore initial value must be >= 0');
    this._value = value;
  }

  /** Whether `acquire()` would wait. */
  locked(): boolean {
    return this._value === 0 || this.#waiters.some((w) => !w.cancelled());
  }

  /** Decrements the counter, waiting while it is zero; resolves to `true`. */
  acquire(): FutureSpec<true> {
    const loop = this._getLoop();
    if (!this.locked()) {
      this._value -= 1;
      return resolved(loop);
    }
    const waiter = new GivesBack<true>(loop, () => this.release());
    this.#waiters.push(waiter);
    waiter.addDoneCallback(() => {
      const i = this.#waiters.indexOf(waiter);
      if (i >= 0) this.#waiters.splice(i, 1);
      if (waiter.cancelled() && this._value > 0) this.#wakeUpNext();
    });
    return waiter;
  }

  /** Increments the counter and wakes the first waiter. */
  release(): void {
    this._value += 1;
    this.#wakeUpNext();
  }

  /** Acquires it and resolves to a Disposable that releases it, as {@link Lock.hold}. */
  hold(): FutureSpec<Disposable> {
    return holdFuture(this, this._getLoop());
  }

  /** Runs `body` holding the semaphore, as {@link Lock.with}. */
  with<T>(body: () => Coroutine<T>): Coroutine<T>;
  /** As above, for an async function. */
  with<T>(body: () => PromiseLike<T>): Promise<T>;
  with<T>(body: () => Coroutine<T> | PromiseLike<T>): Coroutine<T> | Promise<T> {
    return holding(this, body);
  }

  #wakeUpNext(): void {
    for (const waiter of this.#waiters) {
      if (waiter.done()) continue;
      if (this._value <= 0) return;
      this._value -= 1;
      waiter.setResult(true);
      return;
    }
  }
}

/** A semaphore that cannot be released above its initial value. */
export class BoundedSemaphore extends Semaphore {
  readonly #bound: number;

  /** @param value - The initial and maximum counter (default 1). */
  constructor(value = 1, options?: PrimitiveOptions) {
    super(value, options);
    this.#bound = value;
  }

  /** Increments the counter. @throws {@link ValueError} if that would exceed the initial value. */
  override release(): void {
    if (this._value >= this.#bound) throw new ValueError('BoundedSemaphore released too many times');
    super.release();
  }
}

/**
 * A barrier (asyncio 3.11): `wait()` blocks until `parties` tasks are waiting, then releases them all.
 */
export class Barrier extends LoopBound {
  readonly #parties: number;
  #count = 0;
  #state: 'filling' | 'broken' = 'filling';
  #waiters: { future: Future<number>; index: number }[] = [];

  /** @throws TypeError if `parties` is not an integer; {@link ValueError} unless it is at least 1. */
  constructor(parties: number, options?: PrimitiveOptions) {
    super(options);
    if (typeof parties !== 'number' || !Number.isInteger(parties))
      throw new TypeError(`Barrier: parties must be an integer, got ${String(parties)}`);
    if (parties < 1) throw new ValueError(`Barrier: parties must be >= 1, got ${parties}`);
    this.#parties = parties;
  }

  /** How many tasks must wait before all are released. */
  get parties(): number {
    return this.#parties;
  }
  /** How many tasks are waiting. */
  get nWaiting(): number {
    return this.#state === 'filling' ? this.#count : 0;
  }
  /** Whether the barrier is broken. */
  get broken(): boolean {
    return this.#state === 'broken';
  }

  /**
   * Waits for the other parties; resolves to this task's arrival index (0 … parties-1).
   * @throws {@link BrokenBarrierError} if the barrier is or becomes broken.
   */
  wait(): FutureSpec<number> {
    const loop = this._getLoop();
    const future = new Future<number>(loop);
    if (this.#state === 'broken') {
      future.setException(new BrokenBarrierError('Barrier aborted'));
      return future;
    }
    const index = this.#count;
    this.#count += 1;
    this.#waiters.push({ future, index });
    future.addDoneCallback(() => {
      if (future.cancelled() && this.#state === 'filling') {
        this.#waiters = this.#waiters.filter((w) => w.future !== future);
        this.#count -= 1;
      }
    });
    if (this.#count === this.#parties) {
      const released = this.#waiters;
      this.#waiters = [];
      this.#count = 0;
      for (const w of released) if (!w.future.done()) w.future.setResult(w.index);
    }
    return future;
  }

  /** Returns the barrier to its empty state; waiting tasks fail with BrokenBarrierError. */
  reset(): void {
    this.#breakWaiters();
    this.#state = 'filling';
  }

  /** Breaks the barrier: waiting and later tasks fail with BrokenBarrierError. */
  abort(): void {
    this.#breakWaiters();
    this.#state = 'broken';
  }

  #breakWaiters(): void {
    for (const w of this.#waiters)
      if (!w.future.done()) w.future.setException(new BrokenBarrierError('Barrier aborted'));
    this.#waiters = [];
    this.#count = 0;
  }
}
