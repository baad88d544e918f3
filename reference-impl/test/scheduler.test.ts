// The reference scheduler's own promises beyond the conformance suite: where asyncio 3.11 and 3.12+
// differ observably, the reference follows 3.12+ (reference-level statements of the scheduler page),
// and the CoroutineFuture that stands for asyncio's coroutine functions (wait, waitFor, join).
import {
  type Coroutine,
  currentTask,
  gather,
  newEventLoop,
  run,
  sleep,
  type Task,
  TaskGroup,
  taskGroup,
  timeout,
  waitFor,
} from 'pep3156';
import { TestLoop } from 'pep3156/testing';
import { describe, expect, it } from 'vitest';

describe('scheduler (reference)', () => {
  it('[scheduler.wait-for.same-task] waitFor runs a coroutine in the waiting task under a timeout', async () => {
    const got = await run(
      (function* () {
        const outer = currentTask();
        function* body(): Coroutine<boolean> {
          yield* sleep(0);
          return currentTask() === outer;
        }
        const sameTask = yield* waitFor(body(), 1);
        let name = '';
        try {
          yield* waitFor(
            (function* () {
              yield* sleep(1);
            })(),
            0.002,
          );
        } catch (e) {
          name = (e as Error).name;
        }
        return [sameTask, name, outer?.cancelling()];
      })(),
    );
    expect(got).toEqual([true, 'TimeoutError', 0]);
  });

  it('[scheduler.gather.done-at-once] gather over done children is done when it returns', async () => {
    const loop = newEventLoop();
    try {
      const a = loop.createFuture<string>();
      a.setResult('a');
      const b = loop.createFuture<string>();
      b.setException(new RangeError('b'));
      const got = await loop.runUntilComplete(
        (function* () {
          const g1 = gather(a, a);
          const g2 = gather(b, loop.createFuture<string>());
          return [
            g1.done(),
            g1.done() && g1.result(),
            g2.done(),
            g2.done() && (g2.exception() as Error).name,
          ];
        })(),
      );
      expect(got).toEqual([true, ['a', 'a'], true, 'RangeError']);
    } finally {
      loop.close();
    }
  });

  it('[scheduler.task-group.outside-cancel-kept] a failing group re-requests a cancellation it absorbed', async () => {
    const log: unknown[] = [];
    const got = await run(
      (function* () {
        function* fail(): Coroutine<never> {
          yield* sleep(0);
          throw new RangeError('x');
        }
        function* slow(): Coroutine<void> {
          try {
            yield* sleep(1);
          } catch (e) {
            for (let i = 0; i < 5; i++) yield* sleep(0);
            throw e;
          }
        }
        function* parent(): Coroutine<string> {
          const task = currentTask();
          try {
            yield* taskGroup(function* (tg) {
              tg.createTask(fail());
              tg.createTask(slow());
              yield* sleep(1);
            });
          } catch (e) {
            log.push((e as Error).name, task?.cancelling());
          }
          try {
            yield* sleep(0);
            return 'continued';
          } catch {
            return 'cancelled at next yield*';
          }
        }
        const t = currentTask()?.getLoop().createTask(parent());
        if (t === undefined) throw new Error('no loop');
        for (let i = 0; i < 4; i++) yield* sleep(0);
        t.cancel();
        return yield* t;
      })(),
    );
    expect(log).toEqual(['AggregateError', 1]);
    expect(got).toBe('cancelled at next yield*');
  });

  it('[scheduler.sleep.as-task-timer] a sleep given to gather completes one iteration after its timer', async () => {
    const loop = new TestLoop();
    try {
      const got = await loop.runUntilComplete(
        (function* (): Coroutine<number[]> {
          const out: number[] = [];
          for (const mode of ['awaited', 'gathered']) {
            // A timer of the same deadline, made first, counts the iterations after it fired.
            let count = -1;
            loop.callLater(5, () => {
              count = 0;
              const tick = (left: number): void => {
                count += 1;
                if (left > 0) loop.callSoon(tick, left - 1);
              };
              loop.callSoon(tick, 5);
            });
            if (mode === 'awaited') yield* sleep(5);
            else yield* gather(sleep(5));
            out.push(count);
            yield* sleep(1);
          }
          return out;
        })(),
      );
      // Awaited: the task resumes in the iteration after the timers; gathered: the sleep completes
      // then, gather's callback runs in the next and the task in the one after.
      expect(got).toEqual([1, 3]);
    } finally {
      loop.close();
    }
  });

  it('waitFor, wait and join run nothing before they are awaited or observed (as a coroutine)', async () => {
    const got = await run(
      (function* () {
        const started: string[] = [];
        function* body(): Coroutine<string> {
          started.push('body');
          return 'value';
        }
        const w = waitFor(body(), 1);
        yield* sleep(0);
        yield* sleep(0);
        const before = started.length;
        // Any use other than yield* from a task runs it in a task of its own.
        const viaGather = yield* gather(w);
        return [before, viaGather];
      })(),
    );
    expect(got).toEqual([0, ['value']]);
  });

  it('cancelling a waitFor future that runs in its own task cancels that task and the awaited future', async () => {
    const got = await run(
      (function* () {
        const loop = currentTask()?.getLoop();
        const inner = loop?.createFuture<void>();
        if (inner === undefined) throw new Error('no loop');
        const w = waitFor(inner, 10);
        w.addDoneCallback(() => {});
        yield* sleep(0);
        yield* sleep(0);
        const accepted = w.cancel();
        try {
          yield* w;
        } catch (e) {
          return [accepted, (e as Error).name, inner.cancelled(), w.cancelled()];
        }
        return ['not cancelled'];
      })(),
    );
    expect(got).toEqual([true, 'CancelledError', true, true]);
  });

  it('the old forms still work: new TaskGroup() with join() in finally, timeout(d).run(body)', async () => {
    const got = await run(
      (function* () {
        const tg = new TaskGroup();
        let a: Task<number> | null = null;
        try {
          a = tg.createTask(sleep(0.001, 1)) as Task<number>;
        } finally {
          yield* tg.join();
        }
        const b = yield* timeout(1).run(function* () {
          return yield* sleep(0, 2);
        });
        return [a?.result(), b];
      })(),
    );
    expect(got).toEqual([1, 2]);
  });

  it('taskGroup and timeout take async bodies too', async () => {
    const loop = newEventLoop();
    try {
      const task = loop.createTask(async () => {
        const fromGroup = await taskGroup(async (tg) => {
          // In an array: an async function's return value that is a thenable would be adopted.
          return [tg.createTask(sleep(0.001, 'child'))];
        });
        let name = '';
        try {
          await timeout(0.002, async () => {
            await sleep(1);
          });
        } catch (e) {
          name = (e as Error).name;
        }
        return [fromGroup[0].result(), name, currentTask()?.cancelling()];
      });
      expect(await loop.runUntilComplete(task)).toEqual(['child', 'TimeoutError', 0]);
    } finally {
      loop.close();
    }
  });
});
