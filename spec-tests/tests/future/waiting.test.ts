// spec-tests/tests/future/waiting.test.ts: PEP 3156 § Futures, § Coroutines
// > A coroutine can wait for a Future with `yield from future` (TypeScript: `yield* future`), which
// > returns the Future's result or raises its exception.
import { expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { errorName } from '../support/index.js';

section('future', 'Futures', () => {
  statement(
    'future.yield-star.result',
    'yield* on a future in a generator coroutine gives its result',
    async ({ loop, run }) => {
      const f = loop.createFuture<number>();
      loop.callLater(0.001, () => f.setResult(41));
      const got = await run(
        (function* () {
          const v = yield* f;
          return v + 1;
        })(),
      );
      expect(got).toBe(42);
    },
  );

  statement(
    'future.yield-star.exception',
    'yield* on a failed future throws its exception at the yield*',
    async ({ loop, run }) => {
      const f = loop.createFuture<number>();
      const boom = new Error('boom');
      loop.callLater(0.001, () => f.setException(boom));
      const got = await run(
        (function* () {
          try {
            yield* f;
            return null;
          } catch (e) {
            return e;
          }
        })(),
      );
      expect(got).toBe(boom);
    },
  );

  statement(
    'future.yield-star.cancelled',
    'yield* on a cancelled future throws CancelledError',
    async ({ loop, run }) => {
      const f = loop.createFuture<number>();
      loop.callLater(0.001, () => f.cancel());
      const got = await run(
        (function* () {
          try {
            yield* f;
            return 'no error';
          } catch (e) {
            return errorName(e);
          }
        })(),
      );
      expect(got).toBe('CancelledError');
    },
  );

  statement(
    'future.await.result',
    'await on a future gives its result or throws its exception',
    async ({ loop, run }) => {
      const ok = loop.createFuture<string>();
      const bad = loop.createFuture<string>();
      loop.callLater(0.001, () => {
        ok.setResult('yes');
        bad.setException(new TypeError('no'));
      });
      const got = await run(async () => {
        const a = await ok;
        try {
          await bad;
          return [a, 'no error'];
        } catch (e) {
          return [a, errorName(e)];
        }
      });
      expect(got).toEqual(['yes', 'TypeError']);
    },
    { features: ['async-functions'] },
  );
});
