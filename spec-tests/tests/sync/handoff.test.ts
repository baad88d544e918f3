// spec-tests/tests/sync/handoff.test.ts: PEP 3156 § Locks, § Queues
// > (CPython asyncio 3.11–3.13) A woken waiter takes the lock, the permit, the item or the slot
// > when its task resumes, one loop iteration after the wake-up; the primitive is free meanwhile.
// Each test counts loop iterations with a self-rescheduling callSoon callback and compares the log
// with what CPython prints for the same program (spec-tests/differential has the full traces).
import type { AbstractEventLoop, Coroutine } from 'pep3156/spec';
import { expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { errorName } from '../support/index.js';

/** Counts loop iterations: a callSoon callback that schedules itself again (50 times at most). */
function iterations(loop: AbstractEventLoop): () => number {
  let it = 0;
  const tick = (): void => {
    it += 1;
    if (it < 50) loop.callSoon(tick);
  };
  loop.callSoon(tick);
  return () => it;
}

section('sync', 'Locks', () => {
  statement(
    'sync.lock.handoff-timing',
    'release() leaves the Lock free; the woken waiter takes it one iteration later, and an acquire() made meanwhile queues behind it',
    async ({ loop, api, run }) => {
      const log = await run(
        (function* (): Coroutine<string[]> {
          const it = iterations(loop);
          const log: string[] = [];
          const lock = new api.Lock();
          yield* lock.acquire();
          const a = loop.createTask(
            (function* (): Coroutine<void> {
              yield* lock.acquire();
              log.push(`${it()} a holds`);
              yield* api.sleep(0);
              lock.release();
              log.push(`${it()} a released`);
            })(),
          );
          yield* api.sleep(0);
          lock.release();
          log.push(`${it()} main released, locked=${lock.locked()}`);
          yield* lock.acquire();
          log.push(`${it()} main holds`);
          lock.release();
          yield* a;
          return log;
        })(),
      );
      expect(
        log,
        'the woken waiter holds the lock one iteration after release(); main queued behind it',
      ).toEqual(['1 main released, locked=false', '2 a holds', '3 a released', '4 main holds']);
    },
  );

  statement(
    'sync.lock.cancelled-handoff-timing',
    'a waiter cancelled after release() woke it wakes the next waiter when it resumes; that one holds the lock an iteration later',
    async ({ loop, api, run }) => {
      const log = await run(
        (function* (): Coroutine<string[]> {
          const it = iterations(loop);
          const log: string[] = [];
          const lock = new api.Lock();
          yield* lock.acquire();
          function* waiter(name: string): Coroutine<void> {
            try {
              yield* lock.acquire();
            } catch (e) {
              log.push(`${it()} ${name} ${errorName(e)}, locked=${lock.locked()}`);
              throw e;
            }
            log.push(`${it()} ${name} holds`);
            lock.release();
          }
          const tasks = ['a', 'b', 'c'].map((n) => loop.createTask(waiter(n)));
          yield* api.sleep(0);
          lock.release();
          tasks[0].cancel();
          yield* api.gather({ returnExceptions: true }, ...tasks);
          return log;
        })(),
      );
      expect(log, 'the cancelled waiter passes the wake-up on when it resumes').toEqual([
        '2 a CancelledError, locked=false',
        '3 b holds',
        '4 c holds',
      ]);
    },
  );

  statement(
    'sync.event.wake-timing',
    'waiters woken by Event.set() resume one iteration later in the order they waited, even after clear(); wait() on a set event does not yield',
    async ({ loop, api, run }) => {
      const log = await run(
        (function* (): Coroutine<string[]> {
          const it = iterations(loop);
          const log: string[] = [];
          const ev = new api.Event();
          function* waiter(name: string): Coroutine<void> {
            yield* ev.wait();
            log.push(`${it()} ${name} woken, set=${ev.isSet()}`);
          }
          const tasks = ['a', 'b', 'c'].map((n) => loop.createTask(waiter(n)));
          yield* api.sleep(0);
          ev.set();
          ev.clear();
          yield* api.gather(...tasks);
          ev.set();
          const before = it();
          yield* ev.wait();
          log.push(`set event waited ${it() - before} iterations`);
          return log;
        })(),
      );
      expect(log, 'woken waiters resume one iteration after set(), in order').toEqual([
        '2 a woken, set=false',
        '2 b woken, set=false',
        '2 c woken, set=false',
        'set event waited 0 iterations',
      ]);
    },
  );

  statement(
    'sync.condition.notify-timing',
    'a notified waiter resumes one iteration after notify() holding the lock; if the lock is still held it queues for it',
    async ({ loop, api, run }) => {
      const log = await run(
        (function* (): Coroutine<string[]> {
          const it = iterations(loop);
          const log: string[] = [];
          const cond = new api.Condition();
          function* waiter(name: string): Coroutine<void> {
            yield* cond.acquire();
            try {
              yield* cond.wait();
              log.push(`${it()} ${name} woken, locked=${cond.locked()}`);
              yield* api.sleep(0);
            } finally {
              cond.release();
            }
          }
          const a = loop.createTask(waiter('a'));
          yield* api.sleep(0);
          yield* cond.acquire();
          cond.notify();
          cond.release();
          log.push(`${it()} notified a`);
          yield* a;
          const tasks = ['b', 'c'].map((n) => loop.createTask(waiter(n)));
          yield* api.sleep(0);
          yield* cond.acquire();
          cond.notifyAll();
          log.push(`${it()} notified all, holding the lock`);
          yield* api.sleep(0);
          cond.release();
          log.push(`${it()} released`);
          yield* api.gather(...tasks);
          return log;
        })(),
      );
      expect(log, 'notified waiters resume one iteration later, or once the lock is free').toEqual([
        '1 notified a',
        '2 a woken, locked=true',
        '5 notified all, holding the lock',
        '6 released',
        '7 b woken, locked=true',
        '9 c woken, locked=true',
      ]);
    },
  );

  statement(
    'sync.semaphore.handoff-timing',
    'a woken Semaphore waiter resumes one iteration later; an acquire() made meanwhile queues and is woken by it if a permit is left',
    async ({ loop, api, run }) => {
      const log = await run(
        (function* (): Coroutine<string[]> {
          const it = iterations(loop);
          const log: string[] = [];
          const sem = new api.Semaphore(0);
          const a = loop.createTask(
            (function* (): Coroutine<void> {
              yield* sem.acquire();
              log.push(`${it()} a acquired, locked=${sem.locked()}`);
            })(),
          );
          yield* api.sleep(0);
          sem.release();
          sem.release();
          log.push(`${it()} released twice, locked=${sem.locked()}`);
          yield* sem.acquire();
          log.push(`${it()} main acquired, locked=${sem.locked()}`);
          yield* a;
          return log;
        })(),
      );
      expect(log, 'the woken waiter wakes the queued acquire() when it resumes').toEqual([
        '1 released twice, locked=true',
        '2 a acquired, locked=true',
        '3 main acquired, locked=true',
      ]);
    },
  );

  statement(
    'sync.barrier.draining',
    'the last party passes at once, the others one iteration later; a wait() made before they resumed waits for the next round',
    async ({ loop, api, run }) => {
      const log = await run(
        (function* (): Coroutine<string[]> {
          const it = iterations(loop);
          const log: string[] = [];
          const barrier = new api.Barrier(2);
          function* party(name: string): Coroutine<void> {
            const i = yield* barrier.wait();
            log.push(`${it()} ${name} passes with index ${i}, nWaiting=${barrier.nWaiting}`);
          }
          const tasks = ['a', 'b', 'c', 'd'].map((n) => loop.createTask(party(n)));
          yield* api.gather(...tasks);
          return log;
        })(),
      );
      expect(log, 'released parties resume one iteration later; c and d wait for the next round').toEqual([
        '1 b passes with index 1, nWaiting=0',
        '2 a passes with index 0, nWaiting=0',
        '3 d passes with index 1, nWaiting=0',
        '4 c passes with index 0, nWaiting=0',
      ]);
    },
  );

  statement(
    'sync.barrier.reset-draining',
    'reset() fails with BrokenBarrierError the parties that have not resumed from wait(), even released ones; a later wait() waits until they left',
    async ({ loop, api, run }) => {
      const log = await run(
        (function* (): Coroutine<string[]> {
          const it = iterations(loop);
          const log: string[] = [];
          const barrier = new api.Barrier(2);
          function* party(name: string): Coroutine<void> {
            try {
              const i = yield* barrier.wait();
              log.push(`${it()} ${name} passes with index ${i}`);
            } catch (e) {
              log.push(`${it()} ${name} ${errorName(e)}`);
            }
          }
          const a = loop.createTask(party('a'));
          yield* api.sleep(0);
          const b = loop.createTask(party('b'));
          yield* api.sleep(0);
          barrier.reset();
          const c = loop.createTask(party('c'));
          yield* api.gather(a, b);
          yield* api.sleep(0);
          log.push(`${it()} nWaiting=${barrier.nWaiting}, broken=${barrier.broken}`);
          barrier.reset();
          yield* c;
          return log;
        })(),
      );
      expect(log, 'reset() breaks a released party that had not resumed').toEqual([
        '2 b passes with index 1',
        '3 a BrokenBarrierError',
        '6 nWaiting=1, broken=false',
        '7 c BrokenBarrierError',
      ]);
    },
  );
});

section('sync', 'Queues', () => {
  statement(
    'sync.queue.handoff-timing',
    'a woken getter takes its item one iteration after the put (qsize() counts it meanwhile); a woken putter puts one iteration after the get',
    async ({ loop, api, run }) => {
      const log = await run(
        (function* (): Coroutine<string[]> {
          const it = iterations(loop);
          const log: string[] = [];
          const q = new api.Queue<number>(1);
          const getter = loop.createTask(
            (function* (): Coroutine<void> {
              const item = yield* q.get();
              log.push(`${it()} got ${item}, qsize=${q.qsize()}`);
            })(),
          );
          yield* api.sleep(0);
          q.putNowait(1);
          log.push(`${it()} put 1, qsize=${q.qsize()}`);
          yield* getter;
          q.putNowait(2);
          const putter = loop.createTask(
            (function* (): Coroutine<void> {
              yield* q.put(3);
              log.push(`${it()} put 3, qsize=${q.qsize()}`);
            })(),
          );
          yield* api.sleep(0);
          log.push(`${it()} got ${q.getNowait()}, qsize=${q.qsize()}`);
          yield* putter;
          return log;
        })(),
      );
      expect(log, 'the woken getter or putter takes its item or slot when it resumes').toEqual([
        '1 put 1, qsize=1',
        '2 got 1, qsize=0',
        '4 got 2, qsize=0',
        '5 put 3, qsize=1',
      ]);
    },
  );

  statement(
    'sync.queue.cancelled-putter',
    'a putter cancelled after a get woke it puts nothing and wakes the next putter, which puts one iteration later',
    async ({ loop, api, run }) => {
      const log = await run(
        (function* (): Coroutine<string[]> {
          const it = iterations(loop);
          const log: string[] = [];
          const q = new api.Queue<string>(1);
          q.putNowait('first');
          function* putter(item: string): Coroutine<void> {
            try {
              yield* q.put(item);
            } catch (e) {
              log.push(`${it()} ${item} ${errorName(e)}, qsize=${q.qsize()}`);
              throw e;
            }
            log.push(`${it()} ${item} put`);
          }
          const a = loop.createTask(putter('a'));
          const b = loop.createTask(putter('b'));
          yield* api.sleep(0);
          q.getNowait();
          a.cancel();
          yield* api.gather({ returnExceptions: true }, a, b);
          log.push(`items: ${q.getNowait()}, left ${q.qsize()}`);
          return log;
        })(),
      );
      expect(log, 'the cancelled putter passes the slot on when it resumes').toEqual([
        '2 a CancelledError, qsize=0',
        '3 b put',
        'items: b, left 0',
      ]);
    },
  );

  statement(
    'sync.queue.join-timing',
    'a task waiting in join() resumes one iteration after the last taskDone(); join() with nothing unfinished does not yield',
    async ({ loop, api, run }) => {
      const log = await run(
        (function* (): Coroutine<string[]> {
          const it = iterations(loop);
          const log: string[] = [];
          const q = new api.Queue<number>();
          q.putNowait(1);
          q.putNowait(2);
          const joiner = loop.createTask(
            (function* (): Coroutine<void> {
              yield* q.join();
              log.push(`${it()} joined`);
            })(),
          );
          yield* api.sleep(0);
          q.getNowait();
          q.taskDone();
          yield* api.sleep(0);
          q.getNowait();
          q.taskDone();
          log.push(`${it()} all done`);
          yield* joiner;
          const before = it();
          yield* q.join();
          log.push(`join with nothing unfinished waited ${it() - before} iterations`);
          return log;
        })(),
      );
      expect(log, 'the joiner resumes one iteration after the last taskDone()').toEqual([
        '2 all done',
        '3 joined',
        'join with nothing unfinished waited 0 iterations',
      ]);
    },
  );
});
