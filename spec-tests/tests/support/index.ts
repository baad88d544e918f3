/**
 * Small helpers shared by the conformance tests. They use only the public loop interface.
 * @module
 */
import type { AbstractEventLoop, ExceptionContext, Future } from 'pep3156/spec';
import { expect } from 'vitest';

/** Records every exception-handler call of `loop` (and keeps them out of the log). */
export function captureExceptions(loop: AbstractEventLoop): ExceptionContext[] {
  const seen: ExceptionContext[] = [];
  loop.setExceptionHandler((_loop, context) => {
    seen.push(context);
  });
  return seen;
}

/**
 * Runs `loop` for at least `stopAfter` seconds of loop time, then resolves. The time counts from the
 * loop's first iteration, not from the call (a busy machine may start the loop late, and a stop
 * due at once would cut short what the test scheduled), and a few more iterations run after it so
 * that a chain of `callSoon` callbacks already under way finishes.
 */
export async function runFor(loop: AbstractEventLoop, stopAfter: number): Promise<void> {
  loop.callSoon(() =>
    loop.callLater(stopAfter, () => {
      let left = 10;
      const next = (): void => {
        if (--left > 0) loop.callSoon(next);
        else loop.stop();
      };
      next();
    }),
  );
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

/** Calls `fn`, checks that it throws an error of class `name` with a message, and returns the error. */
export function misuse(fn: () => unknown, name: string): Error {
  const error = thrown(fn) as Error;
  expect(errorName(error), `throws ${name}`).toBe(name);
  expect(typeof error.message === 'string' && error.message.length > 0, `${name} has a message`).toBe(true);
  return error;
}

/**
 * A future of "another implementation": the Future interface by delegation to one of `loop`'s
 * futures, without its class. Its `yield*` yields the object itself, so a task waits on it as on
 * any foreign future, and its done callbacks receive it.
 */
export function futureLike<T>(loop: AbstractEventLoop): Future<T> {
  const inner = loop.createFuture<T>();
  const outer = {
    cancel: (msg?: string) => inner.cancel(msg),
    cancelled: () => inner.cancelled(),
    done: () => inner.done(),
    result: () => inner.result(),
    exception: () => inner.exception(),
    addDoneCallback: (fn: (f: Future<T>) => void) => inner.addDoneCallback(() => fn(outer)),
    removeDoneCallback: () => 0,
    setResult: (value: T) => inner.setResult(value),
    setException: (error: Error) => inner.setException(error),
    getLoop: () => loop,
    *[Symbol.iterator](): Generator<unknown, T, unknown> {
      if (!inner.done()) yield outer;
      return inner.result();
    },
    // biome-ignore lint/suspicious/noThenProperty: a Future is PromiseLike
    then: (...args: Parameters<Future<T>['then']>) => inner.then(...args),
  } as unknown as Future<T>;
  return outer;
}
