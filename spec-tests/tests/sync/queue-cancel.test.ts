// spec-tests/tests/sync/queue-cancel.test.ts: PEP 3156 § Queues
// > get() ... Remove and return an item from the queue. If the queue is empty, wait until an item
// > is available.
// CPython: a getter cancelled just as it was woken does not consume the item; the next getter gets it.
import type { Coroutine } from 'pep3156/spec';
import { expect } from 'vitest';
import { section, statement } from '../../src/harness.js';

section('sync', 'Queues', () => {
  for (const delay of [0, 1, 2]) {
    statement(
      'sync.queue.cancelled-getter',
      `an item is never lost when a waiting getter is cancelled ${delay} iteration(s) after the put (generator coroutines)`,
      async ({ loop, api, run }) => {
        const got = await run(
          (function* (): Coroutine<unknown[]> {
            const q = new api.Queue<string>();
            const received: string[] = [];
            function* getter(name: string): Coroutine<void> {
              const item = yield* q.get();
              received.push(`${name}:${item}`);
            }
            const a = loop.createTask(getter('a'));
            const b = loop.createTask(getter('b'));
            yield* api.sleep(0);
            q.putNowait('x');
            let cancelAt = delay;
            const cancelLater = () => {
              if (cancelAt-- > 0) loop.callSoon(cancelLater);
              else a.cancel();
            };
            cancelLater();
            yield* api.sleep(0.001);
            const puts = b.done() ? 1 : 2;
            if (puts === 2) q.putNowait('y');
            yield* api.waitFor(api.gather({ returnExceptions: true }, a, b), 1);
            return [received, a.cancelled(), q.qsize(), puts];
          })(),
        );
        const [received, aCancelled, left, puts] = got as [string[], boolean, number, number];
        // Exactly one getter holds 'x'; a cancelled `a` never does.
        expect(
          received.filter((r) => r.endsWith(':x')),
          'x delivered once',
        ).toHaveLength(1);
        if (aCancelled) expect(received, 'a was cancelled, so b got x').toEqual(['b:x']);
        expect(received.length + left, 'no item vanished').toBe(puts);
      },
    );
  }

  statement(
    'sync.queue.cancelled-getter',
    'an item is never lost when a waiting getter is cancelled as it is woken (async functions)',
    async ({ loop, api, run }) => {
      const got = await run(async () => {
        const q = new api.Queue<string>();
        const received: string[] = [];
        const getter = async (name: string) => {
          const item = await q.get();
          received.push(`${name}:${item}`);
        };
        const a = loop.createTask(() => getter('a'));
        const b = loop.createTask(() => getter('b'));
        await api.sleep(0);
        q.putNowait('x');
        a.cancel();
        await api.sleep(0.001);
        const puts = b.done() ? 1 : 2;
        if (puts === 2) q.putNowait('y');
        await api.waitFor(api.gather({ returnExceptions: true }, a, b), 1);
        return [received.sort(), q.qsize(), puts];
      });
      const [received, left, puts] = got as [string[], number, number];
      expect(
        received.filter((r) => r.endsWith(':x')),
        'x delivered once',
      ).toHaveLength(1);
      expect(received.length + left, 'no item vanished').toBe(puts);
    },
    { features: ['async-functions'] },
  );
});
