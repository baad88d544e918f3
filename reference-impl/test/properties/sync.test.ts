// Properties of the synchronization primitives, over random sets of workers that take a Lock and a
// BoundedSemaphore, put into and get from a bounded Queue, pause between steps, and are cancelled at
// random moments. Whatever they do: the Lock never has two holders and the semaphore never more
// than its value; a cancelled waiter never keeps the lock or a permit; every item put comes out once,
// in the order it went in (none lost to a cancelled get or put); the program always settles.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import {
  BoundedSemaphore,
  type Coroutine,
  gather,
  Lock,
  newEventLoop,
  Queue,
  QueueEmpty,
  sleep,
  wait,
} from '../../src/index.js';
import { escapes, params } from './settings.js';

type Op = 'lock' | 'sem' | 'put' | 'get';
/**
 * A worker's cancellation: never, after some loop iterations, after some milliseconds, or right
 * after the n-th release of the lock or the semaphore by anyone (where a woken waiter has not
 * resumed yet: the moment a cancellation is most likely to lose a wake-up).
 */
type Cancel = { ticks: number } | { ms: number } | { release: number } | null;
type Worker = { ops: Op[]; pause: 0 | 1 | 2; cancel: Cancel };

// Weighted towards the primitives and towards cancelling on a release: a get with no put only
// waits for the end, and the interesting cancellations are the ones that race a wake-up.
const op = fc.oneof(
  { arbitrary: fc.constant<Op>('lock'), weight: 3 },
  { arbitrary: fc.constant<Op>('sem'), weight: 3 },
  { arbitrary: fc.constant<Op>('put'), weight: 2 },
  { arbitrary: fc.constant<Op>('get'), weight: 1 },
);
const worker: fc.Arbitrary<Worker> = fc.record({
  ops: fc.array(op, { maxLength: 5 }),
  pause: fc.constantFrom(0 as const, 1 as const, 2 as const),
  cancel: fc.oneof(
    { arbitrary: fc.constant(null), weight: 2 },
    { arbitrary: fc.record({ ticks: fc.integer({ min: 0, max: 12 }) }), weight: 1 },
    { arbitrary: fc.record({ ms: fc.integer({ min: 0, max: 5 }) }), weight: 1 },
    { arbitrary: fc.record({ release: fc.integer({ min: 1, max: 4 }) }), weight: 3 },
  ),
});

const PERMITS = 2;

