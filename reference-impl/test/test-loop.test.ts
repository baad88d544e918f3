// TestLoop's own promises: virtual time, instant long sleeps, deterministic timeouts.
import { type Coroutine, gather, sleep, TimeoutError, waitFor } from 'pep3156';
import { TestLoop } from 'pep3156/testing';
import { describe, expect, it } from 'vitest';

describe('TestLoop', () => {
  it('runs an hour of sleeping instantly, with the clock at exactly one hour', async () => {
    const loop = new TestLoop();
    const started = Date.now();
    function* slow(): Coroutine<string> {
      yield* sleep(3600);
      return 'done';
    }
    expect(await loop.runUntilComplete(slow())).toBe('done');
    expect(loop.time()).toBe(3600);
    expect(Date.now() - started).toBeLessThan(1000);
    loop.close();
  });

  it('moves time only when told: advance() runs exactly the callbacks that fall due', () => {
    const loop = new TestLoop();
    const ran: number[] = [];
    for (const t of [1, 2, 3]) loop.callLater(t, () => ran.push(t));
    loop.advance(1.5);
    expect(ran).toEqual([1]);
    expect(loop.time()).toBe(1.5);
    expect(loop.pendingTimers()).toEqual([2, 3]);
    expect(loop.nextDeadline()).toBe(2);
    loop.advanceTo(3);
    expect(ran).toEqual([1, 2, 3]);
    loop.close();
  });

  it('makes timeouts deterministic: waitFor fails at exactly its deadline', async () => {
    const loop = new TestLoop();
    function* main(): Coroutine<[string, number]> {
      try {
        yield* waitFor(sleep(10), 2.5);
        return ['no timeout', loop.time()];
      } catch (e) {
        return [e instanceof TimeoutError ? 'timeout' : 'other', loop.time()];
      }
    }
    expect(await loop.runUntilComplete(main())).toEqual(['timeout', 2.5]);
    loop.close();
  });

  it('runs the reference scheduler on a loop that is not the reference loop (PEP § The Scheduler)', async () => {
    const loop = new TestLoop();
    function* worker(n: number): Coroutine<number> {
      yield* sleep(n);
      return n * 2;
    }
    const results = await loop.runUntilComplete(
      (function* () {
        return yield* gather(worker(3), worker(1), worker(2));
      })(),
    );
    expect(results).toEqual([6, 2, 4]);
    expect(loop.time()).toBe(3);
    loop.close();
  });

  it('works with async-function tasks too', async () => {
    const loop = new TestLoop();
    const got = await loop.runUntilComplete(async () => {
      await sleep(100);
      return loop.time();
    });
    expect(got).toBe(100);
    loop.close();
  });

  it('has no I/O: network methods throw NotImplementedError', () => {
    const loop = new TestLoop();
    expect(() => loop.createConnection()).toThrow(expect.objectContaining({ name: 'NotImplementedError' }));
    loop.close();
  });
});
