// spec-tests/tests/scheduler/structured.test.ts: asyncio 3.11 TaskGroup and timeout (beyond PEP 3156,
// what today's asyncio users expect; see the scheduler spec page).
import type { Coroutine } from 'pep3156/spec';
import { expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { errorName } from '../support/index.js';

section('scheduler', 'Coroutines and the Scheduler', () => {
  statement(
    'scheduler.task-group.waits-all',
    "a TaskGroup's join waits for every task of the group",
    async ({ api, run }) => {
      const got = await run(
        (function* () {
          const tg = new api.TaskGroup();
          const a = tg.createTask(api.sleep(0.003, 'a'));
          const b = tg.createTask(api.sleep(0.001, 'b'));
          yield* tg.join();
          return [a.result(), b.result()];
        })(),
      );
      expect(got).toEqual(['a', 'b']);
    },
  );

  statement(
    'scheduler.task-group.failure-cancels',
    'when a task of a group fails, the others are cancelled and join fails with its error',
    async ({ api, run }) => {
      const got = await run(
        (function* (): Coroutine<[string, boolean]> {
          const tg = new api.TaskGroup();
          function* failing(): Coroutine<never> {
            yield* api.sleep(0.001);
            throw new RangeError('bad child');
          }
          const slow = tg.createTask(api.sleep(5));
          tg.createTask(failing());
          try {
            yield* tg.join();
            return ['no error', slow.cancelled()];
          } catch (e) {
            const errors = (e as AggregateError).errors ?? [e];
            return [errors.map(errorName).join(','), slow.cancelled()];
          }
        })(),
      );
      expect(got).toEqual(['RangeError', true]);
    },
  );

  statement(
    'scheduler.timeout.expires',
    'a block run under timeout(delay) fails with TimeoutError (cause: the CancelledError) when the delay passes',
    async ({ api, run }) => {
      const got = await run(
        (function* () {
          const out: string[] = [];
          try {
            yield* api.timeout(0.005).run(function* () {
              yield* api.sleep(5);
            });
            out.push('no error');
          } catch (e) {
            out.push(errorName(e), errorName((e as Error).cause));
          }
          try {
            yield* api.timeout(0.005, function* () {
              yield* api.sleep(5);
            });
            out.push('no error');
          } catch (e) {
            out.push(errorName(e));
          }
          return out;
        })(),
      );
      expect(got).toEqual(['TimeoutError', 'CancelledError', 'TimeoutError']);
    },
  );

  statement(
    'scheduler.timeout.in-time',
    'a block that finishes before its timeout returns its value',
    async ({ api, run }) => {
      const got = await run(
        (function* () {
          return yield* api.timeout(1).run(function* () {
            return yield* api.sleep(0.001, 'in time');
          });
        })(),
      );
      expect(got).toBe('in time');
    },
  );
  statement(
    'scheduler.timeout.reschedule',
    'reschedule() moves the deadline of a running timeout; expired() tells whether it passed',
    async ({ api, loop, run }) => {
      const got = await run(
        (function* () {
          const outcome: (string | boolean | null)[] = [];
          const late = api.timeout(0.002);
          const value = yield* late.run(function* () {
            late.reschedule(loop.time() + 5);
            return yield* api.sleep(0.01, 'moved later');
          });
          outcome.push(value, late.expired());
          const soon = api.timeout(5);
          try {
            yield* soon.run(function* () {
              soon.reschedule(loop.time() + 0.002);
              yield* api.sleep(5);
            });
            outcome.push('no error');
          } catch (e) {
            outcome.push(errorName(e));
          }
          outcome.push(soon.expired());
          const none = api.timeout(0.002);
          outcome.push(
            yield* none.run(function* () {
              none.reschedule(null);
              return yield* api.sleep(0.01, 'no deadline');
            }),
          );
          return outcome;
        })(),
      );
      expect(got).toEqual(['moved later', false, 'TimeoutError', true, 'no deadline']);
    },
  );
});
