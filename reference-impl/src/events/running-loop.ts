/**
 * The running loop: which loop is executing callbacks right now.
 *
 * Loops set it while they run their callbacks; a Task also sets it around each of its steps, so the
 * scheduler works on a conforming loop that never calls {@link _setRunningLoop} (PEP § The
 * Scheduler: it uses only the public loop interface).
 * @module
 */

import { RuntimeError } from '../exceptions.js';
import type { AbstractEventLoop } from '../spec/events.js';
import { asyncContext } from './async-context.js';

let running: AbstractEventLoop | null = null;

/**
 * The loop that is running the current callback.
 * @throws {@link RuntimeError} when called outside a loop callback or task step.
 */
export function getRunningLoop(): AbstractEventLoop {
  const loop = _getRunningLoop();
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

/** Sets the running loop and returns the previous one, so callers can restore it. @internal */
export function _setRunningLoop(loop: AbstractEventLoop | null): AbstractEventLoop | null {
  const previous = running;
  running = loop;
  return previous;
}
