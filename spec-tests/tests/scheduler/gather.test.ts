// spec-tests/tests/scheduler/gather.test.ts: PEP 3156 § Waiting for Multiple Coroutines
// > gather(f1, f2, ...). Returns a Future which waits until all arguments are done; its result is the
// > list of their results, in argument order.
import type { Coroutine } from 'pep3156/spec';
import { expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { errorName, rejection } from '../support/index.js';

section('scheduler', 'Waiting for Multiple Coroutines', () => {
  statement(
    'scheduler.gather.order',
    'gather resolves to the results in argument order, not completion order',
    async ({ api, run }) => {
      const got = await run(
        (function* () {
          return yield* api.gather(
            api.sleep(0.006, 'slow'),
            api.sleep(0.001, 'fast'),
            api.sleep(0.003, 'mid'),
          );
        })(),
      );
      expect(got).toEqual(['slow', 'fast', 'mid']);
    },
  );

  statement(
    'scheduler.gather.first-exception',
    'the first exception fails the gather; the other children keep running',
    async ({ loop, api, run }) => {
      const survivor = api.ensureFuture(
        (function* (): Coroutine<string> {
          yield* api.sleep(0.01);
          return 'survived';
        })(),
        { loop },
      );
      const name = await run(
        (function* () {
          function* failing(): Coroutine<never> {
            yield* api.sleep(0.001);
            throw new RangeError('child failed');
          }
          try {
            yield* api.gather(failing(), survivor);
            return 'no error';
          } catch (e) {
            return errorName(e);
          }
        })(),
      );
      expect(name).toBe('RangeError');
      expect(survivor.cancelled(), 'the other child was not cancelled').toBe(false);
      expect(await loop.runUntilComplete(survivor)).toBe('survived');
    },
  );

  statement(
    'scheduler.gather.return-exceptions',
    'with returnExceptions, exceptions are returned in the results',
    async ({ api, run }) => {
      const got = await run(
        (function* () {
          function* failing(): Coroutine<never> {
            yield* api.sleep(0);
            throw new TypeError('x');
          }
          return yield* api.gather({ returnExceptions: true }, api.sleep(0.001, 1), failing());
        })(),
      );
      expect(got[0]).toBe(1);
      expect(errorName(got[1])).toBe('TypeError');
    },
  );

  statement(
    'scheduler.gather.empty',
    'gather() with no arguments resolves to an empty list',
    async ({ api, run }) => {
      expect(
        await run(
          (function* () {
            return yield* api.gather();
          })(),
        ),
      ).toEqual([]);
    },
  );

  statement(
    'scheduler.gather.cancel-children',
    'cancelling the gathering future cancels every child not yet done',
    async ({ loop, api }) => {
      const a = loop.createFuture<number>();
      const b = loop.createFuture<number>();
      let outer: { cancel(): boolean } | null = null;
      const task = loop.createTask(
        (function* () {
          const g = api.gather(a, b);
          outer = g;
          return yield* g;
        })(),
      );
      loop.callLater(0.002, () => outer?.cancel());
      expect(errorName(await rejection(loop.runUntilComplete(task)))).toBe('CancelledError');
      expect(a.cancelled()).toBe(true);
      expect(b.cancelled()).toBe(true);
    },
  );

  statement(
    'scheduler.shield.outer-cancel',
    'cancelling a shield does not cancel what it protects',
    async ({ loop, api }) => {
      const inner = loop.createFuture<string>();
      const task = loop.createTask(
        (function* () {
          return yield* api.shield(inner);
        })(),
      );
      loop.callLater(0.002, () => task.cancel());
      await rejection(loop.runUntilComplete(task));
      expect(task.cancelled()).toBe(true);
      expect(inner.cancelled()).toBe(false);
      inner.setResult('still fine');
    },
  );

  statement(
    'scheduler.shield.inner-cancel',
    'if the protected future is cancelled, the shield is cancelled too',
    async ({ loop, api, run }) => {
      const inner = loop.createFuture<string>();
      loop.callLater(0.002, () => inner.cancel());
      const name = await run(
        (function* () {
          try {
            yield* api.shield(inner);
            return 'no error';
          } catch (e) {
            return errorName(e);
          }
        })(),
      );
      expect(name).toBe('CancelledError');
    },
  );

  statement(
    'scheduler.as-completed.order',
    'asCompleted yields results in completion order',
    async ({ api, run }) => {
      const got = await run(
        (function* () {
          const out: string[] = [];
          for (const f of api.asCompleted([
            api.sleep(0.006, 'c'),
            api.sleep(0.001, 'a'),
            api.sleep(0.003, 'b'),
          ])) {
            out.push(yield* f);
          }
          return out;
        })(),
      );
      expect(got).toEqual(['a', 'b', 'c']);
    },
  );

  statement(
    'scheduler.as-completed.timeout',
    'after the timeout, the remaining asCompleted futures throw TimeoutError',
    async ({ api, run }) => {
      const got = await run(
        (function* () {
          const out: string[] = [];
          const slow = api.sleep(5, 'slow');
          for (const f of api.asCompleted([api.sleep(0.001, 'fast'), slow], { timeout: 0.01 })) {
            try {
              out.push(yield* f);
            } catch (e) {
              out.push(errorName(e));
            }
          }
          slow.cancel();
          return out;
        })(),
      );
      expect(got).toEqual(['fast', 'TimeoutError']);
    },
  );
  statement(
    'scheduler.as-completed.async-iterable',
    'for await over asCompleted gives the results in completion order',
    async ({ api, loop }) => {
      const task = loop.createTask(async () => {
        const out: string[] = [];
        for await (const value of api.asCompleted([
          api.sleep(0.006, 'c'),
          api.sleep(0.001, 'a'),
          api.sleep(0.003, 'b'),
        ])) {
          out.push(value);
        }
        return out;
      });
      expect(await loop.runUntilComplete(task), 'completion order').toEqual(['a', 'b', 'c']);
    },
    { features: ['async-functions'] },
  );
});
