// spec-tests/tests/scheduler/cancelling.test.ts: cancellation through gather and shield, as
// CPython 3.11-3.13 do it (PEP 3156 § Waiting for Multiple Coroutines).
// > gather(f1, f2, ...) ... If the outer Future is cancelled, all children (that have not
// > completed yet) are also cancelled. (CPython's docstring; the PEP says the opposite, see the page.)
import type { Coroutine } from 'pep3156/spec';
import { expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { errorName } from '../support/index.js';

section('scheduler', 'Waiting for Multiple Coroutines', () => {
  statement(
    'scheduler.gather.cancelled-child',
    'a cancelled child fails the gather with its own CancelledError message; the gather is not cancelled()',
    async ({ loop, api, run }) => {
      const got = await run(
        (function* () {
          const out: unknown[] = [];
          const a = loop.createFuture<string>();
          const b = loop.createFuture<string>();
          const g = api.gather(a, b);
          a.cancel('stop a');
          try {
            yield* g;
          } catch (e) {
            out.push(errorName(e), (e as Error).message);
          }
          out.push(g.cancelled(), b.done());
          b.cancel();
          const c = loop.createFuture<string>();
          const d = loop.createFuture<string>();
          const g2 = api.gather({ returnExceptions: true }, c, d);
          c.cancel('stop c');
          d.setResult('d');
          const results = yield* g2;
          out.push(errorName(results[0]), (results[0] as Error).message, results[1]);
          return out;
        })(),
      );
      expect(got).toEqual(['CancelledError', 'stop a', false, false, 'CancelledError', 'stop c', 'd']);
    },
  );

  statement(
    'scheduler.gather.outer-cancel-waits',
    'a cancelled gather fails with CancelledError once every child is done; a task waiting in it has cancelling() 1',
    async ({ loop, api, run }) => {
      const log: string[] = [];
      const got = await run(
        (function* () {
          function* slow(name: string): Coroutine<void> {
            try {
              yield* api.sleep(10);
            } catch (e) {
              log.push(`${name} cancelled`);
              for (let i = 0; i < 3; i++) yield* api.sleep(0);
              log.push(`${name} done`);
              throw e;
            }
          }
          const done = loop.createFuture<number>();
          done.setResult(1);
          const quick = loop.createTask(
            (function* () {
              yield* api.sleep(10);
            })(),
          );
          const g = api.gather(done, quick, loop.createTask(slow('s')));
          yield* api.sleep(0);
          const first = g.cancel();
          try {
            yield* g;
          } catch (e) {
            log.push(`gather ${errorName(e)}`);
          }
          function* parent(): Coroutine<number | undefined> {
            try {
              yield* api.gather(api.sleep(10), api.sleep(10));
            } catch (e) {
              if (errorName(e) === 'CancelledError') return api.currentTask()?.cancelling();
              throw e;
            }
          }
          const p = loop.createTask(parent());
          yield* api.sleep(0);
          yield* api.sleep(0);
          p.cancel();
          return [first, g.cancelled(), yield* p];
        })(),
      );
      expect(got).toEqual([true, false, 1]);
      // The quick child ends cancelled first: the gather fails while 's' still cleans up.
      expect(log).toEqual(['s cancelled', 'gather CancelledError', 's done']);
    },
  );

  statement(
    'scheduler.shield.done',
    'shield returns a done future itself; a task cancelled on a shield has cancelling() 1 while the inner runs on',
    async ({ loop, api, run }) => {
      const got = await run(
        (function* () {
          const done = loop.createFuture<string>();
          done.setResult('done');
          const same = api.shield(done) === done;
          const inner = api.ensureFuture(api.sleep(0.002, 'inner result'));
          function* waiter(): Coroutine<unknown[]> {
            const task = api.currentTask();
            try {
              yield* api.shield(inner);
              return ['not cancelled'];
            } catch (e) {
              const seen = [errorName(e), task?.cancelling(), inner.done()];
              task?.uncancel();
              return [...seen, yield* inner];
            }
          }
          const w = loop.createTask(waiter());
          yield* api.sleep(0);
          yield* api.sleep(0);
          w.cancel();
          return [same, ...(yield* w)];
        })(),
      );
      expect(got).toEqual([true, 'CancelledError', 1, false, 'inner result']);
    },
  );
});
