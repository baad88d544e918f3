// spec-tests/tests/sync/barrier.test.ts: asyncio.Barrier (Python 3.11; not in PEP 3156)
// > A barrier ... allows blocking until parties number of tasks are waiting on it ... abort() puts
// > the barrier into a broken state ... wait() raises BrokenBarrierError.
import type { Coroutine } from 'pep3156/spec';
import { expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { errorName, thrown } from '../support/index.js';

section('sync', 'Locks', () => {
  statement(
    'sync.barrier.releases-parties',
    'Barrier.wait() blocks until `parties` tasks wait, then releases all with distinct indexes',
    async ({ api, run }) => {
      const got = await run(
        (function* (): Coroutine<unknown[]> {
          const barrier = new api.Barrier(3);
          const tasks = [1, 2].map(() => barrier.wait());
          yield* api.sleep(0.001);
          const waiting = barrier.nWaiting;
          const pending = tasks.every((t) => !t.done());
          const last = yield* barrier.wait();
          const indexes = [...(yield* api.gather(...tasks)), last].sort();
          // The barrier is reusable.
          const again = [1, 2, 3].map(() => barrier.wait());
          const second = (yield* api.waitFor(api.gather(...again), 1)).sort();
          return [waiting, pending, indexes, second, barrier.parties, barrier.broken];
        })(),
      );
      expect(got).toEqual([2, true, [0, 1, 2], [0, 1, 2], 3, false]);
    },
  );

  statement(
    'sync.barrier.abort',
    'Barrier.abort() fails current and later waiters with BrokenBarrierError; parties < 1 is a ValueError, a non-number a TypeError',
    async ({ api, run }) => {
      expect(errorName(thrown(() => new api.Barrier(0)))).toBe('ValueError');
      expect(errorName(thrown(() => new api.Barrier('2' as unknown as number)))).toBe('TypeError');
      const got = await run(
        (function* (): Coroutine<unknown[]> {
          const barrier = new api.Barrier(2);
          const early = barrier.wait();
          yield* api.sleep(0);
          barrier.abort();
          const [r1] = yield* api.gather({ returnExceptions: true }, early);
          let r2: unknown = 'no error';
          try {
            yield* barrier.wait();
          } catch (e) {
            r2 = e;
          }
          return [errorName(r1), errorName(r2), barrier.broken];
        })(),
      );
      expect(got).toEqual(['BrokenBarrierError', 'BrokenBarrierError', true]);
    },
  );
});
