/**
 * Synchronization primitives (PEP 3156 § Synchronization, § Locks): Lock, Event, Condition,
 * Semaphore, BoundedSemaphore, Barrier.
 *
 * Invariants:
 * - Waiters are served first come, first served.
 * - Each blocking call is an {@link Operation} whose body follows asyncio's coroutine for it, so a
 *   generator coroutine that `yield*`s it sees the same loop iterations as asyncio: a woken waiter
 *   takes the lock, the permit or the notification when it resumes (one iteration after the
 *   wake-up), not when it is woken; the primitive is free in between.
 * - A cancelled waiter never swallows a wake-up: a waiter woken and then cancelled before it
 *   resumed passes the wake-up on to the next waiter.
 * - Blocking operations return Futures (`yield*` in generator coroutines, `await` in async
 *   functions) and take no timeout: wrap them in `waitFor`.
 * - Only the public loop interface is used; a primitive binds to the running loop on first use.
 * @module
 */
import { getRunningLoop } from './events/running-loop.js';
import { BrokenBarrierError, CancelledError, RuntimeError, ValueError } from './exceptions.js';
import { Future } from './futures.js';
import { Operation, type OperationBody, resolved } from './operation.js';
import type { AbstractEventLoop } from './spec/events.js';
import type { Coroutine, Future as FutureSpec } from './spec/futures.js';

