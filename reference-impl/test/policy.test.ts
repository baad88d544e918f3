// The event loop policy and the module-level entry points (PEP 3156 § Event Loop Policy).
import {
  type AbstractEventLoop,
  allTasks,
  type Coroutine,
  DefaultEventLoopPolicy,
  getEventLoop,
  getEventLoopPolicy,
  getRunningLoop,
  newEventLoop,
  run,
  setEventLoop,
  setEventLoopPolicy,
  sleep,
} from 'pep3156';
import { afterEach, describe, expect, it } from 'vitest';

afterEach(() => {
  setEventLoopPolicy(null);
});

describe('policy', () => {
  it('[policy.get-event-loop.lazy] creates the current loop lazily and returns the running loop inside it', async () => {
    setEventLoopPolicy(new DefaultEventLoopPolicy());
    const first = getEventLoop();
    expect(first).toBe(getEventLoop());
    let inside: AbstractEventLoop | null = null;
    const other = newEventLoop();
    other.callSoon(() => {
      inside = getEventLoop();
      other.stop();
    });
    await other.runForever();
    expect(inside).toBe(other);
    other.close();
    first.close();
  });

  it('[policy.set-event-loop.null] makes getEventLoop throw after setEventLoop(null)', () => {
    setEventLoopPolicy(new DefaultEventLoopPolicy());
    setEventLoop(null);
    expect(() => getEventLoop()).toThrow(expect.objectContaining({ name: 'RuntimeError' }));
    const loop = newEventLoop();
    setEventLoop(loop);
    expect(getEventLoop()).toBe(loop);
    loop.close();
  });

  it('[policy.new-event-loop.not-current] creates loops without making them current; null restores the default policy', () => {
    const custom = new DefaultEventLoopPolicy();
    setEventLoopPolicy(custom);
    expect(getEventLoopPolicy()).toBe(custom);
    const current = getEventLoop();
    const fresh = newEventLoop();
    expect(fresh).not.toBe(current);
    expect(getEventLoop()).toBe(current);
    setEventLoopPolicy(null);
    expect(getEventLoopPolicy()).not.toBe(custom);
    expect(getEventLoopPolicy()).toBeInstanceOf(DefaultEventLoopPolicy);
    fresh.close();
    current.close();
    expect(() => setEventLoopPolicy({} as never)).toThrow(TypeError);
  });

  it('[policy.running-loop.get] knows the running loop in callbacks, generator tasks and async-function tasks', async () => {
    expect(() => getRunningLoop()).toThrow(expect.objectContaining({ name: 'RuntimeError' }));
    const loop = newEventLoop();
    const seen: AbstractEventLoop[] = [];
    function* gen(): Coroutine<void> {
      seen.push(getRunningLoop());
      yield* sleep(0.001);
      seen.push(getRunningLoop());
    }
    await loop.runUntilComplete(gen());
    await loop.runUntilComplete(async () => {
      seen.push(getRunningLoop());
      await sleep(0.001);
      seen.push(getRunningLoop());
    });
    expect(seen).toEqual([loop, loop, loop, loop]);
    loop.close();
  });

  it('[policy.run.lifecycle] runs main, cancels leftovers and closes the loop', async () => {
    let loop: AbstractEventLoop | null = null;
    let leftover: { cancelled(): boolean } | null = null;
    const result = await run(
      (function* () {
        loop = getRunningLoop();
        leftover = loop.createTask(
          (function* () {
            yield* sleep(60);
          })(),
        );
        yield* sleep(0);
        return 'main done';
      })(),
    );
    expect(result).toBe('main done');
    expect((loop as unknown as AbstractEventLoop).isClosed()).toBe(true);
    expect((leftover as unknown as { cancelled(): boolean }).cancelled()).toBe(true);
    const nested = await (async () => {
      const l = newEventLoop();
      try {
        return await l.runUntilComplete(async () => {
          try {
            await run(
              (function* () {
                return 1;
              })(),
            );
            return 'no error';
          } catch (e) {
            return (e as Error).name;
          }
        });
      } finally {
        l.close();
      }
    })();
    expect(nested).toBe('RuntimeError');
    void allTasks;
  });
});
