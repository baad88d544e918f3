/**
 * The boundary between Node's I/O callbacks and the loop.
 *
 * Invariants:
 * - Nothing thrown in a `node:net`, `node:tls`, `node:dgram` or `node:child_process` listener of
 *   ours, or in a promise callback that settles one of our futures, reaches Node (where it would be
 *   an uncaught exception or an unhandled rejection and end the process): {@link guarded} hands it
 *   to the loop's exception handler.
 * - A protocol factory's result is checked where the factory is called ({@link checkProtocol}), so
 *   a missing `return` is an error for that connection, not a TypeError deep in a data listener.
 * @module
 */
import { ioCallback } from '../events/handle.js';
import type { AbstractEventLoop } from '../spec/events.js';

/**
 * Throws a TypeError unless `protocol` (what a protocol factory returned) is an object. An object
 * without any protocol method (`{}`) is a valid protocol: like asyncio's base `Protocol()`, it
 * ignores every event.
 */
export function checkProtocol(protocol: unknown, what: string): void {
  if (protocol === null || typeof protocol !== 'object') {
    const got =
      protocol === null ? 'null' : typeof protocol === 'number' ? String(protocol) : typeof protocol;
    throw new TypeError(`${what}: the protocol factory must return a protocol object, got ${got}`);
  }
}

/**
 * Wraps a Node listener (or promise callback) so that whatever it throws goes to the loop's
 * exception handler (with `message`) instead of to Node; `onError` may add its own cleanup.
 */
export function guarded<A extends unknown[]>(
  loop: AbstractEventLoop,
  message: string,
  fn: (...args: A) => void,
  onError?: (error: unknown) => void,
): (...args: A) => void {
  return (...args: A) => {
    try {
      fn(...args);
    } catch (error) {
      reportFailure(loop, message, error, onError);
    }
  };
}

/**
 * {@link guarded} for a one-argument I/O listener (a socket's `'data'`), the hottest listener of a
 * connection: no argument array, and `fn(arg)` runs through the reference loop's
 * {@link ioCallback} hook when the loop has it (so work it makes ready runs in the same host
 * callback). The hook is looked up once, here, not on every event.
 */
export function guardedIo<A>(
  loop: AbstractEventLoop,
  message: string,
  fn: (arg: A) => void,
  onError: () => void,
): (arg: A) => void {
  const hook = (loop as AbstractEventLoop & { [ioCallback]?: (fn: (arg: A) => void, arg: A) => void })[
    ioCallback
  ];
  return (arg: A) => {
    try {
      if (hook === undefined) fn(arg);
      else hook.call(loop, fn, arg);
    } catch (error) {
      reportFailure(loop, message, error, onError);
    }
  };
}

/** Hands a listener's error to the loop's exception handler, then runs its cleanup, if any. */
function reportFailure(
  loop: AbstractEventLoop,
  message: string,
  error: unknown,
  onError: ((error: unknown) => void) | undefined,
): void {
  loop.callExceptionHandler({ message, exception: error });
  try {
    onError?.(error);
  } catch {
    // the cleanup of a failed callback: nothing more to report
  }
}
