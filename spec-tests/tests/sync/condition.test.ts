// spec-tests/tests/sync/condition.test.ts: PEP 3156 § Locks
// > Condition ... wait() ... releases the underlying lock, and then blocks until it is awakened by
// > a notify() or notify_all() call ... Once awakened, it re-acquires the lock and returns True.
// CPython: the lock is re-acquired before wait() raises, even when the waiting task is cancelled.
// (Passing a notification on from a cancelled waiter is asyncio 3.13 only: reference-impl/test.)
import type { Coroutine } from 'pep3156/spec';
import { expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { errorName } from '../support/index.js';

section('sync', 'Locks', () => {
  statement(
    'sync.condition.cancelled-wait-reacquires',
    'a task cancelled in Condition.wait() holds the lock again when it sees CancelledError',
    async ({ loop, api, run }) => {
      const got = await run(
        (function* (): Coroutine<unknown[]> {
          const cond = new api.Condition();
          const seen: unknown[] = [];
          const waiter = loop.createTask(
            (function* (): Coroutine<void> {
              yield* cond.acquire();
              try {
                yield* cond.wait();
              } catch (e) {
                seen.push(errorName(e), cond.locked());
                throw e;
              } finally {
                cond.release();
              }
            })(),
          );
          yield* api.sleep(0);
          // Hold the lock while cancelling: the waiter cannot re-acquire until we let go.
          yield* cond.acquire();
          waiter.cancel();
          yield* api.sleep(0);
          yield* api.sleep(0);
          seen.push(waiter.done());
          cond.release();
          yield* api.gather({ returnExceptions: true }, waiter);
          seen.push(waiter.cancelled(), cond.locked());
          return seen;
        })(),
      );
      expect(got).toEqual([false, 'CancelledError', true, true, false]);
    },
  );

  statement(
    'sync.condition.wait-for',
    'Condition.waitFor(predicate) returns once the predicate is true after a notification',
    async ({ loop, api, run }) => {
      const got = await run(
        (function* (): Coroutine<unknown[]> {
          const cond = new api.Condition();
          let value = 0;
          const checker = loop.createTask(
            cond.with(function* (): Coroutine<number> {
              return yield* cond.waitFor(() => (value >= 3 ? value : 0));
            }),
          );
          for (let i = 0; i < 3; i++) {
            yield* api.sleep(0);
            yield* cond.with(function* (): Coroutine<void> {
              value += 1;
              cond.notifyAll();
            });
          }
          const r = yield* api.waitFor(checker, 1);
          return [r, cond.locked()];
        })(),
      );
      expect(got).toEqual([3, false]);
    },
  );
});
