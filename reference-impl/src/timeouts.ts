/**
 * Timeouts (asyncio 3.11): `timeout(delay)` and `timeoutAt(when)` bound a block of a task; when the
 * deadline passes, the task is cancelled and the block fails with {@link TimeoutError}.
 *
 * Invariants (asyncio's `Timeout` state machine):
 * - created → active (entered by a task) → finished, or active → expiring (the deadline passed:
 *   the task was cancelled once) → expired (the block ended).
 * - Entering twice, or `reschedule()` before entering or after leaving, throws RuntimeError.
 * - On leaving an expiring block the task is uncancelled once, whatever the block did with the
 *   cancellation; the CancelledError becomes TimeoutError only if no other cancellation is left
 *   beyond those the task had when the block was entered.
 * @module
 */
import { getRunningLoop } from './events/running-loop.js';
import { CancelledError, RuntimeError, TimeoutError } from './exceptions.js';
import type { Handle } from './spec/events.js';
import type { Coroutine, Task as TaskSpec } from './spec/futures.js';
import { currentTask } from './tasks.js';

type State = 'created' | 'active' | 'expiring' | 'expired' | 'finished';

/** A body run under a deadline: it gets the {@link Timeout} (to `reschedule()` it). */
export type TimeoutBody<R> = (cm: Timeout) => R;

/**
 * A deadline for a block of the current task. Create it with {@link timeout} or {@link timeoutAt}.
 *
 * @remarks The idiom is `yield* timeout(delay, function* (cm) { … })` (or
 * `await timeout(delay, async (cm) => { … })`): the block is entered when the coroutine starts.
 * `timeout(delay).run(body)` is the same with the Timeout made first.
 * @example
 * ```ts
 * import { type Coroutine, run, sleep, timeout, TimeoutError } from 'pep3156';
 * function* main(): Coroutine<string> {
 *   try {
 *     yield* timeout(0.01, function* () {
 *       yield* sleep(10);
 *     });
 *     return 'finished';
 *   } catch (err) {
 *     if (err instanceof TimeoutError) return 'timed out';
 *     throw err;
 *   }
 * }
 * console.log(await run(main())); // timed out
 * ```
 */
export class Timeout {
  #state: State = 'created';
  #when: number | null;
  #task: TaskSpec<unknown> | null = null;
  #handle: Handle | null = null;
  /** The task's cancelling() when the block was entered. */
  #cancelling = 0;

  /** @param when - Loop time of the deadline, or `null` for none. */
  constructor(when: number | null) {
    if (when !== null && (typeof when !== 'number' || Number.isNaN(when))) {
      throw new TypeError(`Timeout: when must be a number of seconds or null, got ${String(when)}`);
    }
    this.#when = when;
  }

  /** The deadline on the loop's clock, or `null`. */
  when(): number | null {
    return this.#when;
  }

  /**
   * Moves the deadline (or removes it with `null`); a deadline already past expires the block in
   * the next iteration.
   * @throws {@link RuntimeError} before the block is entered or once it has expired or ended.
   */
  reschedule(when: number | null): void {
    if (this.#state !== 'active') {
      if (this.#state === 'created') throw new RuntimeError('Timeout has not been entered');
      throw new RuntimeError(`Cannot change state of ${this.#state} Timeout`);
    }
    this.#when = when;
    this.#handle?.cancel();
    this.#handle = null;
    if (when === null) return;
    const loop = getRunningLoop();
    const expire = () => this.#onTimeout();
    this.#handle = when <= loop.time() ? loop.callSoon(expire) : loop.callAt(when, expire);
  }

  /** Whether the deadline passed while the block was running. */
  expired(): boolean {
    return this.#state === 'expiring' || this.#state === 'expired';
  }

  /**
   * Runs `body` under this deadline in the current task: a generator function gives a coroutine to
   * `yield*`, an async function a Promise to `await`. The block is entered when the coroutine
   * starts (for an async function: now).
   * @throws {@link TimeoutError} (from the returned coroutine or Promise) when the deadline passes;
   *   {@link RuntimeError} if entered twice or outside a task.
   */
  run<T>(body: TimeoutBody<Coroutine<T>>): Coroutine<T>;
  /** As above, for an async function. */
  run<T>(body: TimeoutBody<PromiseLike<T>>): Promise<T>;
  run<T>(body: TimeoutBody<Coroutine<T> | PromiseLike<T>>): Coroutine<T> | Promise<T> {
    if (functionKind(body) === 'GeneratorFunction') return this.#wrap(body as TimeoutBody<Coroutine<T>>);
    // An async function, or a plain function returning either: entered now.
    this.#enter();
    let produced: Coroutine<T> | PromiseLike<T>;
    try {
      produced = body(this);
    } catch (error) {
      this.#exit(error, true);
      throw error;
    }
    if (typeof (produced as PromiseLike<T>).then === 'function')
      return this.#settle(produced as PromiseLike<T>);
    return this.#guard(produced as Coroutine<T>);
  }

  async #settle<T>(produced: PromiseLike<T>): Promise<T> {
    let value: T;
    try {
      value = await produced;
    } catch (error) {
      this.#exit(error, true);
      throw error;
    }
    this.#exit(undefined, false);
    return value;
  }

