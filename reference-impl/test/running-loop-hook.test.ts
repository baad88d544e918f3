// The public running-loop hook (setRunningLoop, enterTask): what a loop or a Task of another
// implementation calls so that the helpers find it. The conformance-foreign project runs the whole
// non-I/O suite on such a loop; these are the hook's own promises: typed errors for bad input,
// the previous value always back, the task current in its async function's continuations.
import {
  CancelledError,
  currentTask,
  enterTask,
  getRunningLoop,
  newEventLoop,
  setRunningLoop,
  sleep,
  type Task,
} from 'pep3156';
import type { Future } from 'pep3156/spec';
import { describe, expect, it } from 'vitest';

describe('setRunningLoop', () => {
  it('makes the loop the running loop and returns the previous one, for the caller to restore', () => {
    const a = newEventLoop();
    const b = newEventLoop();
    expect(() => getRunningLoop()).toThrow(/no running event loop/);
    expect(setRunningLoop(a)).toBeNull();
    expect(getRunningLoop()).toBe(a);
    expect(setRunningLoop(b)).toBe(a);
    expect(getRunningLoop()).toBe(b);
    expect(setRunningLoop(a)).toBe(b);
    expect(setRunningLoop(null)).toBe(a);
    expect(() => getRunningLoop()).toThrow(/no running event loop/);
    a.close();
    b.close();
  });

  it('rejects what is not a loop with TypeError', () => {
    for (const bad of [undefined, 42, 'loop', {}]) {
      expect(() => setRunningLoop(bad as never)).toThrow(TypeError);
    }
    expect(() => getRunningLoop(), 'nothing was set').toThrow(/no running event loop/);
  });

  it('the helpers without a running loop throw RuntimeError, not a hint to pass { loop }', () => {
    expect(() => sleep(1)).toThrow(expect.objectContaining({ name: 'RuntimeError' }));
    expect(() => sleep(1)).not.toThrow(/pass \{ loop \}/);
    // It names the way out (issue 11's trap: loop.runUntilComplete(sleep(1)) before a loop runs).
    expect(() => sleep(1)).toThrow(
      'sleep: no running event loop; call sleep() from a coroutine or a callback that a loop runs',
    );
  });
});

describe('enterTask', () => {
  /** A stand-in for another implementation's task: a future of the loop with the Task's names. */
  function foreignTask(loop: ReturnType<typeof newEventLoop>): Task<unknown> {
    const f = loop.createFuture<unknown>() as Future<unknown> & Partial<Task<unknown>>;
    return Object.assign(f, {
      getName: () => 'foreign',
      setName: () => {},
      getCoro: () => (() => undefined) as never,
      cancelling: () => 0,
      uncancel: () => 0,
    }) as Task<unknown>;
  }

  it('makes the task current while fn runs, returns what fn returns, and restores the previous one', () => {
    const loop = newEventLoop();
    const task = foreignTask(loop);
    expect(currentTask(loop)).toBeNull();
    expect(enterTask(task, () => currentTask(loop))).toBe(task);
    expect(currentTask(loop), 'restored').toBeNull();
    expect(() =>
      enterTask(task, () => {
        throw new RangeError('from fn');
      }),
    ).toThrow(RangeError);
    expect(currentTask(loop), 'restored after a throw').toBeNull();
    loop.close();
  });

  it('carries the task and its running loop into the continuations of an async function, and reports its awaits', async () => {
    const loop = newEventLoop();
    const task = foreignTask(loop);
    const awaited: unknown[] = [];
    const seen: unknown[] = [];
    let waiter: Future<void> | null = null;
    const started = loop.createFuture<void>();
    loop.callSoon(() => {
      void enterTask(
        task,
        async () => {
          waiter = sleep(0.001);
          await waiter;
          seen.push(getRunningLoop() === loop, currentTask(loop) === task);
          started.setResult();
        },
        { onAwait: (f) => awaited.push(f) },
      );
    });
    await loop.runUntilComplete(started);
    expect(seen).toEqual([true, true]);
    expect(awaited, 'onAwait heard of the sleep').toEqual([waiter]);
    loop.close();
  });

  it('rejects what is not a task, and an fn that is not a function, with TypeError', () => {
    const loop = newEventLoop();
    expect(() => enterTask({} as never, () => 1)).toThrow(TypeError);
    expect(() => enterTask(null as never, () => 1)).toThrow(TypeError);
    expect(() => enterTask(foreignTask(loop), 1 as never)).toThrow(TypeError);
    loop.close();
  });
});

describe('CancelledError', () => {
  it('instanceof holds for any Error named CancelledError, as asyncio has one class for every loop', () => {
    class TheirCancelledError extends Error {
      override name = 'CancelledError';
    }
    expect(new TheirCancelledError() instanceof CancelledError).toBe(true);
    expect(new CancelledError() instanceof CancelledError).toBe(true);
    expect(new Error('x') instanceof CancelledError).toBe(false);
    expect({ name: 'CancelledError' } instanceof CancelledError, 'not an Error').toBe(false);
  });
});
