// spec-tests/tests/task/basics.test.ts: PEP 3156 § Tasks, § Coroutines, § The Scheduler
// > A Task is an object that manages an independently running coroutine. The Task interface is the
// > same as the Future interface, and in fact Task is a subclass of Future.
// > Calling a coroutine does not start its code running.
import type { Coroutine, Future } from 'pep3156/spec';
import { expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { errorName, futureLike as makeFutureLike, misuse, rejection, runFor } from '../support/index.js';

section('task', 'Tasks', () => {
  statement(
    'task.future.is',
    "a Task is a Future that finishes with the coroutine's return value",
    async ({ loop }) => {
      function* body(): Coroutine<string> {
        yield undefined;
        return 'returned';
      }
      const task = loop.createTask(body());
      for (const m of [
        'cancel',
        'cancelled',
        'done',
        'result',
        'exception',
        'addDoneCallback',
        'removeDoneCallback',
        'getLoop',
      ]) {
        expect(typeof (task as unknown as Record<string, unknown>)[m], m).toBe('function');
      }
      expect(await loop.runUntilComplete(task)).toBe('returned');
      expect(task.done()).toBe(true);
      expect(task.result()).toBe('returned');
    },
  );

  statement('task.result.exception', "a Task finishes with the coroutine's exception", async ({ loop }) => {
    const boom = new SyntaxError('boom');
    function* body(): Coroutine<void> {
      yield undefined;
      throw boom;
    }
    const task = loop.createTask(body());
    expect(await rejection(loop.runUntilComplete(task))).toBe(boom);
    expect(task.exception()).toBe(boom);
  });

  statement(
    'task.start.not-synchronous',
    'creating a task runs none of the coroutine; it starts from the loop',
    async ({ loop }) => {
      const steps: string[] = [];
      function* body(): Coroutine<void> {
        steps.push('body started');
      }
      const gen = body();
      expect(steps, 'calling the generator function runs nothing').toEqual([]);
      const task = loop.createTask(gen);
      expect(steps, 'creating the task runs nothing').toEqual([]);
      await loop.runUntilComplete(task);
      expect(steps).toEqual(['body started']);
    },
  );

  statement(
    'task.resume.through-loop',
    'a task resumes through the loop after the future it waits on completes',
    async ({ loop }) => {
      const order: string[] = [];
      const f = loop.createFuture<void>();
      function* waiter(): Coroutine<void> {
        yield* f;
        order.push('task resumed');
      }
      const task = loop.createTask(waiter());
      loop.callLater(0.002, () => {
        f.setResult(undefined);
        order.push('completer');
        loop.callSoon(() => order.push('scheduled before the wake-up ran'));
      });
      await loop.runUntilComplete(task);
      expect(order[0], 'the task does not resume inside setResult').toBe('completer');
      expect(order).toContain('task resumed');
    },
  );

  statement(
    'task.sleep-zero.one-iteration',
    'sleep(0) gives up exactly one loop iteration',
    async ({ api, run }) => {
      const order: string[] = [];
      function* counter(name: string): Coroutine<void> {
        for (let i = 0; i < 3; i++) {
          order.push(`${name}${i}`);
          yield* api.sleep(0);
        }
      }
      await run(
        (function* () {
          yield* api.gather(counter('a'), counter('b'));
        })(),
      );
      expect(order, 'the two tasks alternate').toEqual(['a0', 'b0', 'a1', 'b1', 'a2', 'b2']);
    },
  );

  statement(
    'task.yield.bad',
    'yielding something that is not a future throws RuntimeError into the coroutine',
    async ({ loop }) => {
      function* body(): Coroutine<string> {
        try {
          yield 42 as unknown as Future<unknown>;
          return 'no error';
        } catch (e) {
          return errorName(e);
        }
      }
      expect(await loop.runUntilComplete(body())).toBe('RuntimeError');
    },
  );

  statement(
    'task.yield.future-like',
    "a coroutine can wait on a future-like object of the task's loop; a partial one or null is a bad yield",
    async ({ loop }) => {
      const futureLike = makeFutureLike<number>(loop);
      function* waits(): Coroutine<number> {
        return (yield* futureLike) + 1;
      }
      const task = loop.createTask(waits());
      loop.callSoon(() => futureLike.setResult(41));
      expect(await loop.runUntilComplete(task)).toBe(42);

      const fn = (): void => {};
      const partials: Record<string, unknown> = {
        'no addDoneCallback': { getLoop: () => loop, done: () => false },
        'no getLoop': { addDoneCallback: fn, done: () => false },
        'no done': { addDoneCallback: fn, getLoop: () => loop },
        null: null,
      };
      for (const [what, value] of Object.entries(partials)) {
        function* body(): Coroutine<string> {
          try {
            yield value as Future<unknown>;
            return 'no error';
          } catch (e) {
            return errorName(e);
          }
        }
        const t = loop.createTask(body());
        await runFor(loop, 0.002);
        expect(t.done(), `${what}: the task is not left waiting`).toBe(true);
        expect(t.result(), what).toBe('RuntimeError');
      }
    },
  );

  statement(
    'task.name.get-set',
    'tasks have names: a default one, the one given, and setName',
    async ({ loop }) => {
      function* body(): Coroutine<void> {}
      const a = loop.createTask(body());
      const b = loop.createTask(body(), { name: 'worker' });
      expect(typeof a.getName()).toBe('string');
      expect(a.getName().length).toBeGreaterThan(0);
      expect(b.getName()).toBe('worker');
      b.setName('renamed');
      expect(b.getName()).toBe('renamed');
      await runFor(loop, 0.002);
    },
  );

  statement(
    'task.current.get',
    'currentTask() is the running task inside a step, null in a plain callback, RuntimeError without a running loop',
    async ({ loop, api }) => {
      let inCallback: unknown = 'unset';
      let inTask: unknown = null;
      loop.callSoon(() => {
        inCallback = api.currentTask(loop);
      });
      let betweenSteps: unknown = 'unset';
      function* body(): Coroutine<void> {
        // Runs after this step, before the next one: no task is current then.
        loop.callSoon(() => {
          betweenSteps = api.currentTask(loop);
        });
        yield undefined;
        inTask = api.currentTask(loop);
      }
      const task = loop.createTask(body());
      await loop.runUntilComplete(task);
      expect(inCallback).toBeNull();
      expect(inTask).toBe(task);
      expect(betweenSteps, 'a callback between two steps sees no current task').toBeNull();
      expect(api.currentTask(loop), 'a loop that is not running has no current task').toBeNull();
      misuse(() => api.currentTask(), 'RuntimeError');
    },
  );

  statement('task.all.pending', "allTasks(loop) includes the loop's pending tasks", async ({ loop, api }) => {
    const gate = loop.createFuture<void>();
    function* body(): Coroutine<void> {
      yield* gate;
    }
    const task = loop.createTask(body());
    expect(api.allTasks(loop).has(task)).toBe(true);
    gate.setResult(undefined);
    await loop.runUntilComplete(task);
  });

  statement(
    'task.async-function.runs',
    'a Task can run an async function; none of it runs before the first step',
    async ({ loop, api }) => {
      const steps: string[] = [];
      const task = loop.createTask(async () => {
        steps.push('started');
        await api.sleep(0.001);
        return 'async result';
      });
      expect(steps).toEqual([]);
      expect(await loop.runUntilComplete(task)).toBe('async result');
      expect(steps).toEqual(['started']);
    },
    { features: ['async-functions'] },
  );
});
