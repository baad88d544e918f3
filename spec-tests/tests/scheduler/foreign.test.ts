// spec-tests/tests/scheduler/foreign.test.ts: PEP 3156 § Futures, § The Scheduler
// > The scheduler ... uses only the public interface of the event loop and of Futures.
// A future is anything with the Future interface, not only the implementation's own class:
// ensureFuture() passes another implementation's future through, and a task waits on it.
import type { AbstractEventLoop, Coroutine, Future } from 'pep3156/spec';
import { expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { errorName, thrown } from '../support/index.js';

/** A future of "another implementation": the interface, by delegation, without the class. */
function foreignFuture<T>(loop: AbstractEventLoop): Future<T> {
  const inner = loop.createFuture<T>();
  const outer: Future<T> = {
    cancel: (msg?: string) => inner.cancel(msg),
    cancelled: () => inner.cancelled(),
    done: () => inner.done(),
    result: () => inner.result(),
    exception: () => inner.exception(),
    addDoneCallback: (fn) => inner.addDoneCallback(() => (fn as (f: Future<T>) => void)(outer)),
    removeDoneCallback: () => 0,
    setResult: (value: T) => inner.setResult(value),
    setException: (error: Error) => inner.setException(error),
    getLoop: () => loop,
    [Symbol.iterator]: () => inner[Symbol.iterator](),
    // biome-ignore lint/suspicious/noThenProperty: a Future is PromiseLike
    then: (onfulfilled, onrejected) => inner.then(onfulfilled, onrejected),
  } as Future<T>;
  return outer;
}

section('scheduler', 'Coroutines and the Scheduler', () => {
  statement(
    'scheduler.ensure-future.foreign',
    "ensureFuture() passes another implementation's future through unchanged, and a task waits on it",
    async ({ loop, api }) => {
      const foreign = foreignFuture<string>(loop);
      expect(api.ensureFuture(foreign), 'the same object').toBe(foreign);
      function* waits(): Coroutine<string> {
        return yield* foreign;
      }
      loop.callSoon(() => foreign.setResult('from elsewhere'));
      expect(await loop.runUntilComplete(waits())).toBe('from elsewhere');
      const gathered = api.gather(foreignFuture<number>(loop));
      expect(gathered.done()).toBe(false);
      gathered.cancel();
    },
  );

  statement(
    'scheduler.ensure-future.not-a-future',
    'an object with only part of the Future interface is not a future: ensureFuture() throws TypeError',
    ({ loop, api }) => {
      const fn = () => {};
      const parts = [
        { getLoop: () => loop, done: () => false },
        { addDoneCallback: fn, done: () => false },
        { addDoneCallback: fn, getLoop: () => loop },
        { addDoneCallback: 1, getLoop: () => loop, done: () => false },
      ];
      for (const part of parts) {
        expect(errorName(thrown(() => api.ensureFuture(part as never))), Object.keys(part).join(',')).toBe(
          'TypeError',
        );
      }
    },
  );
});