  *#wrap<T>(body: TimeoutBody<Coroutine<T>>): Coroutine<T> {
    this.#enter();
    let coro: Coroutine<T>;
    try {
      coro = body(this);
    } catch (error) {
      this.#exit(error, true);
      throw error;
    }
    return yield* this.#guard(coro);
  }

  /** Runs the entered block's coroutine and leaves the block as it ends. */
  *#guard<T>(coro: Coroutine<T>): Coroutine<T> {
    let value: T;
    try {
      value = yield* coro;
    } catch (error) {
      this.#exit(error, true);
      throw error;
    }
    this.#exit(undefined, false);
    return value;
  }

  #enter(): void {
    if (this.#state !== 'created') throw new RuntimeError('Timeout has already been entered');
    const task = currentTask();
    if (task === null) throw new RuntimeError('Timeout should be used inside a task');
    this.#state = 'active';
    this.#task = task;
    this.#cancelling = task.cancelling();
    this.reschedule(this.#when);
  }

  #onTimeout(): void {
    this.#task?.cancel();
    this.#state = 'expiring';
    this.#handle = null;
  }

  /** Leaves the block; throws TimeoutError in place of the CancelledError the deadline caused. */
  #exit(error: unknown, failed: boolean): void {
    this.#handle?.cancel();
    this.#handle = null;
    if (this.#state === 'expiring') {
      this.#state = 'expired';
      const task = this.#task as TaskSpec<unknown>;
      if (task.uncancel() <= this.#cancelling && failed && error instanceof CancelledError) {
        throw new TimeoutError('the deadline passed', { cause: error });
      }
    } else if (this.#state === 'active') this.#state = 'finished';
  }
}

function functionKind(fn: unknown): string {
  return typeof fn === 'function' ? (fn.constructor?.name ?? '') : '';
}

/**
 * A {@link Timeout} `delay` seconds from now (`null`: no deadline). With `body`, runs it under
 * the timeout: `yield* timeout(delay, function* (cm) { … })`, `await timeout(delay, async (cm) => …)`.
 * @example
 * ```ts
 * import { type Coroutine, run, sleep, timeout, TimeoutError } from 'pep3156';
 * function* main(): Coroutine<string> {
 *   try {
 *     return yield* timeout(0.05, function* () {
 *       yield* sleep(0.01);
 *       return 'in time';
 *     });
 *   } catch (err) {
 *     if (err instanceof TimeoutError) return 'too slow';
 *     throw err;
 *   }
 * }
 * console.log(await run(main())); // in time
 * ```
 * @see {@link https://docs.python.org/3/library/asyncio-task.html#asyncio.timeout | asyncio.timeout}
 */
export function timeout(delay: number | null): Timeout;
/** As above, running a generator body under the timeout. */
export function timeout<T>(delay: number | null, body: TimeoutBody<Coroutine<T>>): Coroutine<T>;
/** As above, running an async body under the timeout. */
export function timeout<T>(delay: number | null, body: TimeoutBody<PromiseLike<T>>): Promise<T>;
export function timeout<T>(
  delay: number | null,
  body?: TimeoutBody<Coroutine<T> | PromiseLike<T>>,
): Timeout | Coroutine<T> | Promise<T> {
  if (delay !== null && (typeof delay !== 'number' || Number.isNaN(delay))) {
    throw new TypeError(`timeout: delay must be a number of seconds or null, got ${String(delay)}`);
  }
  const cm = new Timeout(delay === null ? null : getRunningLoop().time() + delay);
  return body === undefined ? cm : cm.run(body as TimeoutBody<Coroutine<T>>);
}

/**
 * A {@link Timeout} at loop time `when` (`null`: no deadline); with `body`, as {@link timeout}.
 * @example
 * ```ts
 * import { type Coroutine, getRunningLoop, run, sleep, timeoutAt, TimeoutError } from 'pep3156';
 * function* main(): Coroutine<string> {
 *   const deadline = getRunningLoop().time() + 0.05; // one deadline for two steps
 *   try {
 *     yield* timeoutAt(deadline, function* () {
 *       yield* sleep(0.03);
 *     });
 *     yield* timeoutAt(deadline, function* () {
 *       yield* sleep(0.03);
 *     });
 *     return 'both steps in time';
 *   } catch (err) {
 *     if (err instanceof TimeoutError) return 'the deadline passed during the second step';
 *     throw err;
 *   }
 * }
 * console.log(await run(main())); // the deadline passed during the second step
 * ```
 */
export function timeoutAt(when: number | null): Timeout;
/** As above, running a generator body under the timeout. */
export function timeoutAt<T>(when: number | null, body: TimeoutBody<Coroutine<T>>): Coroutine<T>;
/** As above, running an async body under the timeout. */
export function timeoutAt<T>(when: number | null, body: TimeoutBody<PromiseLike<T>>): Promise<T>;
export function timeoutAt<T>(
  when: number | null,
  body?: TimeoutBody<Coroutine<T> | PromiseLike<T>>,
): Timeout | Coroutine<T> | Promise<T> {
  const cm = new Timeout(when);
  return body === undefined ? cm : cm.run(body as TimeoutBody<Coroutine<T>>);
}
