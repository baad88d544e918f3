// spec-tests/tests/scheduler/foreign.test.ts: PEP 3156 § Futures, § The Scheduler
// > The scheduler ... uses only the public interface of the event loop and of Futures.
// A future is anything with the Future interface, not only the implementation's own class:
// ensureFuture() passes another implementation's future through, and a task waits on it.
import type { Coroutine } from 'pep3156/spec';
import { expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { errorName, futureLike, thrown } from '../support/index.js';

section('scheduler', 'Coroutines and the Scheduler', () => {
  statement(
    'scheduler.ensure-future.foreign',
    "ensureFuture() passes another implementation's future through unchanged, and a task waits on it",
    async ({ loop, api }) => {
      const foreign = futureLike<string>(loop);
      expect(api.ensureFuture(foreign), 'the same object').toBe(foreign);
      function* waits(): Coroutine<string> {
        return yield* foreign;
      }
      loop.callSoon(() => foreign.setResult('from elsewhere'));
      expect(await loop.runUntilComplete(waits())).toBe('from elsewhere');
      const gathered = api.gather(futureLike<number>(loop));
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
