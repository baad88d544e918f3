// spec-tests/tests/sync/semaphore.test.ts: PEP 3156 § Locks
// > Semaphore ... A semaphore manages an internal counter ... acquire() blocks while it is zero.
// CPython: a waiter cancelled when it was just given a permit passes the permit on.
import type { Coroutine } from 'pep3156/spec';
import { expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { errorName, thrown } from '../support/index.js';

section('sync', 'Locks', () => {
  statement(
    'sync.semaphore.cancelled-waiter',
    'a Semaphore waiter cancelled when a permit is released passes the permit to the next waiter',
    async ({ loop, api, run }) => {
      const got = await run(
        (function* (): Coroutine<unknown[]> {
          const sem = new api.Semaphore(1);
          yield* sem.acquire();
          const order: string[] = [];
          function* waiter(name: string): Coroutine<void> {
            yield* sem.acquire();
            order.push(name);
            sem.release();
          }
          const a = loop.createTask(waiter('a'));
          const b = loop.createTask(waiter('b'));
          const c = loop.createTask(waiter('c'));
          yield* api.sleep(0);
          sem.release();
          a.cancel();
          yield* api.waitFor(api.gather(b, c), 1);
          return [order, a.cancelled(), sem.locked()];
        })(),
      );
      expect(got).toEqual([['b', 'c'], true, false]);
    },
  );

  statement(
    'sync.semaphore.bad-value',
    'a Semaphore with a negative value throws ValueError; a value that is not an integer, TypeError',
    ({ api }) => {
      expect(errorName(thrown(() => new api.Semaphore(-1)))).toBe('ValueError');
      expect(errorName(thrown(() => new api.BoundedSemaphore(-1)))).toBe('ValueError');
      expect(errorName(thrown(() => new api.Semaphore('2' as unknown as number)))).toBe('TypeError');
      expect(new api.Semaphore(0).locked()).toBe(true);
    },
  );
});
