// spec-tests/tests/sync/queue-shutdown.test.ts: asyncio.Queue.shutdown (Python 3.13; not in PEP 3156)
// > shutdown(immediate=False): put() raises QueueShutDown ... get() raises QueueShutDown once the
// > queue is empty ... If immediate is true, the queue is emptied first and join() returns.
import type { Coroutine } from 'pep3156/spec';
import { expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { errorName, thrown } from '../support/index.js';

section('sync', 'Queues', () => {
  statement(
    'sync.queue.shutdown',
    'after shutdown() puts fail with QueueShutDown, gets drain the queue then fail, blocked waiters are woken',
    async ({ loop, api, run }) => {
      const got = await run(
        (function* (): Coroutine<unknown[]> {
          const q = new api.Queue<number>(1);
          q.putNowait(1);
          const putter = loop.createTask(
            (function* (): Coroutine<void> {
              yield* q.put(2);
            })(),
          );
          yield* api.sleep(0);
          q.shutdown();
          const [putResult] = yield* api.gather({ returnExceptions: true }, putter);
          const first = yield* q.get();
          let second: unknown = 'no error';
          try {
            yield* q.get();
          } catch (e) {
            second = e;
          }
          return [
            errorName(putResult),
            errorName(thrown(() => q.putNowait(3))),
            first,
            errorName(second),
            errorName(thrown(() => q.getNowait())),
          ];
        })(),
      );
      expect(got).toEqual(['QueueShutDown', 'QueueShutDown', 1, 'QueueShutDown', 'QueueShutDown']);
    },
  );

  statement(
    'sync.queue.shutdown',
    'shutdown(true) empties the queue, wakes blocked getters with QueueShutDown and completes join()',
    async ({ loop, api, run }) => {
      const got = await run(
        (function* (): Coroutine<unknown[]> {
          const q = new api.Queue<number>();
          const empty = new api.Queue<number>();
          q.putNowait(1);
          q.putNowait(2);
          const joiner = api.ensureFuture(q.join());
          const getter = loop.createTask(
            (function* (): Coroutine<number> {
              return yield* empty.get();
            })(),
          );
          yield* api.sleep(0);
          q.shutdown(true);
          empty.shutdown(true);
          yield* api.waitFor(joiner, 1);
          const [g] = yield* api.gather({ returnExceptions: true }, getter);
          return [q.qsize(), q.empty(), joiner.done(), errorName(g)];
        })(),
      );
      expect(got).toEqual([0, true, true, 'QueueShutDown']);
    },
  );
});
