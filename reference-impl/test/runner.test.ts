// Runner (asyncio 3.11) and the module-level createTask (asyncio 3.7): entry points beyond the PEP
// that today's asyncio users expect.
import {
  type AbstractEventLoop,
  type Coroutine,
  createTask,
  getEventLoop,
  newEventLoop,
  Runner,
  RuntimeError,
  setEventLoopPolicy,
  sleep,
} from 'pep3156';
import { afterEach, describe, expect, it } from 'vitest';

afterEach(() => {
  setEventLoopPolicy(null);
});

describe('Runner', () => {
  it('[policy.runner.lifecycle] runs several coroutines on one loop, current while open, then closes it', async () => {
    const runner = new Runner();
    const loop = runner.getLoop();
    expect(getEventLoop(), 'the runner’s loop is current').toBe(loop);
    let leftover: { cancelled(): boolean } | null = null;
    const first = await runner.run(
      (function* (): Coroutine<string> {
        leftover = loop.createTask(
          (function* (): Coroutine<void> {
            yield* sleep(60);
          })(),
        );
        yield* sleep(0);
        return 'first';
      })(),
    );
    const second = await runner.run(sleep(0.001, 'second', { loop }));
    expect([first, second]).toEqual(['first', 'second']);
    expect(runner.getLoop(), 'the same loop for every run').toBe(loop);
    expect(loop.isClosed()).toBe(false);
    await runner.close();
    expect(loop.isClosed()).toBe(true);
    expect(
      (leftover as unknown as { cancelled(): boolean }).cancelled(),
      'leftover tasks are cancelled',
    ).toBe(true);
    expect(() => getEventLoop(), 'the loop is no longer current').toThrow(RuntimeError);
    await runner.close(); // idempotent
  });

  it('[policy.runner.lifecycle] refuses to run once closed, and from inside a running loop', async () => {
    const runner = new Runner();
    await runner.close();
    await expect(runner.run(() => sleep(0, 1))).rejects.toThrow(RuntimeError);
    expect(() => runner.getLoop()).toThrow(RuntimeError);

    const outer = newEventLoop();
    const inner = new Runner();
    const seen = await outer.runUntilComplete(async () => {
      try {
        await inner.run(() => sleep(0, 'never'));
        return 'no error';
      } catch (e) {
        return (e as Error).name;
      }
    });
    expect(seen).toBe('RuntimeError');
    await inner.close();
    outer.close();
  });

  it('[policy.runner.lifecycle] takes a loop factory (its loop is not made current) and a debug flag', async () => {
    let made: AbstractEventLoop | null = null;
    let calls = 0;
    const factory = (): AbstractEventLoop => {
      calls += 1;
      made = newEventLoop();
      return made;
    };
    const unused = new Runner({ loopFactory: factory });
    await unused.close();
    expect(calls, 'a runner never used makes no loop').toBe(0);

    const runner = new Runner({ loopFactory: factory, debug: true });
    expect(await runner.run(() => sleep(0, 'ok'))).toBe('ok');
    expect(runner.getLoop()).toBe(made);
    expect(runner.getLoop().getDebug()).toBe(true);
    expect(getEventLoop()).not.toBe(made);
    await runner.close();
    expect((made as unknown as AbstractEventLoop).isClosed()).toBe(true);
    expect(() => new Runner({ loopFactory: 42 as unknown as () => AbstractEventLoop })).toThrow(TypeError);
  });

  it('[policy.runner.lifecycle] closes at the end of an `await using` block', async () => {
    let loop: AbstractEventLoop | null = null;
    {
      await using runner = new Runner();
      loop = runner.getLoop();
      expect(await runner.run(() => sleep(0, 3))).toBe(3);
    }
    expect((loop as unknown as AbstractEventLoop).isClosed()).toBe(true);
  });
});

describe('createTask', () => {
  it('[task.create-task.running-loop] makes a named task on the running loop', async () => {
    const loop = newEventLoop();
    const result = await loop.runUntilComplete(
      (function* (): Coroutine<[string, string, boolean]> {
        const task = createTask(
          (function* (): Coroutine<string> {
            yield* sleep(0);
            return 'child';
          })(),
          { name: 'the-child' },
        );
        const value = yield* task;
        return [value, task.getName(), task.getLoop() === loop];
      })(),
    );
    expect(result).toEqual(['child', 'the-child', true]);
    loop.close();
  });

  it('[task.create-task.running-loop] throws RuntimeError when no loop is running', () => {
    const coro = (function* (): Coroutine<void> {})();
    expect(() => createTask(coro)).toThrow(RuntimeError);
  });
});
