// spec-tests/tests/scheduler/iterations.test.ts: in which loop iteration a task waiting on a
// scheduler function resumes, and when asCompleted's futures take their input (CPython 3.11-3.13
// agree on everything checked here; counted with a self-rescheduling callback).
import type { AbstractEventLoop, Coroutine, Future } from 'pep3156/spec';
import { expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { errorName } from '../support/index.js';

/** Counts loop iterations with a self-rescheduling callback. */
function ticker(loop: AbstractEventLoop, limit = 200): () => number {
  let it = 0;
  const tick = (): void => {
    it += 1;
    if (it < limit) loop.callSoon(tick);
  };
  loop.callSoon(tick);
  return () => it;
}

/** A future completed `iterations` loop iterations from now. */
function later<T>(loop: AbstractEventLoop, value: T, iterations = 1): Future<T> {
  const f = loop.createFuture<T>();
  const step = (n: number): void => {
    if (n === 0) f.setResult(value);
    else loop.callSoon(step, n - 1);
  };
  loop.callSoon(step, iterations - 1);
  return f;
}

section('scheduler', 'Waiting for Multiple Coroutines', () => {
  statement(
    'scheduler.iterations.resume',
    'a task waiting in gather, shield, asCompleted or a taskGroup resumes two iterations after the completion',
    async ({ loop, api, run }) => {
      const got = await run(
        (function* () {
          const it = ticker(loop);
          yield* api.sleep(0);
          const out: number[] = [];
          let start = it();
          yield* api.gather(later(loop, 1), later(loop, 2, 2));
          out.push(it() - start);
          start = it();
          yield* api.shield(later(loop, 1));
          out.push(it() - start);
          function* child(): Coroutine<void> {
            yield* api.sleep(0);
          }
          start = it();
          yield* api.taskGroup(function* (tg) {
            tg.createTask(child());
          });
          out.push(it() - start);
          start = it();
          yield* api.taskGroup(function* () {});
          out.push(it() - start);
          start = it();
          try {
            yield* api.timeout(0, function* () {
              yield* loop.createFuture<void>();
            });
          } catch (e) {
            if (errorName(e) === 'TimeoutError') out.push(it() - start);
          }
          start = it();
          for (const f of api.asCompleted([later(loop, 3)])) yield* f;
          out.push(it() - start);
          return out;
        })(),
      );
      expect(got).toEqual([4, 3, 4, 0, 2, 3]);
    },
  );

  statement(
    'scheduler.as-completed.on-await',
    "asCompleted's futures take the next completed input when awaited; a woken one that is cancelled passes it on",
    async ({ loop, api, run }) => {
      const got = await run(
        (function* () {
          const out: unknown[] = [];
          const a = loop.createFuture<string>();
          const b = loop.createFuture<string>();
          const items = [...api.asCompleted([a, b])];
          loop.callSoon(() => a.setResult('a'));
          loop.callSoon(() => loop.callSoon(() => b.setResult('b')));
          out.push(yield* items[1], yield* items[0]);
          const c = loop.createFuture<string>();
          const d = loop.createFuture<string>();
          const it = api.asCompleted([c, d]);
          const first = it.next().value as Future<string>;
          const second = it.next().value as Future<string>;
          const t1 = loop.createTask(
            (function* () {
              return yield* first;
            })(),
          );
          const t2 = loop.createTask(
            (function* () {
              return yield* second;
            })(),
          );
          yield* api.sleep(0);
          c.setResult('c');
          yield* api.sleep(0);
          t1.cancel();
          try {
            yield* t1;
          } catch (e) {
            out.push(errorName(e), t1.cancelled());
          }
          out.push(yield* t2);
          d.setResult('d');
          return out;
        })(),
      );
      expect(got).toEqual(['a', 'b', 'CancelledError', true, 'c']);
    },
  );

  statement(
    'scheduler.sleep.as-task',
    'sleep(0) awaited resumes in the next iteration; given to gather, wait, shield or a task group it completes as a task would',
    async ({ loop, api, run }) => {
      const got = await run(
        (function* () {
          const it = ticker(loop);
          yield* api.sleep(0);
          const out: number[] = [];
          let start = it();
          yield* api.sleep(0);
          out.push(it() - start);
          start = it();
          yield* api.gather(api.sleep(0));
          out.push(it() - start);
          start = it();
          yield* api.wait([api.ensureFuture(api.sleep(0))]);
          out.push(it() - start);
          start = it();
          yield* api.taskGroup(function* (tg) {
            tg.createTask(api.sleep(0));
          });
          out.push(it() - start);
          start = it();
          yield* api.shield(api.sleep(0));
          out.push(it() - start);
          return out;
        })(),
      );
      expect(got).toEqual([1, 4, 4, 4, 4]);
    },
  );
});
