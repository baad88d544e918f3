// The reference Task's own promises beyond the conformance suite: on the reference loop a task's
// steps go into the ready queue without a Handle (tasks.ts, #scheduleStep); on any other loop they
// go through the public callSoon. Both must give the same order.
import { type AbstractEventLoop, type Coroutine, newEventLoop } from 'pep3156';
import { TestLoop } from 'pep3156/testing';
import { describe, expect, it } from 'vitest';

/** callSoon callbacks and a task's steps, interleaved over three iterations. */
async function interleaving(loop: AbstractEventLoop): Promise<string[]> {
  const order: string[] = [];
  loop.callSoon(() => order.push('a'));
  const task = loop.createTask(
    (function* (): Coroutine<void> {
      order.push('t1');
      yield;
      order.push('t2');
      yield;
      order.push('t3');
    })(),
  );
  loop.callSoon(() => {
    order.push('b');
    loop.callSoon(() => order.push('c'));
  });
  await loop.runUntilComplete(task);
  return order;
}

describe('Task steps on the reference loop', () => {
  it('[task.ref.step-order] take their place in the ready queue exactly as callSoon callbacks do', async () => {
    const reference = newEventLoop();
    const other = new TestLoop();
    const expected = ['a', 't1', 'b', 't2', 'c', 't3'];
    expect(await interleaving(reference)).toEqual(expected);
    expect(await interleaving(other), 'the public callSoon path gives the same order').toEqual(expected);
    reference.close();
    other.close();
  });

  it('[task.ref.step-order] are refused, like callSoon, once the loop is closed', () => {
    const loop = newEventLoop();
    loop.close();
    expect(() =>
      loop.createTask(
        (function* (): Coroutine<void> {
          yield;
        })(),
      ),
    ).toThrow(/closed/i);
  });

  it('[task.ref.step-order] are named in debug mode’s slow-callback report', async () => {
    const loop = newEventLoop();
    loop.setDebug(true);
    loop.slowCallbackDuration = 0;
    const seen: string[] = [];
    const original = console.warn;
    const capture = (...args: unknown[]): void => {
      seen.push(args.map(String).join(' '));
    };
    console.warn = capture;
    try {
      const task = loop.createTask(
        (function* (): Coroutine<number> {
          return 1;
        })(),
        { name: 'slow-one' },
      );
      expect(await loop.runUntilComplete(task)).toBe(1);
    } finally {
      console.warn = original;
      loop.close();
    }
    expect(
      seen.some((line) => /Executing <Task slow-one/.test(line)),
      seen.join('\n'),
    ).toBe(true);
  });
});

describe('uncancel() on the reference Task', () => {
  it('[task.uncancel.withdraws] withdraws a pending request when the count reaches zero (asyncio 3.13)', async () => {
    const loop = newEventLoop();
    const steps: string[] = [];
    function* body(): Coroutine<string> {
      steps.push('first');
      yield; // between steps: no future to cancel, the request waits for the next step
      steps.push('second');
      return 'went on';
    }
    const task = loop.createTask(body());
    const calls: unknown[] = [];
    loop.callSoon(() => {
      calls.push(task.cancel(), task.cancelling(), task.uncancel());
    });
    expect(await loop.runUntilComplete(task)).toBe('went on');
    expect(calls, 'cancel() → true, cancelling() → 1, uncancel() → 0').toEqual([true, 1, 0]);
    expect(steps).toEqual(['first', 'second']);
    expect(task.cancelled()).toBe(false);
    loop.close();
  });
});

describe('a Promise given where a coroutine is expected', () => {
  it('run(main()) for an async main names the fix, and the stray call leaves no unhandled rejection', async () => {
    const { run, sleep } = await import('pep3156');
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown): void => {
      unhandled.push(e);
    };
    process.on('unhandledRejection', onUnhandled);
    try {
      async function main(): Promise<number> {
        await sleep(0.001); // no running loop: this rejects the Promise main() returned
        return 5;
      }
      const error = await run(main() as never).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(TypeError);
      expect((error as Error).message).toMatch(/got a Promise.*run\(main\)/);
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(unhandled, 'the rejection of main() is not reported as unhandled').toEqual([]);
      expect(await run(main), 'run(main) is what works').toBe(5);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
