// spec-tests/tests/scheduler/sleep-and-wrap.test.ts: PEP 3156 § Sleeping, § Coroutines and the Scheduler
// > sleep(delay, result=None). Return a coroutine that completes after delay seconds with result.
// > ensure_future(x) ... a Future is returned unchanged; a coroutine is wrapped in a Task.
import type { Coroutine } from 'pep3156/spec';
import { expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { errorName, rejection } from '../support/index.js';

section('scheduler', 'Sleeping', () => {
  statement(
    'scheduler.sleep.result',
    'sleep(delay, result) completes no earlier than delay seconds later, with result',
    async ({ loop, api, run }) => {
      const start = loop.time();
      // 0.1 s: a sleep that wakes at a fraction of its delay is caught even when a loaded
      // machine stalls the process for tens of milliseconds.
      const got = await run(
        (function* (): Coroutine<[string, number]> {
          const v = yield* api.sleep(0.1, 'woke');
          return [v, loop.time() - start];
        })(),
      );
      expect(got[0]).toBe('woke');
      expect(got[1]).toBeGreaterThanOrEqual(0.1 - 0.001);
    },
  );

  statement(
    'scheduler.sleep.cancel',
    'cancelling a task in sleep() stops the sleep at once',
    async ({ loop, api }) => {
      const start = loop.time();
      const task = loop.createTask(
        (function* () {
          yield* api.sleep(30);
        })(),
      );
      loop.callLater(0.002, () => task.cancel());
      await rejection(loop.runUntilComplete(task));
      expect(task.cancelled()).toBe(true);
      expect(loop.time() - start).toBeLessThan(5);
    },
  );
});

section('scheduler', 'Coroutines and the Scheduler', () => {
  statement(
    'scheduler.ensure-future.kinds',
    'ensureFuture returns a Future unchanged and wraps a coroutine in a Task',
    async ({ loop, api, run }) => {
      await run(
        (function* () {
          const f = loop.createFuture<number>();
          expect(api.ensureFuture(f)).toBe(f);
          function* body(): Coroutine<number> {
            return 3;
          }
          const t = api.ensureFuture(body());
          expect(typeof t.cancel).toBe('function');
          expect(yield* t).toBe(3);
          f.setResult(1);
        })(),
      );
    },
  );

  statement(
    'scheduler.ensure-future.type-error',
    'ensureFuture rejects a value that is not awaitable with TypeError',
    async ({ api, run }) => {
      const name = await run(
        (function* () {
          try {
            api.ensureFuture(42 as never);
            return 'no error';
          } catch (e) {
            return errorName(e);
          }
        })(),
      );
      expect(name).toBe('TypeError');
    },
  );

  statement(
    'scheduler.wrap-future.promise',
    'wrapFuture turns a Promise into a Future of the loop with its outcome',
    async ({ loop, api, run }) => {
      const got = await run(
        (function* (): Coroutine<[number, string]> {
          const ok = api.wrapFuture(Promise.resolve(5), { loop });
          const bad = api.wrapFuture(Promise.reject(new RangeError('no')), { loop });
          expect(ok.getLoop()).toBe(loop);
          const v = yield* ok;
          try {
            yield* bad;
            return [v, 'no error'];
          } catch (e) {
            return [v, errorName(e)];
          }
        })(),
      );
      expect(got).toEqual([5, 'RangeError']);
    },
  );
});
