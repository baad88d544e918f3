// The synchronization primitives beyond the suite: reference-level statements (asyncio 3.13
// behaviour, TypeScript-only argument checks) and the Operation future driven without `yield*`.
import {
  Barrier,
  BoundedSemaphore,
  CancelledError,
  Condition,
  type Coroutine,
  gather,
  getRunningLoop,
  Lock,
  newEventLoop,
  Queue,
  run,
  Semaphore,
  sleep,
  waitFor,
} from 'pep3156';
import { describe, expect, it } from 'vitest';

describe('Condition', () => {
  it('[sync.condition.cancelled-notified-passes-on] a notification given to a waiter cancelled at the same time goes to the next waiter', async () => {
    const got = await run(
      (function* (): Coroutine<unknown[]> {
        const loop = getRunningLoop();
        const cond = new Condition();
        const woken: string[] = [];
        function* waiter(name: string): Coroutine<void> {
          yield* cond.with(function* (): Coroutine<void> {
            yield* cond.wait();
            woken.push(name);
          });
        }
        const a = loop.createTask(waiter('a'));
        const b = loop.createTask(waiter('b'));
        yield* sleep(0);
        yield* cond.with(function* (): Coroutine<void> {
          cond.notify(1);
          a.cancel();
        });
        yield* waitFor(b, 1);
        yield* gather({ returnExceptions: true }, a);
        return [woken, a.cancelled(), cond.locked()];
      })(),
    );
    expect(got).toEqual([['b'], true, false]);
  });

  it('[sync.condition.cancelled-notified-passes-on] a waiter cancelled while waiting (not notified) wakes another one spuriously', async () => {
    const got = await run(
      (function* (): Coroutine<unknown[]> {
        const loop = getRunningLoop();
        const cond = new Condition();
        const woken: string[] = [];
        const a = loop.createTask(
          cond.with(function* (): Coroutine<void> {
            yield* cond.wait();
          }),
        );
        const b = loop.createTask(
          cond.with(function* (): Coroutine<void> {
            yield* cond.wait();
            woken.push('b');
          }),
        );
        yield* sleep(0);
        a.cancel();
        yield* waitFor(b, 1);
        yield* gather({ returnExceptions: true }, a);
        return [woken, a.cancelled()];
      })(),
    );
    expect(got).toEqual([['b'], true]);
  });

  it('[sync.condition.not-a-lock] new Condition(lock) throws TypeError unless lock is a Lock', () => {
    expect(() => new Condition({} as never)).toThrow(TypeError);
    expect(() => new Condition(new Semaphore() as never)).toThrow(TypeError);
    expect(new Condition(new Lock()).locked()).toBe(false);
  });
});

describe('argument checks beyond asyncio', () => {
  it('Semaphore, BoundedSemaphore and Barrier refuse a number that is not an integer (asyncio accepts 1.5)', () => {
    expect(() => new Semaphore(1.5)).toThrow(TypeError);
    expect(() => new BoundedSemaphore(1.5)).toThrow(TypeError);
    expect(() => new Barrier(1.5)).toThrow(TypeError);
  });
});

describe('Operation driven without yield* (await, gather, waitFor)', () => {
  it('await lock.acquire() in an async function: the lock is taken in the next iteration, as a woken task would', async () => {
    const log = await run(async () => {
      const loop = getRunningLoop();
      const lock = new Lock();
      await lock.acquire();
      const log: string[] = [];
      const waiter = lock.acquire();
      lock.release();
      log.push(`released: locked=${lock.locked()}`);
      loop.callSoon(() => log.push(`next iteration: locked=${lock.locked()}, done=${waiter.done()}`));
      await waiter;
      lock.release();
      return log;
    });
    expect(log).toEqual(['released: locked=false', 'next iteration: locked=true, done=true']);
  });

  it('cancel() of a waiting acquire() future takes it out of the queue and leaves the lock to the next', async () => {
    const got = await run(
      (function* (): Coroutine<unknown[]> {
        const lock = new Lock();
        yield* lock.acquire();
        const first = lock.acquire();
        const second = lock.acquire();
        const cancelled = first.cancel();
        lock.release();
        yield* waitFor(second, 1);
        return [cancelled, first.cancelled(), second.done(), lock.locked()];
      })(),
    );
    expect(got).toEqual([true, true, true, true]);
  });

  it('cancel() of an acquire() future already woken gives the wake-up to the next waiter', async () => {
    const got = await run(
      (function* (): Coroutine<unknown[]> {
        const sem = new Semaphore(0);
        const first = sem.acquire();
        const second = sem.acquire();
        sem.release();
        const cancelled = first.cancel();
        yield* waitFor(second, 1);
        return [cancelled, first.cancelled(), sem.locked()];
      })(),
    );
    expect(got).toEqual([true, true, true]);
  });

  it('cancel() of a Condition.wait() future completes only once the lock is held again', async () => {
    const got = await run(
      (function* (): Coroutine<unknown[]> {
        const cond = new Condition();
        yield* cond.acquire();
        const waiting = cond.wait();
        yield* cond.acquire();
        const accepted = waiting.cancel();
        yield* sleep(0);
        yield* sleep(0);
        const doneWhileHeld = waiting.done();
        cond.release();
        const [outcome] = yield* gather({ returnExceptions: true }, waiting);
        return [accepted, doneWhileHeld, outcome instanceof CancelledError, cond.locked()];
      })(),
    );
    expect(got).toEqual([true, false, true, true]);
  });

  it('gather(queue.get()) completes with the item; a second yield* of the same future gives it again', async () => {
    const got = await run(
      (function* (): Coroutine<unknown[]> {
        const q = new Queue<number>();
        const getting = q.get();
        q.putNowait(7);
        const [item] = yield* gather(getting);
        const again = yield* getting;
        return [item, again, q.qsize()];
      })(),
    );
    expect(got).toEqual([7, 7, 0]);
  });

  it('a primitive bound to a loop given in the options works outside a running loop', async () => {
    const loop = newEventLoop();
    const lock = new Lock({ loop });
    const acquired = lock.acquire();
    expect(acquired.done()).toBe(true);
    expect(lock.locked()).toBe(true);
    const waiting = lock.acquire();
    lock.release();
    await loop.runUntilComplete(waiting);
    expect(lock.locked()).toBe(true);
    loop.close();
  });
});

describe('Operation closed with its caller', () => {
  it('a generator closed with return() while it waits in acquire() leaves the waiter queue', async () => {
    const got = await run(
      (function* (): Coroutine<unknown[]> {
        const lock = new Lock();
        yield* lock.acquire();
        const acquiring = lock.acquire();
        const caller = (function* (): Coroutine<void> {
          yield* acquiring;
        })();
        caller.next(); // suspended inside the acquire body
        caller.return(undefined);
        lock.release();
        const next = lock.acquire();
        return [acquiring.cancelled(), next.done(), lock.locked()];
      })(),
    );
    expect(got).toEqual([true, true, true]);
  });

  it('put() on a shut-down queue returns a failed future instead of throwing', async () => {
    const q = new Queue<number>();
    const loop = newEventLoop();
    const got = await loop.runUntilComplete(
      loop.createTask(
        (function* (): Coroutine<string> {
          q.shutdown();
          const f = q.put(1);
          try {
            yield* f;
            return 'put';
          } catch (e) {
            return (e as Error).name;
          }
        })(),
      ),
    );
    loop.close();
    expect(got).toBe('QueueShutDown');
  });
});
