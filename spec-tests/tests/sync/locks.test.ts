// spec-tests/tests/sync/locks.test.ts: PEP 3156 § Synchronization, § Locks
// > Lock ... acquire() is a coroutine ... release() ... raises RuntimeError if the lock is not held.
// > Waiters are woken in FIFO order (CPython); a cancelled waiter never swallows a wake-up.
import type { Coroutine } from 'pep3156/spec';
import { expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { errorName } from '../support/index.js';

section('sync', 'Locks', () => {
  statement(
    'sync.lock.mutual-exclusion',
    'a Lock lets one task at a time into its block, in FIFO order',
    async ({ api, run }) => {
      const log: string[] = [];
      await run(
        (function* () {
          const lock = new api.Lock();
          function* worker(name: string): Coroutine<void> {
            yield* lock.acquire();
            try {
              log.push(`${name} in`);
              yield* api.sleep(0.001);
              log.push(`${name} out`);
            } finally {
              lock.release();
            }
          }
          yield* api.gather(worker('a'), worker('b'), worker('c'));
        })(),
      );
      expect(log).toEqual(['a in', 'a out', 'b in', 'b out', 'c in', 'c out']);
    },
  );

  statement(
    'sync.lock.release-unlocked',
    'releasing a Lock that is not held throws RuntimeError',
    async ({ api, run }) => {
      const name = await run(
        (function* () {
          const lock = new api.Lock();
          try {
            lock.release();
            return 'no error';
          } catch (e) {
            return errorName(e);
          }
        })(),
      );
      expect(name).toBe('RuntimeError');
    },
  );

  statement(
    'sync.lock.cancelled-waiter',
    'a waiter cancelled while queued does not keep the lock from the next waiter',
    async ({ loop, api, run }) => {
      const got = await run(
        (function* () {
          const lock = new api.Lock();
          yield* lock.acquire();
          const first = loop.createTask(
            (function* () {
              yield* lock.acquire();
              lock.release();
              return 'first';
            })(),
          );
          const second = loop.createTask(
            (function* () {
              yield* lock.acquire();
              lock.release();
              return 'second';
            })(),
          );
          yield* api.sleep(0);
          // Wake the first waiter and cancel it in the same iteration.
          lock.release();
          first.cancel();
          const r = yield* api.waitFor(second, 1);
          return [r, first.cancelled(), lock.locked()];
        })(),
      );
      expect(got).toEqual(['second', true, false]);
    },
  );

  statement(
    'sync.event.wakes-all',
    'Event.set() wakes every waiter; wait() on a set event returns at once',
    async ({ api, run }) => {
      const got = await run(
        (function* () {
          const ev = new api.Event();
          const woken: number[] = [];
          function* waiter(i: number): Coroutine<void> {
            yield* ev.wait();
            woken.push(i);
          }
          const all = api.gather(waiter(1), waiter(2), waiter(3));
          yield* api.sleep(0.001);
          expect(ev.isSet()).toBe(false);
          ev.set();
          yield* all;
          const again = yield* ev.wait();
          return [woken.sort(), again, ev.isSet()];
        })(),
      );
      expect(got).toEqual([[1, 2, 3], true, true]);
    },
  );

  statement(
    'sync.condition.notify',
    'Condition.notify(n) wakes n waiters, which hold the lock again when they resume',
    async ({ api, run }) => {
      const got = await run(
        (function* () {
          const cond = new api.Condition();
          const woken: string[] = [];
          function* waiter(name: string): Coroutine<void> {
            yield* cond.acquire();
            try {
              yield* cond.wait();
              woken.push(`${name}:${cond.locked()}`);
            } finally {
              cond.release();
            }
          }
          const tasks = api.gather(waiter('a'), waiter('b'));
          // Counted in loop iterations, not real time: a loaded machine must not change the outcome.
          for (let i = 0; i < 20; i++) yield* api.sleep(0);
          yield* cond.acquire();
          cond.notify(1);
          cond.release();
          for (let i = 0; i < 50 && woken.length === 0; i++) yield* api.sleep(0);
          for (let i = 0; i < 20; i++) yield* api.sleep(0); // time for a wrongly woken second waiter
          const afterOne = woken.length;
          yield* cond.acquire();
          cond.notifyAll();
          cond.release();
          yield* tasks;
          return [afterOne, woken];
        })(),
      );
      expect(got).toEqual([1, ['a:true', 'b:true']]);
    },
  );

  statement(
    'sync.condition.requires-lock',
    'Condition.wait() and notify() without the lock throw RuntimeError',
    async ({ api, run }) => {
      const got = await run(
        (function* () {
          const cond = new api.Condition();
          const names: string[] = [];
          for (const call of [() => cond.wait(), () => cond.notify()]) {
            try {
              call();
              names.push('no error');
            } catch (e) {
              names.push(errorName(e));
            }
          }
          return names;
        })(),
      );
      expect(got).toEqual(['RuntimeError', 'RuntimeError']);
    },
  );

  statement(
    'sync.semaphore.counts',
    'a Semaphore(n) admits n holders at once; locked() is true when none is left',
    async ({ api, run }) => {
      const got = await run(
        (function* () {
          const sem = new api.Semaphore(2);
          let inside = 0;
          let most = 0;
          function* worker(): Coroutine<void> {
            yield* sem.acquire();
            try {
              inside += 1;
              most = Math.max(most, inside);
              yield* api.sleep(0.001);
              inside -= 1;
            } finally {
              sem.release();
            }
          }
          const all = api.gather(worker(), worker(), worker(), worker());
          yield* api.sleep(0);
          const lockedWhileFull = sem.locked();
          yield* all;
          const plain = new api.Semaphore();
          yield* plain.acquire();
          return [most, lockedWhileFull, sem.locked(), plain.locked()];
        })(),
      );
      expect(got).toEqual([2, true, false, true]);
    },
  );

  statement(
    'sync.bounded-semaphore.over-release',
    'BoundedSemaphore throws ValueError when released above its initial value',
    async ({ api, run }) => {
      const name = await run(
        (function* () {
          const sem = new api.BoundedSemaphore(1);
          try {
            sem.release();
            return 'no error';
          } catch (e) {
            return errorName(e);
          }
        })(),
      );
      expect(name).toBe('ValueError');
    },
  );

  statement(
    'sync.lock.async-functions',
    'the primitives work from async functions too',
    async ({ api, run }) => {
      const log: string[] = [];
      await run(async () => {
        const lock = new api.Lock();
        const worker = async (name: string) => {
          await lock.acquire();
          try {
            log.push(`${name} in`);
            await api.sleep(0.001);
            log.push(`${name} out`);
          } finally {
            lock.release();
          }
        };
        await Promise.all([worker('a'), worker('b')]);
      });
      expect(log).toEqual(['a in', 'a out', 'b in', 'b out']);
    },
    { features: ['async-functions'] },
  );
});
