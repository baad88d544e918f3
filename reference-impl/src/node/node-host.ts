/**
 * The Node.js host of the loop: setImmediate to run soon (after pending I/O callbacks), Node timers
 * to sleep, a referenced interval to keep the process alive only while the loop runs, and
 * AsyncLocalStorage so async-function tasks can be cancelled at their awaits.
 * @module
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { performance } from 'node:perf_hooks';
import { _setAsyncContext, type AsyncContext } from '../events/async-context.js';
import type { HostTimer, LoopHost } from '../events/host.js';

/** The longest delay a Node (or browser) timer takes, in milliseconds: 2^31 - 1. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Creates the Node host for one loop.
 * @example
 * ```ts
 * import { BaseEventLoop, type Coroutine, nodeHost, sleep } from 'pep3156';
 * function* main(): Coroutine<string> {
 *   yield* sleep(0.01);
 *   return 'ran on Node timers';
 * }
 * // The scheduling core on Node's timers, without I/O (NodeEventLoop adds sockets, pipes, …):
 * const loop = new BaseEventLoop(nodeHost());
 * console.log(await loop.runUntilComplete(main())); // ran on Node timers
 * loop.close();
 * ```
 */
export function nodeHost(): LoopHost {
  let keepAlive: ReturnType<typeof setInterval> | null = null;
  return {
    now: () => performance.now() / 1000,
    runSoon: (callback) => {
      setImmediate(callback);
    },
    setTimer: (callback, delay): HostTimer => {
      // Node's timers have millisecond resolution and may fire a fraction of a millisecond early
      // by our clock; the loop re-arms if so, so timers never run early.
      // Node's timers hold at most 2^31 - 1 ms (about 24.8 days; a longer one fires after 1 ms with
      // a TimeoutOverflowWarning): a farther deadline sleeps that long and the loop re-arms.
      const timer = setTimeout(callback, Math.min(MAX_TIMER_MS, Math.max(1, Math.ceil(delay * 1000))));
      timer.unref();
      return timer;
    },
    clearTimer: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
    keepAlive: (on) => {
      if (on && keepAlive === null) keepAlive = setInterval(() => {}, 1 << 30);
      else if (!on && keepAlive !== null) {
        clearInterval(keepAlive);
        keepAlive = null;
      }
    },
    debugByDefault: () => Boolean(process.env.PYTHONASYNCIODEBUG || process.env.PEP3156_DEBUG),
  };
}

/** Installs an AsyncLocalStorage-backed async context, created lazily on first use. @internal */
export function installNodeAsyncContext(): void {
  let storage: AsyncLocalStorage<unknown> | null = null;
  const context: AsyncContext = {
    run: (value, fn) => {
      if (storage === null) storage = new AsyncLocalStorage();
      return storage.run(value, fn);
    },
    get: () => (storage === null ? undefined : storage.getStore()),
  };
  _setAsyncContext(context);
}