/** Options of the primitives: the loop, for use outside a running loop (asyncio 3.4's `loop=`). */
export interface PrimitiveOptions {
  /** The loop to bind to; default: the running loop at first use. */
  loop?: AbstractEventLoop;
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
  const kind = body.constructor?.name;
  if (kind === 'AsyncFunction') {
    return (async () => {
      await primitive.acquire();
      try {
        return await (body() as PromiseLike<T>);
      } finally {
        primitive.release();
      }
    })();
  }
  return (function* () {
    const first = primitive.acquire();
    yield* first;
    try {
      const produced = body();
      if (typeof (produced as PromiseLike<T>).then === 'function') {
        const f = new Future<T>(first.getLoop());
        (produced as PromiseLike<T>).then(
          (v) => {
            if (!f.done()) f.setResult(v);
          },
          (e: unknown) => {
            if (!f.done()) f._setExceptionUnchecked(e);
          },
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
 * Acquires `primitive` and resolves to a Disposable that releases it once. A task cancelled while
 * it waits does not acquire it (the wake-up passes on, as for `acquire()`).
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
  return new Operation(
    loop,
    (function* () {
      yield* primitive.acquire();
      return disposable;
    })(),
  );
}

/**
 * A mutual-exclusion lock.
 * @remarks Use it so that it is always released: `yield* lock.with(function* () { … })` or
 * `using _ = yield* lock.hold()` in a generator coroutine, `await lock.with(async () => { … })` or
 * `await using _ = await lock.hold()` in an async function. Waiters acquire it first come, first
 * served: `release()` wakes the first, which takes the lock when it resumes (one loop iteration
 * later; the lock is free meanwhile), or passes the wake-up on if it was cancelled.
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
  readonly #waiters: Future<true>[] = [];

  /** Whether the lock is held. */
  locked(): boolean {
    return this.#locked;
  }

  /**
   * Acquires the lock: resolves to `true` once it is held by the caller.
   * @remarks A waiter woken by `release()` takes the lock when it resumes (the lock is free until
   * then); if it is cancelled before, it wakes the next waiter instead.
   */
  acquire(): FutureSpec<true> {
    const loop = this._getLoop();
    if (!this.#locked && this.#waiters.every((w) => w.cancelled())) {
      this.#locked = true;
      return resolved<true>(loop, true);
    }
    return new Operation(loop, this.#acquire(loop));
  }

  *#acquire(loop: AbstractEventLoop): OperationBody<true> {
    const fut = new Future<true>(loop);
    this.#waiters.push(fut);
    try {
      try {
        yield* fut;
      } finally {
        this.#waiters.splice(this.#waiters.indexOf(fut), 1);
      }
    } catch (error) {
      // Woken and cancelled before it resumed, or cancelled while waiting: make sure the first
      // waiter left runs, unless the lock is taken.
      if (error instanceof CancelledError && !this.#locked) this.#wakeUpFirst();
      throw error;
    }
    this.#locked = true;
    return true;
  }

  /**
   * Releases the lock and wakes the first waiter, which takes it when it resumes.
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

  /** Wakes the first waiter unless it is already woken (then it will take the lock or pass it on). */
  #wakeUpFirst(): void {
    const first = this.#waiters[0];
    if (first !== undefined && !first.done()) first.setResult(true);
  }
}

/**
 * An event: `wait()` blocks until `set()` is called.
 * @example
 * ```ts
 * import { type Coroutine, createTask, Event, run, sleep } from 'pep3156';
 * function* opener(ready: Event): Coroutine<void> {
 *   yield* sleep(0.01);
 *   ready.set(); // wakes every task waiting on it
 * }
 * function* main(): Coroutine<boolean> {
 *   const ready = new Event();
 *   const task = createTask(opener(ready));
 *   yield* ready.wait();
 *   yield* task;
 *   return ready.isSet();
 * }
 * console.log(await run(main())); // true
 * ```
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

  /** Resolves to `true` once the event is set (at once if it is); a waiter resumes one iteration after `set()`. */
  wait(): FutureSpec<true> {
    const loop = this._getLoop();
    if (this.#value) return resolved<true>(loop, true);
    return new Operation(loop, this.#wait(loop));
  }

  *#wait(loop: AbstractEventLoop): OperationBody<true> {
    const fut = new Future<true>(loop);
    this.#waiters.add(fut);
    try {
      yield* fut;
      return true;
    } finally {
      this.#waiters.delete(fut);
    }
  }
}

/**
 * A condition variable: tasks wait until notified, holding an underlying lock around each check.
 * @example
 * ```ts
 * import { Condition, type Coroutine, createTask, run } from 'pep3156';
 * function* consumer(cond: Condition, jobs: string[]): Coroutine<string> {
 *   return yield* cond.with(function* () {
 *     yield* cond.waitFor(() => jobs.length > 0); // releases the lock while it waits
 *     return jobs.shift() ?? '';
 *   });
 * }
 * function* producer(cond: Condition, jobs: string[]): Coroutine<void> {
 *   yield* cond.with(function* () {
 *     jobs.push('job 1');
 *     cond.notify();
 *   });
 * }
 * function* main(): Coroutine<string> {
 *   const cond = new Condition();
 *   const jobs: string[] = [];
 *   const taken = createTask(consumer(cond, jobs));
 *   yield* producer(cond, jobs);
 *   return yield* taken;
 * }
 * console.log(await run(main())); // job 1
 * ```
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
   * @remarks A notified waiter resumes one iteration after `notify()` and re-acquires the lock
   * then (at once if it is free). A task cancelled in `wait()` re-acquires the lock before it sees
   * `CancelledError`; whenever `wait()` ends with an error it notifies another waiter, so a
   * notification is never lost (asyncio 3.13; 3.11 and 3.12 lose it).
   * @throws {@link RuntimeError} if the lock is not held.
   */
  wait(): FutureSpec<true> {
    if (!this.locked()) throw new RuntimeError('cannot wait on un-acquired lock');
    const loop = this._getLoop();
    return new Operation(loop, this.#wait(loop));
  }

  *#wait(loop: AbstractEventLoop): OperationBody<true> {
    const fut = new Future<boolean>(loop);
    this.release();
    try {
      let failure: { error: unknown } | null = null;
      this.#waiters.push(fut);
      try {
        yield* fut;
      } catch (error) {
        failure = { error };
      } finally {
        this.#waiters.splice(this.#waiters.indexOf(fut), 1);
      }
      // Re-acquire the lock even when cancelled; the last cancellation is delivered afterwards.
      for (;;) {
        try {
          yield* this.#lock.acquire();
          break;
        } catch (error) {
          if (!(error instanceof CancelledError)) throw error;
          failure = { error };
        }
      }
      if (failure !== null) throw failure.error;
      return true;
    } catch (error) {
      // This waiter may have been notified already: notify another one instead (a spurious
      // wake-up at worst, which the condition-variable protocol allows).
      this._notify(1);
      throw error;
    }
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
    this._notify(n);
  }

  /** Wakes up to `n` waiters that are not woken yet, without checking the lock. @internal */
  _notify(n: number): void {
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
 * @example
 * ```ts
 * import { type Coroutine, gather, run, Semaphore, sleep } from 'pep3156';
 * const slots = new Semaphore(2); // at most two downloads at once
 * let active = 0;
 * let most = 0;
 * function* download(n: number): Coroutine<number> {
 *   return yield* slots.with(function* () {
 *     active += 1;
 *     most = Math.max(most, active);
 *     yield* sleep(0.01);
 *     active -= 1;
 *     return n;
 *   });
 * }
 * await run(function* () {
 *   yield* gather(download(1), download(2), download(3), download(4));
 * });
 * console.log(most); // 2
 * ```
 * @see {@link https://peps.python.org/pep-3156/#locks | PEP 3156 § Locks}
 */
export class Semaphore extends LoopBound implements Acquirable {
  /** @internal */ protected _value: number;
  readonly #waiters: Future<true>[] = [];

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

  /**
   * Decrements the counter, waiting while it is zero or others wait; resolves to `true`.
   * @remarks `release()` decrements the counter for the first waiter and wakes it; when it resumes
   * it wakes as many further waiters as permits are left. A waiter woken and then cancelled before
   * it resumed gives its permit back and wakes the next one.
   */
  acquire(): FutureSpec<true> {
    const loop = this._getLoop();
    if (!this.locked()) {
      this._value -= 1;
      return resolved<true>(loop, true);
    }
    return new Operation(loop, this.#acquire(loop));
  }

  *#acquire(loop: AbstractEventLoop): OperationBody<true> {
    const fut = new Future<true>(loop);
    this.#waiters.push(fut);
    try {
      try {
        yield* fut;
      } finally {
        this.#waiters.splice(this.#waiters.indexOf(fut), 1);
      }
    } catch (error) {
      // Woken (the permit was counted for it) but cancelled before it resumed: give it back.
      if (error instanceof CancelledError && fut.done() && !fut.cancelled()) this._value += 1;
      throw error;
    } finally {
      // Waiters that arrived while permits were free had to queue: wake as many as allowed.
      while (this._value > 0 && this.#wakeUpNext()) {}
    }
    return true;
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

  /** Wakes the first waiter not woken yet, counting its permit; whether there was one. */
  #wakeUpNext(): boolean {
    for (const waiter of this.#waiters) {
      if (waiter.done()) continue;
      this._value -= 1;
      waiter.setResult(true);
      return true;
    }
    return false;
  }
}

/**
 * A semaphore that cannot be released above its initial value.
 * @example
 * ```ts
 * import { BoundedSemaphore, type Coroutine, run, ValueError } from 'pep3156';
 * function* main(): Coroutine<string> {
 *   const sem = new BoundedSemaphore(1);
 *   yield* sem.acquire();
 *   sem.release();
 *   try {
 *     sem.release(); // one release too many: a bug a plain Semaphore would hide
 *     return 'released twice';
 *   } catch (err) {
 *     if (err instanceof ValueError) return err.message;
 *     throw err;
 *   }
 * }
 * console.log(await run(main())); // BoundedSemaphore released too many times
 * ```
 */
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

/** The states of a Barrier, as asyncio's. */
type BarrierState = 'filling' | 'draining' | 'resetting' | 'broken';

/**
 * A barrier (asyncio 3.11): `wait()` blocks until `parties` tasks are waiting, then releases them all.
 * @remarks Released tasks count as inside the barrier until they have left it (the barrier is
 * draining meanwhile, and a new `wait()` waits for the draining to end). `reset()` and `abort()`
 * break only the tasks still waiting.
 * @example
 * ```ts
 * import { Barrier, type Coroutine, gather, run } from 'pep3156';
 * function* worker(barrier: Barrier, name: string, log: string[]): Coroutine<void> {
 *   log.push(`${name} ready`);
 *   yield* barrier.wait(); // returns when all three are waiting
 *   log.push(`${name} go`);
 * }
 * const log: string[] = [];
 * await run(function* () {
 *   const barrier = new Barrier(3);
 *   yield* gather(worker(barrier, 'a', log), worker(barrier, 'b', log), worker(barrier, 'c', log));
 * });
 * console.log(log.slice(0, 3)); // [ 'a ready', 'b ready', 'c ready' ]: nobody goes before all are ready
 * ```
 */
export class Barrier extends LoopBound {
  readonly #parties: number;
  readonly #cond: Condition;
  #count = 0;
  #state: BarrierState = 'filling';

  /** @throws TypeError if `parties` is not an integer; {@link ValueError} unless it is at least 1. */
  constructor(parties: number, options?: PrimitiveOptions) {
    super(options);
    if (typeof parties !== 'number' || !Number.isInteger(parties))
      throw new TypeError(`Barrier: parties must be an integer, got ${String(parties)}`);
    if (parties < 1) throw new ValueError(`Barrier: parties must be >= 1, got ${parties}`);
    this.#parties = parties;
    this.#cond = new Condition(null, options);
  }

  /** How many tasks must wait before all are released. */
  get parties(): number {
    return this.#parties;
  }
  /** How many tasks are waiting (0 unless the barrier is filling). */
  get nWaiting(): number {
    return this.#state === 'filling' ? this.#count : 0;
  }
  /** Whether the barrier is broken. */
  get broken(): boolean {
    return this.#state === 'broken';
  }

  /**
   * Waits for the other parties; resolves to this task's arrival index (0 … parties-1).
   * @throws {@link BrokenBarrierError} if the barrier is or becomes broken, or is reset while
   * this task waits.
   */
  wait(): FutureSpec<number> {
    return new Operation(this._getLoop(), this.#wait());
  }

  *#wait(): OperationBody<number> {
    yield* this.#cond.acquire();
    try {
      // Wait while the barrier drains or resets.
      yield* this.#cond.waitFor(() => this.#state !== 'draining' && this.#state !== 'resetting');
      if (this.#state === 'broken') throw new BrokenBarrierError('Barrier aborted');
      const index = this.#count;
      this.#count += 1;
      try {
        if (index + 1 === this.#parties) {
          // The last party releases the others; later arrivals wait until they have left.
          this.#state = 'draining';
          this.#cond._notify(Number.POSITIVE_INFINITY);
        } else {
          yield* this.#cond.waitFor(() => this.#state !== 'filling');
          const state = this.#state as BarrierState; // changed while this task waited
          if (state === 'broken' || state === 'resetting')
            throw new BrokenBarrierError('Abort or reset of barrier');
        }
        return index;
      } finally {
        this.#count -= 1;
        // The last task to leave ends the draining or resetting and lets waiting arrivals in.
        if (this.#count === 0) {
          if (this.#state === 'resetting' || this.#state === 'draining') this.#state = 'filling';
          this.#cond._notify(Number.POSITIVE_INFINITY);
        }
      }
    } finally {
      this.#cond.release();
    }
  }

  /**
   * Returns the barrier to its empty state: tasks still waiting fail with BrokenBarrierError;
   * released tasks leave normally, and new arrivals wait until they have.
   */
  reset(): void {
    if (this.#count > 0) this.#state = 'resetting';
    else this.#state = 'filling';
    this.#cond._notify(Number.POSITIVE_INFINITY);
  }

  /** Breaks the barrier: tasks still waiting and later `wait()` calls fail with BrokenBarrierError. */
  abort(): void {
    this.#state = 'broken';
    this.#cond._notify(Number.POSITIVE_INFINITY);
  }
}
