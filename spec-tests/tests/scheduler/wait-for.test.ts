// spec-tests/tests/scheduler/wait-for.test.ts: PEP 3156 § Waiting for Multiple Coroutines, as
// CPython's wait_for does it (3.11-3.13 agree on everything checked here).
// > wait_for(f, timeout): Wait for a single Future or coroutine to complete, with timeout. If timeout
// > is None, block until the future completes.
import type { Coroutine } from 'pep3156/spec';
import { expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { errorName } from '../support/index.js';

section('scheduler', 'Waiting for Multiple Coroutines', () => {
  statement(
    'scheduler.wait-for.zero-timeout',
    'waitFor with a timeout <= 0 never starts a coroutine, gives a done future its result, waits for a cancelled future',
    async ({ loop, api, run }) => {
      const got = await run(
        (function* () {
          const out: unknown[] = [];
          const started: string[] = [];
          function* body(): Coroutine<string> {
            started.push('body');
            return 'value';
          }
          for (const t of [0, -1]) {
            try {
              yield* api.waitFor(body(), t);
              out.push('no error');
            } catch (e) {
              out.push(errorName(e));
            }
          }
          out.push(started.length);
          const done = loop.createFuture<string>();
          done.setResult('ready');
          out.push(yield* api.waitFor(done, 0));
          function* stubborn(): Coroutine<string> {
            try {
              yield* api.sleep(10);
            } catch (e) {
              if (errorName(e) === 'CancelledError') return 'swallowed';
              throw e;
            }
            return 'slept';
          }
          const task = loop.createTask(stubborn());
          yield* api.sleep(0);
          out.push(yield* api.waitFor(task, 0));
          return out;
        })(),
      );
      expect(got).toEqual(['TimeoutError', 'TimeoutError', 0, 'ready', 'swallowed']);
    },
  );

  statement(
    'scheduler.wait-for.timeout-cause',
    "waitFor's TimeoutError has the CancelledError as cause, and cancelling() is back to its value",
    async ({ loop, api, run }) => {
      const got = await run(
        (function* () {
          const task = api.currentTask();
          const out: unknown[] = [];
          for (const t of [0.002, 0]) {
            try {
              yield* api.waitFor(loop.createFuture<void>(), t);
            } catch (e) {
              out.push(errorName(e), errorName((e as Error).cause), task?.cancelling());
            }
          }
          // The count is right, so a further timeout still expires as a TimeoutError.
          try {
            yield* api.waitFor(api.sleep(10), 0.002);
          } catch (e) {
            out.push(errorName(e));
          }
          return out;
        })(),
      );
      expect(got).toEqual([
        'TimeoutError',
        'CancelledError',
        0,
        'TimeoutError',
        'CancelledError',
        0,
        'TimeoutError',
      ]);
    },
  );

  statement(
    'scheduler.wait-for.cancel-waits',
    'a task cancelled in waitFor sees the CancelledError only once the awaited task is done',
    async ({ loop, api, run }) => {
      const log: string[] = [];
      const got = await run(
        (function* () {
          function* inner(): Coroutine<void> {
            try {
              yield* api.sleep(10);
            } catch (e) {
              log.push('inner cancelled');
              for (let i = 0; i < 3; i++) yield* api.sleep(0);
              log.push('inner cleaned up');
              throw e;
            }
          }
          const innerTask = loop.createTask(inner());
          function* outer(): Coroutine<void> {
            try {
              yield* api.waitFor(innerTask, 10);
            } catch (e) {
              log.push(`outer ${errorName(e)}, inner done ${innerTask.done()}`);
              throw e;
            }
          }
          const outerTask = loop.createTask(outer());
          yield* api.sleep(0);
          yield* api.sleep(0);
          outerTask.cancel();
          try {
            yield* outerTask;
          } catch (e) {
            log.push(errorName(e));
          }
          return [outerTask.cancelled(), innerTask.cancelled()];
        })(),
      );
      expect(got).toEqual([true, true]);
      expect(log).toEqual([
        'inner cancelled',
        'inner cleaned up',
        'outer CancelledError, inner done true',
        'CancelledError',
      ]);
    },
  );
});
