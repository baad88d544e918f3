/**
 * Small helpers shared by the conformance tests. They use only the public loop interface.
 * @module
 */
import type { AbstractEventLoop, ExceptionContext } from 'pep3156/spec';

/** Records every exception-handler call of `loop` (and keeps them out of the log). */
export function captureExceptions(loop: AbstractEventLoop): ExceptionContext[] {
  const seen: ExceptionContext[] = [];
  loop.setExceptionHandler((_loop, context) => {
    seen.push(context);
  });
  return seen;
}

/** Runs `loop` until `stopAfter` seconds of loop time have passed, then resolves. */
export async function runFor(loop: AbstractEventLoop, stopAfter: number): Promise<void> {
  loop.callLater(stopAfter, () => loop.stop());
  await loop.runForever();
}

/** A value that tells which error class an error is by name, across implementations. */
export function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}

/** Awaits `promise` and returns the rejection reason (fails if it resolves). */
export async function rejection(promise: PromiseLike<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection, but the promise resolved');
}

/** Calls `fn` and returns what it throws (fails if it returns). */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an exception, but the call returned');
}
