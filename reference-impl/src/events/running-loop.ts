/**
 * The running loop: which loop is executing callbacks right now.
 *
 * A loop makes itself the running loop around the callbacks it runs with {@link setRunningLoop}
 * (asyncio's `events._set_running_loop`, which uvloop calls too); every helper that needs "the
 * running loop" (`sleep`, `gather`, the locks and queues, `timeout`, `TaskGroup`…) finds it with
 * {@link getRunningLoop}, so the helpers run on any loop that does so. In the continuations of an
 * `async` function run by a task (microtasks the loop does not see), it is the task's loop while
 * that loop runs: see `enterTask`.
 * @module
 */

import { RuntimeError } from '../exceptions.js';
import type { AbstractEventLoop } from '../spec/events.js';
import { asyncContext } from './async-context.js';

let running: AbstractEventLoop | null = null;

/**
 * The loop that is running the current callback.
 * @throws {@link RuntimeError} when called outside a loop callback or task step (a loop of
 *   another implementation makes itself the running loop with {@link setRunningLoop}).
 * @example
 * ```ts
 * import { type Coroutine, getRunningLoop, run, sleep } from 'pep3156';
 * function* main(): Coroutine<number> {
 *   const loop = getRunningLoop(); // the loop running this task
 *   const start = loop.time();
 *   yield* sleep(0.05);
 *   return loop.time() - start;
 * }
 * console.log((await run(main())) >= 0.05); // true: loop.time() is in seconds
 * ```
 */
export function getRunningLoop(): AbstractEventLoop {
  const loop = _getRunningLoop();
  // asyncio's words: the differential corpus compares them with CPython's.
  if (loop === null) throw new RuntimeError('no running event loop');
  return loop;
}

/**
 * The running loop, or `null` outside loop callbacks. Inside an async function run by a Task, whose
 * continuations run in microtasks outside the loop's callbacks, it is the task's loop while that
 * loop runs.
 * @internal
 */
export function _getRunningLoop(): AbstractEventLoop | null {
  if (running !== null) return running;
  const task = asyncContext().get() as { getLoop?: () => AbstractEventLoop } | undefined;
  const loop = task?.getLoop?.();
  return loop?.isRunning() ? loop : null;
}

/**
 * Makes `loop` the running loop (`null`: none) and returns the previous one, for the caller to
 * restore. An event loop calls it around the callbacks it runs, in a `try`/`finally`:
 * `const previous = setRunningLoop(this); try { …run the ready callbacks… } finally { setRunningLoop(previous); }`.
 * @remarks asyncio's `events._set_running_loop`, which every loop (uvloop too) calls while it runs.
 * This is what makes the helpers (`sleep`, `gather`, `wait`, the locks and queues, `timeout`,
 * `TaskGroup`, the streams) work on a loop of another implementation; the loop's own Task reports
 * itself with `enterTask` so they also find the current task.
 * @throws TypeError when `loop` is neither `null` nor an object with the loop's `isRunning` method.
 * @example
 * ```ts
 * import { getRunningLoop, newEventLoop, setRunningLoop } from 'pep3156';
 * // Another loop implementation marks itself as running while it runs callbacks:
 * const loop = newEventLoop();
 * const previous = setRunningLoop(loop);
 * try {
 *   console.log(getRunningLoop() === loop); // true
 * } finally {
 *   setRunningLoop(previous);
 *   loop.close();
 * }
 * ```
 * @see {@link https://peps.python.org/pep-3156/#event-loop-policy-getting-and-setting-the-event-loop | PEP 3156 § Event loop policy}
 */
export function setRunningLoop(loop: AbstractEventLoop | null): AbstractEventLoop | null {
  if (loop !== null && (typeof loop !== 'object' || typeof loop.isRunning !== 'function')) {
    throw new TypeError(`setRunningLoop: an event loop or null is required, got ${String(loop)}`);
  }
  const previous = running;
  running = loop;
  return previous;
}
