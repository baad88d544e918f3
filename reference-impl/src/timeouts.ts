/**
 * Timeouts (asyncio 3.11): `timeout(delay)` and `timeoutAt(when)` bound a block of a task; when the
 * deadline passes, the task is cancelled and the block fails with {@link TimeoutError}.
 * @module
 */
import { getRunningLoop } from './events/running-loop.js';
import { CancelledError, RuntimeError, TimeoutError } from './exceptions.js';
import type { AbstractEventLoop, TimerHandle } from './spec/events.js';
import type { Coroutine, Task as TaskSpec } from './spec/futures.js';
import { currentTask } from './tasks.js';

/**
 * A deadline for a block of the current task. Create it with {@link timeout} or {@link timeoutAt},
 * then run the block with {@link Timeout.run}.
 * @example
 * ```ts
 * import { type Coroutine, run, sleep, timeout, TimeoutError } from 'pep3156';
 * function* main(): Coroutine<string> {
 *   try {
 *     yield* timeout(0.01).run(function* () {
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
  #when: number | null;
  #loop: AbstractEventLoop | null = null;
  #task: TaskSpec<unknown> | null = null;
  #handle: TimerHandle | null = null;
  #expired = false;
  #active = false;

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

  /** Moves the deadline (or removes it with `null`). */
  reschedule(when: number | null): void {
    if (this.#expired) throw new RuntimeError('Timeout: cannot reschedule after expiry');
    this.#when = when;
    this.#arm();
  }

  /** Whether the deadline passed while the block was running. */
  expired(): boolean {
    return this.#expired;
  }

  /**
   * Runs `body` under this deadline in the current task: a generator function gives a coroutine to
   * `yield*`, an async function a Promise to `await`.
   * @throws {@link TimeoutError} (from the returned coroutine or Promise) when the deadline passes.
   */
  run<T>(body: () => Coroutine<T>): Coroutine<T>;
  /** As above, for an async function. */
  run<T>(body: () => PromiseLike<T>): Promise<T>;
  run<T>(body: () => Coroutine<T> | PromiseLike<T>): Coroutine<T> | Promise<T> {
    this.#enter();
    let produced: Coroutine<T> | PromiseLike<T>;
    try {
      produced = body();
    } catch (error) {
      this.#exit();
      throw error;
    }
    if (typeof (produced as PromiseLike<T>).then === 'function') {
      return Promise.resolve(produced as PromiseLike<T>).then(
        (value) => {
          this.#exit();
          return value;
        },
        (error: unknown) => {
          throw this.#exitWith(error);
        },
      );
    }
    return this.#wrap(produced as Coroutine<T>);
  }

  *#wrap<T>(coro: Coroutine<T>): Coroutine<T> {
    try {
      const value = yield* coro;
      this.#exit();
      return value;
    } catch (error) {
      throw this.#exitWith(error);
    }
  }

  #enter(): void {
    if (this.#active) throw new RuntimeError('Timeout: already entered');
    const loop = getRunningLoop();
    const task = currentTask(loop);
    if (task === null) throw new RuntimeError('Timeout: must be used inside a task');
    this.#loop = loop;
    this.#task = task;
    this.#active = true;
    this.#arm();
  }

  #arm(): void {
    this.#handle?.cancel();
    this.#handle = null;
    if (!this.#active || this.#when === null || this.#loop === null) return;
    const loop = this.#loop;
    const expire = () => {
      this.#expired = true;
      this.#task?.cancel();
    };
    if (this.#when <= loop.time()) this.#handle = loop.callSoon(expire) as TimerHandle;
    else this.#handle = loop.callAt(this.#when, expire);
  }

  #exit(): void {
    this.#active = false;
    this.#handle?.cancel();
    this.#handle = null;
  }

  #exitWith(error: unknown): unknown {
    this.#exit();
    if (
      this.#expired &&
      error instanceof CancelledError &&
      this.#task !== null &&
      this.#task.uncancel() === 0
    ) {
      return new TimeoutError('the deadline passed', { cause: error });
    }
    return error;
  }
}

/** A {@link Timeout} `delay` seconds from now (`null`: no deadline). */
export function timeout(delay: number | null): Timeout {
  if (delay === null) return new Timeout(null);
  if (typeof delay !== 'number' || Number.isNaN(delay)) {
    throw new TypeError(`timeout: delay must be a number of seconds or null, got ${String(delay)}`);
  }
  return new Timeout(getRunningLoop().time() + delay);
}

/** A {@link Timeout} at loop time `when` (`null`: no deadline). */
export function timeoutAt(when: number | null): Timeout {
  return new Timeout(when);
}
