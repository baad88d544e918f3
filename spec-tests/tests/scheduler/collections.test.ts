// spec-tests/tests/scheduler/collections.test.ts: PEP 3156 § Waiting for Multiple Coroutines, as
// CPython's wait, as_completed and gather do it (3.11-3.13 agree on everything checked here).
// > wait(fs, timeout=None, return_when=ALL_COMPLETED). Wait for the Futures or coroutines given by
// > fs to complete. ... returns a tuple (done, pending) ...
import type { AbstractEventLoop, Coroutine, Future } from 'pep3156/spec';
import { expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { errorName } from '../support/index.js';

/** Counts loop iterations with a self-rescheduling callback (as the differential scenarios do). */
function ticker(loop: AbstractEventLoop, limit = 50): () => number {
  let it = 0;
  const tick = (): void => {
    it += 1;
    if (it < limit) loop.callSoon(tick);
  };
  loop.callSoon(tick);
  return () => it;
}

section('scheduler', 'Waiting for Multiple Coroutines', () => {
  statement(
    'scheduler.wait.not-a-collection',
    'wait and asCompleted throw TypeError for a single future or coroutine; a future given twice counts once',
    async ({ loop, api, run }) => {
      const got = await run(
        (function* () {
          const out: unknown[] = [];
          const fut = loop.createFuture<string>();
          function* coro(): Coroutine<number> {
            return 1;
          }
          for (const arg of [fut, coro()]) {
            try {
              yield* api.wait(arg as never);
              out.push('no error');
            } catch (e) {
              out.push(errorName(e));
            }
            try {
              [...api.asCompleted(arg as never)];
              out.push('no error');
            } catch (e) {
              out.push(errorName(e));
            }
          }
          fut.setResult('x');
          const [done, pending] = yield* api.wait([fut, fut]);
          out.push(done.size, pending.size);
          const results: string[] = [];
          for (const f of api.asCompleted([fut, fut])) results.push(yield* f);
          out.push(results);
          return out;
        })(),
      );
      expect(got).toEqual(['TypeError', 'TypeError', 'TypeError', 'TypeError', 1, 0, ['x']]);
    },
  );

  statement(
    'scheduler.wait.sets-on-resume',
    'wait sorts done and pending when the waiting task resumes: a future that completed meanwhile is done',
    async ({ loop, api, run }) => {
      const got = await run(
        (function* () {
          const a = loop.createFuture<string>();
          const b = loop.createFuture<string>();
          const c = loop.createFuture<string>();
          loop.callSoon(() => a.setResult('a'));
          loop.callSoon(() => loop.callSoon(() => b.setResult('b')));
          const [done, pending] = yield* api.wait([a, b, c], { returnWhen: api.FIRST_COMPLETED });
          const first = [[...done].map((f) => (f as Future<string>).result()).sort(), pending.size];
          const d = loop.createFuture<string>();
          loop.callLater(0.002, () => d.setResult('d'));
          loop.callLater(0.002, () => loop.callSoon(() => c.setResult('c')));
          const [done2, pending2] = yield* api.wait([c, d], { timeout: 0.002 });
          return [first, [done2.size, pending2.size]];
        })(),
      );
      expect(got).toEqual([
        [['a', 'b'], 1],
        [2, 0],
      ]);
    },
  );

  statement(
    'scheduler.wait.iterations',
    'wait returns two iterations after the completion that ends it, also for futures already done and timeout 0',
    async ({ loop, api, run }) => {
      const got = await run(
        (function* () {
          const it = ticker(loop);
          yield* api.sleep(0);
          const out: number[] = [];
          const doneF = loop.createFuture<number>();
          doneF.setResult(1);
          let start = it();
          yield* api.wait([doneF]);
          out.push(it() - start);
          const failed = loop.createFuture<number>();
          failed.setException(new RangeError('x'));
          const other = loop.createFuture<number>();
          start = it();
          const [done] = yield* api.wait([failed, other], { returnWhen: api.FIRST_EXCEPTION });
          out.push(it() - start, done.size);
          const later = loop.createFuture<number>();
          loop.callSoon(() => later.setResult(2));
          start = it();
          yield* api.wait([later]);
          out.push(it() - start);
          start = it();
          const [, pending] = yield* api.wait([other], { timeout: 0 });
          out.push(it() - start, pending.size);
          failed.exception();
          return out;
        })(),
      );
      expect(got).toEqual([2, 2, 1, 3, 2, 1]);
    },
  );

  statement(
    'scheduler.gather.same-loop',
    'gather throws ValueError for futures of two loops; an awaitable given twice is one child',
    async ({ loop, api, newLoop, run }) => {
      const other = newLoop();
      const got = await run(
        (function* () {
          const mine = loop.createFuture<string>();
          const theirs = other.createFuture<string>();
          let name = 'no error';
          try {
            api.gather(mine, theirs);
          } catch (e) {
            name = errorName(e);
          }
          mine.setResult('m');
          return [name, yield* api.gather(mine, mine)];
        })(),
      );
      expect(got).toEqual(['ValueError', ['m', 'm']]);
    },
  );
});
