// spec-tests/tests/scheduler/timeouts.test.ts: asyncio 3.11's timeout() state machine and its
// cancellation counting (3.11-3.13 agree on everything checked here).
import type { Coroutine } from 'pep3156/spec';
import { expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { errorName } from '../support/index.js';

section('scheduler', 'Coroutines and the Scheduler', () => {
  statement(
    'scheduler.timeout.swallowed',
    'a block that swallows its timeout cancellation gets no TimeoutError; expired() is true; the task is uncancelled',
    async ({ api, run }) => {
      const got = await run(
        (function* () {
          const task = api.currentTask();
          const out: unknown[] = [];
          const cm = api.timeout(0.002);
          yield* cm.run(function* () {
            try {
              yield* api.sleep(1);
            } catch (e) {
              out.push(errorName(e), task?.cancelling());
            }
          });
          out.push(cm.expired(), task?.cancelling());
          try {
            yield* api.timeout(0.002, function* () {
              yield* api.sleep(1);
            });
          } catch (e) {
            out.push(errorName(e), errorName((e as Error).cause));
          }
          return out;
        })(),
      );
      expect(got).toEqual(['CancelledError', 1, true, 0, 'TimeoutError', 'CancelledError']);
    },
  );

  statement(
    'scheduler.timeout.states',
    'a timeout is entered once; reschedule() before entry, after exit or after expiry throws RuntimeError',
    async ({ loop, api, run }) => {
      const got = await run(
        (function* () {
          const out: unknown[] = [];
          const cm = api.timeout(null);
          try {
            cm.reschedule(loop.time() + 1);
          } catch (e) {
            out.push(`before: ${errorName(e)}`);
          }
          yield* cm.run(function* () {
            out.push(cm.expired(), cm.when());
            try {
              yield* cm.run(function* () {});
            } catch (e) {
              out.push(`twice: ${errorName(e)}`);
            }
          });
          try {
            cm.reschedule(null);
          } catch (e) {
            out.push(`after: ${errorName(e)}`);
          }
          const cm2 = api.timeout(0);
          try {
            yield* cm2.run(function* () {
              yield* api.sleep(1);
            });
          } catch (e) {
            out.push(errorName(e), cm2.expired());
          }
          try {
            cm2.reschedule(null);
          } catch (e) {
            out.push(`expired: ${errorName(e)}`);
          }
          return out;
        })(),
      );
      expect(got).toEqual([
        'before: RuntimeError',
        false,
        null,
        'twice: RuntimeError',
        'after: RuntimeError',
        'TimeoutError',
        true,
        'expired: RuntimeError',
      ]);
    },
  );

  statement(
    'scheduler.timeout.other-cancel',
    'an expired timeout converts only its own cancellation: another pending cancel propagates; nested ones convert once',
    async ({ loop, api, run }) => {
      const got = await run(
        (function* () {
          const out: unknown[] = [];
          const task = api.currentTask();
          function* both(): Coroutine<string> {
            try {
              yield* api.timeout(0, function* () {
                api.currentTask()?.cancel();
                yield* api.sleep(1);
              });
              return 'no error';
            } catch (e) {
              return `${errorName(e)} ${api.currentTask()?.cancelling()}`;
            }
          }
          out.push(yield* loop.createTask(both()));
          try {
            yield* api.timeout(10, function* () {
              try {
                yield* api.timeout(0.002, function* () {
                  yield* api.sleep(1);
                });
              } catch (e) {
                out.push(`inner ${errorName(e)} ${task?.cancelling()}`);
              }
            });
            out.push('outer finished');
          } catch (e) {
            out.push(`outer ${errorName(e)}`);
          }
          try {
            yield* api.timeout(0.002, function* () {
              try {
                yield* api.timeout(0.002, function* () {
                  yield* api.sleep(1);
                });
              } catch (e) {
                if (errorName(e) !== 'TimeoutError') throw e;
                out.push('inner of both converted');
                yield* api.sleep(1);
              }
            });
          } catch (e) {
            out.push(`outer of both ${errorName(e)} ${task?.cancelling()}`);
          }
          return out;
        })(),
      );
      expect(got).toEqual([
        'CancelledError 1',
        'inner TimeoutError 0',
        'outer finished',
        'outer of both TimeoutError 0',
      ]);
    },
  );
});
