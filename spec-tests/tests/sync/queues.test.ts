// spec-tests/tests/sync/queues.test.ts: PEP 3156 § Queues
// > Queue(maxsize=0) ... put_nowait raises Full (QueueFull) ... get_nowait raises Empty (QueueEmpty)
// > ... PriorityQueue retrieves the lowest entry first; LifoQueue the most recently added.
import type { Coroutine } from 'pep3156/spec';
import { expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { errorName } from '../support/index.js';

section('sync', 'Queues', () => {
  statement('sync.queue.fifo', 'a Queue returns items in the order they were put', async ({ api, run }) => {
    const got = await run(
      (function* () {
        const q = new api.Queue<number>();
        for (const i of [1, 2, 3]) yield* q.put(i);
        return [yield* q.get(), yield* q.get(), yield* q.get()];
      })(),
    );
    expect(got).toEqual([1, 2, 3]);
  });

  statement(
    'sync.queue.nowait-errors',
    'putNowait on a full queue throws QueueFull; getNowait on an empty one QueueEmpty',
    async ({ api, run }) => {
      const got = await run(
        (function* () {
          const q = new api.Queue<number>(1);
          const names: string[] = [];
          try {
            q.getNowait();
          } catch (e) {
            names.push(errorName(e));
          }
          q.putNowait(1);
          try {
            q.putNowait(2);
          } catch (e) {
            names.push(errorName(e));
          }
          names.push(String(q.full()), String(q.qsize()));
          return names;
        })(),
      );
      expect(got).toEqual(['QueueEmpty', 'QueueFull', 'true', '1']);
    },
  );

  statement(
    'sync.queue.maxsize-blocks',
    'put() on a full queue waits until an item is taken; get() on an empty one until an item is put',
    async ({ api, run }) => {
      const got = await run(
        (function* () {
          const q = new api.Queue<string>(1);
          const log: string[] = [];
          function* producer(): Coroutine<void> {
            for (const item of ['x', 'y']) {
              yield* q.put(item);
              log.push(`put ${item}`);
            }
          }
          function* consumer(): Coroutine<void> {
            yield* api.sleep(0.002);
            for (let i = 0; i < 2; i++) log.push(`got ${yield* q.get()}`);
          }
          yield* api.gather(producer(), consumer());
          return log;
        })(),
      );
      expect(got.indexOf('put y'), 'the second put waited for the first get').toBeGreaterThan(
        got.indexOf('got x'),
      );
    },
  );

  statement('sync.queue.unbounded', 'maxsize 0 or less means unbounded', async ({ api, run }) => {
    const got = await run(
      (function* () {
        const q = new api.Queue<number>(0);
        const r = new api.Queue<number>(-1);
        for (let i = 0; i < 1000; i++) {
          q.putNowait(i);
          r.putNowait(i);
        }
        return [q.full(), r.full(), q.qsize()];
      })(),
    );
    expect(got).toEqual([false, false, 1000]);
  });

  statement(
    'sync.queue.priority-lifo',
    'PriorityQueue returns the lowest item first; LifoQueue the newest',
    async ({ api, run }) => {
      const got = await run(
        (function* () {
          const p = new api.PriorityQueue<number>();
          const l = new api.LifoQueue<number>();
          for (const i of [3, 1, 2]) {
            p.putNowait(i);
            l.putNowait(i);
          }
          return [
            [p.getNowait(), p.getNowait(), p.getNowait()],
            [l.getNowait(), l.getNowait(), l.getNowait()],
          ];
        })(),
      );
      expect(got).toEqual([
        [1, 2, 3],
        [2, 1, 3],
      ]);
    },
  );

  statement(
    'sync.queue.join',
    'join() completes once taskDone() was called for every item put',
    async ({ api, run }) => {
      const got = await run(
        (function* () {
          const q = new api.Queue<number>();
          const log: string[] = [];
          for (const i of [1, 2]) q.putNowait(i);
          function* worker(): Coroutine<void> {
            while (!q.empty()) {
              const item = yield* q.get();
              yield* api.sleep(0.001);
              log.push(`done ${item}`);
              q.taskDone();
            }
          }
          const w = api.ensureFuture(worker());
          yield* q.join();
          log.push('joined');
          yield* w;
          let over = 'no error';
          try {
            q.taskDone();
          } catch (e) {
            over = errorName(e);
          }
          return [log, over];
        })(),
      );
      expect(got).toEqual([['done 1', 'done 2', 'joined'], 'ValueError']);
    },
  );
});