it('workers on a Lock, a BoundedSemaphore and a Queue: exclusion, no lost permits, no lost items', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(worker, { minLength: 2, maxLength: 6 }),
      fc.integer({ min: 0, max: 3 }),
      async (workers, maxsize) => {
        const loop = newEventLoop();
        const escaped = await escapes(async () => {
          const lock = new Lock();
          const sem = new BoundedSemaphore(PERMITS);
          const queue = new Queue<number>(maxsize);
          let lockHolders = 0;
          let semHolders = 0;
          let most = { lock: 0, sem: 0 };
          const put: number[] = [];
          const got: number[] = [];
          let next = 0;
          const pause = function* (w: Worker): Coroutine<void> {
            if (w.pause === 1) yield* sleep(0);
            if (w.pause === 2) yield* sleep(0.001);
          };
          // Waiters and acquisitions per primitive, and a watch over every loop iteration. While the
          // primitive is handed from waiter to waiter it can be free at the start of several
          // iterations in a row, but someone takes it in each (or, when the woken waiter was
          // cancelled, passes the wake-up on): free with waiters and taken by nobody for more
          // iterations than there are workers is a lost wake-up.
          const waiters = { lock: 0, sem: 0 };
          const taken = { lock: 0, sem: 0 };
          const seen = { lock: -1, sem: -1 };
          const idle = { lock: 0, sem: 0 };
          const lost: string[] = [];
          function* waiting(what: 'lock' | 'sem', acquired: Iterable<unknown> & object): Coroutine<void> {
            waiters[what] += 1;
            try {
              yield* acquired as Coroutine<unknown>;
            } finally {
              waiters[what] -= 1;
            }
            taken[what] += 1;
          }
          let watching = true;
          const watch = (): void => {
            for (const [what, free] of [
              ['lock', !lock.locked()],
              ['sem', !sem.locked()],
            ] as const) {
              const stuck = free && waiters[what] > 0 && taken[what] === seen[what];
              idle[what] = stuck ? idle[what] + 1 : 0;
              seen[what] = taken[what];
              if (idle[what] === workers.length + 2) lost.push(`${what}: free with ${waiters[what]} waiting`);
            }
            if (watching) loop.callSoon(watch);
          };
          loop.callSoon(watch);
          const onRelease = new Map<number, (() => void)[]>();
          let releases = 0;
          const released = (): void => {
            releases += 1;
            for (const cancel of onRelease.get(releases) ?? []) cancel();
          };
          function* run(w: Worker): Coroutine<void> {
            for (const op of w.ops) {
              if (op === 'lock') {
                yield* waiting('lock', lock.acquire());
                lockHolders += 1;
                most = { ...most, lock: Math.max(most.lock, lockHolders) };
                try {
                  yield* pause(w);
                } finally {
                  lockHolders -= 1;
                  lock.release();
                  released();
                }
              } else if (op === 'sem') {
                yield* waiting('sem', sem.acquire());
                semHolders += 1;
                most = { ...most, sem: Math.max(most.sem, semHolders) };
                try {
                  yield* pause(w);
                } finally {
                  semHolders -= 1;
                  sem.release();
                  released();
                }
              } else if (op === 'put') {
                const item = next++;
                yield* queue.put(item);
                put.push(item);
              } else got.push(yield* queue.get());
              yield* pause(w);
            }
          }
          function* main(): Coroutine<void> {
            const tasks = workers.map((w) => loop.createTask(run(w)));
            const later = (n: number, fn: () => void): void => {
              if (n === 0) fn();
              else loop.callSoon(later, n - 1, fn);
            };
            workers.forEach(({ cancel }, i) => {
              if (cancel === null) return;
              if ('ticks' in cancel) later(cancel.ticks, () => tasks[i].cancel());
              else if ('ms' in cancel) loop.callLater(cancel.ms / 1000, () => tasks[i].cancel());
              else
                onRelease.set(cancel.release, [
                  ...(onRelease.get(cancel.release) ?? []),
                  () => tasks[i].cancel(),
                ]);
            });
            // Workers may wait forever by design (a get with no put): cancel what is left, as run() does.
            yield* wait(tasks, { timeout: 0.01 });
            for (const t of tasks) t.cancel();
            yield* gather({ returnExceptions: true }, ...tasks);
            watching = false;
          }
          await loop.runUntilComplete(loop.createTask(main()));
          expect(lost, 'no lost wake-up').toEqual([]);
          expect(most.lock, 'one Lock holder at a time').toBeLessThanOrEqual(1);
          expect(most.sem, 'semaphore holders within its value').toBeLessThanOrEqual(PERMITS);
          expect(lock.locked(), 'the lock is free at the end').toBe(false);
          // Every permit came back: PERMITS acquisitions succeed at once, and one more release is refused.
          expect(sem.locked(), 'a permit is free at the end').toBe(false);
          expect(() => sem.release(), 'no permit was released twice').toThrow(/ValueError|released too many/);
          const rest: number[] = [];
          for (;;) {
            try {
              rest.push(queue.getNowait());
            } catch (e) {
              if (!(e instanceof QueueEmpty)) throw e;
              break;
            }
          }
          // A put that had to wait can be overtaken by a later one that did not (as in asyncio), so
          // the order is that in which the puts completed.
          expect([...got, ...rest], 'every item put comes out once, in the order it went in').toEqual(put);
          loop.close();
        });
        expect(escaped, 'nothing reaches Node').toEqual([]);
      },
    ),
    params(200),
  );
}, 60_000); // a bound against a hang, not a timing claim
