// spec-tests/tests/scheduler/wait.test.ts: PEP 3156 § Waiting for Multiple Coroutines
// > wait(fs, timeout=None, return_when=ALL_COMPLETED). ... returns a tuple (done, pending) ...
// > Note that if the timeout expires, it does not raise TimeoutError.
import type { Coroutine, Future } from 'pep3156/spec';
import { expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { errorName } from '../support/index.js';

section('scheduler', 'Waiting for Multiple Coroutines', () => {
  statement(
    'scheduler.wait.all-completed',
    'wait() with ALL_COMPLETED returns when every future is done',
    async ({ loop, api, run }) => {
      const [done, pending] = await run(
        (function* () {
          const a = api.sleep(0.002, 'a');
          const b = api.sleep(0.004, 'b');
          return yield* api.wait([a, b]);
        })(),
      );
      expect(done.size).toBe(2);
      expect(pending.size).toBe(0);
      void loop;
    },
  );

  statement(
    'scheduler.wait.first-completed',
    'wait() with FIRST_COMPLETED returns when one future is done',
    async ({ api, run }) => {
      const [done, pending] = await run(
        (function* () {
          const fast = api.sleep(0.002, 'fast');
          const slow = api.sleep(5, 'slow');
          const r = yield* api.wait([fast, slow], { returnWhen: api.FIRST_COMPLETED });
          slow.cancel();
          return r;
        })(),
      );
      expect([...done].map((f) => (f as Future<string>).result())).toEqual(['fast']);
      expect(pending.size).toBe(1);
    },
  );

  statement(
    'scheduler.wait.first-exception',
    'wait() with FIRST_EXCEPTION returns when one future fails',
    async ({ loop, api, run }) => {
      const [done, pending] = await run(
        (function* () {
          const failing = loop.createFuture<string>();
          loop.callLater(0.002, () => failing.setException(new Error('x')));
          const slow = api.sleep(5, 'slow');
          const fine = api.sleep(0.001, 'fine');
          const r = yield* api.wait([failing, slow, fine], { returnWhen: api.FIRST_EXCEPTION });
          slow.cancel();
          return r;
        })(),
      );
      expect(done.size).toBe(2);
      expect(pending.size).toBe(1);
    },
  );

  statement(
    'scheduler.wait.timeout',
    'wait() returns at the timeout with what is not done in pending, without TimeoutError',
    async ({ api, run }) => {
      const [done, pending] = await run(
        (function* () {
          const slow = api.sleep(5, 'slow');
          const r = yield* api.wait([slow], { timeout: 0.005 });
          slow.cancel();
          return r;
        })(),
      );
      expect(done.size).toBe(0);
      expect(pending.size).toBe(1);
    },
  );

  statement(
    'scheduler.wait.empty',
    'wait() on an empty collection throws ValueError',
    async ({ api, run }) => {
      const name = await run(
        (function* () {
          try {
            api.wait([]);
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
    'scheduler.wait-for.result',
    'waitFor gives the result when it arrives in time',
    async ({ api, run }) => {
      expect(
        await run(
          (function* (): Coroutine<string> {
            return yield* api.waitFor(api.sleep(0.001, 'in time'), 1);
          })(),
        ),
      ).toBe('in time');
    },
  );

  statement(
    'scheduler.wait-for.timeout',
    'on timeout waitFor cancels the awaitable, then throws TimeoutError',
    async ({ loop, api, run }) => {
      const inner = loop.createFuture<string>();
      const name = await run(
        (function* () {
          try {
            yield* api.waitFor(inner, 0.005);
            return 'no error';
          } catch (e) {
            return errorName(e);
          }
        })(),
      );
      expect(name).toBe('TimeoutError');
      expect(inner.cancelled()).toBe(true);
    },
  );

  statement(
    'scheduler.wait-for.cancel-propagates',
    'cancelling a waitFor cancels the awaitable',
    async ({ loop, api }) => {
      const inner = loop.createFuture<string>();
      const task = loop.createTask(
        (function* () {
          yield* api.waitFor(inner, 10);
        })(),
      );
      loop.callLater(0.002, () => task.cancel());
      try {
        await loop.runUntilComplete(task);
      } catch {
        // cancelled
      }
      expect(inner.cancelled()).toBe(true);
    },
  );
});
