// spec-tests/tests/task/contract.test.ts: PEP 3156 § Tasks, § The Scheduler; asyncio 3.11's
// cancelling()/uncancel().
// > A Task is an object that manages an independently running coroutine.
// > The scheduler has no public interface. You interact with it by using yield from future and
// > yield from task.
import type { Coroutine, Future, Task } from 'pep3156/spec';
import { expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { captureExceptions, errorName, misuse, rejection, runFor, thrown } from '../support/index.js';

section('task', 'Tasks', () => {
  statement(
    'task.yield.foreign-loop',
    'waiting on a future of another loop throws RuntimeError into the coroutine',
    async ({ loop, newLoop }) => {
      const other = newLoop();
      const foreign = other.createFuture<number>();
      function* body(): Coroutine<string> {
        try {
          yield* foreign;
          return 'no error';
        } catch (e) {
          return `${errorName(e)}${(e as Error).message ? ' with a message' : ''}`;
        }
      }
      expect(await loop.runUntilComplete(body())).toBe('RuntimeError with a message');
      expect(foreign.done(), 'the foreign future is left alone').toBe(false);
      other.close();
    },
  );

  statement(
    'task.yield.self',
    'a task that waits on itself gets RuntimeError thrown in, and can go on',
    async ({ loop }) => {
      let self: Task<string> | null = null;
      function* body(): Coroutine<string> {
        yield undefined;
        try {
          yield* self as unknown as Future<string>;
          return 'no error';
        } catch (e) {
          return `${errorName(e)}${(e as Error).message ? ' with a message' : ''}`;
        }
      }
      self = loop.createTask(body());
      expect(await loop.runUntilComplete(self)).toBe('RuntimeError with a message');
    },
  );

  statement(
    'task.cancel.message',
    'cancel(msg) carries msg in the CancelledError thrown in and in the one result() throws',
    async ({ loop }) => {
      const f = loop.createFuture<void>();
      let inside = '';
      function* body(): Coroutine<void> {
        try {
          yield* f;
        } catch (e) {
          inside = (e as Error).message;
          throw e;
        }
      }
      const task = loop.createTask(body());
      loop.callSoon(() => task.cancel('stop now'));
      const error = await rejection(loop.runUntilComplete(task));
      expect(errorName(error)).toBe('CancelledError');
      expect(inside, 'the message reaches the coroutine').toBe('stop now');
      expect((error as Error).message, 'and the first retrieval of the outcome carries it').toBe('stop now');
      expect(task.cancelled()).toBe(true);
      expect(errorName(thrown(() => task.result()))).toBe('CancelledError');
    },
  );

  statement(
    'task.cancel.message-before-start',
    'a task cancelled with a message before its first step ends cancelled with that message',
    async ({ loop }) => {
      let ran = false;
      function* body(): Coroutine<void> {
        ran = true;
      }
      const task = loop.createTask(body());
      expect(task.cancel('too late')).toBe(true);
      expect(task.cancelling()).toBe(1);
      const error = await rejection(loop.runUntilComplete(task));
      expect(ran).toBe(false);
      expect(task.cancelled()).toBe(true);
      expect((error as Error).message, 'the first retrieval of the outcome carries the message').toBe(
        'too late',
      );
    },
  );

  statement(
    'task.set-result.refused',
    'setResult() and setException() on a task throw RuntimeError and change nothing',
    async ({ loop }) => {
      function* body(): Coroutine<string> {
        yield undefined;
        return 'its own result';
      }
      const task = loop.createTask(body());
      misuse(() => task.setResult('forced'), 'RuntimeError');
      misuse(() => task.setException(new Error('forced')), 'RuntimeError');
      expect(task.done()).toBe(false);
      expect(await loop.runUntilComplete(task)).toBe('its own result');
    },
  );

  statement(
    'task.step.already-done',
    "a task made done through the base Future's setResult/setException reports InvalidStateError from its next step",
    async ({ loop }) => {
      const seen = captureExceptions(loop);
      const base = Object.getPrototypeOf(loop.createFuture<unknown>()) as Future<unknown>;
      const steps: string[] = [];
      function* body(name: string, gate?: Future<void>): Coroutine<string> {
        steps.push(`${name} started`);
        if (gate !== undefined) yield* gate;
        yield undefined;
        steps.push(`${name} resumed`);
        return 'own';
      }
      // Before its first step: the first step finds it done.
      const early = loop.createTask(body('early'));
      base.setResult.call(early, 'forced');
      expect(early.result()).toBe('forced');
      // While it waits on a future: the wake-up step finds it done.
      const gate = loop.createFuture<void>();
      const waiting = loop.createTask(body('waiting', gate));
      await runFor(loop, 0);
      const boom = new RangeError('forced');
      base.setException.call(waiting, boom);
      gate.setResult();
      await runFor(loop, 0);
      expect(steps, 'neither coroutine runs again').toEqual(['waiting started']);
      expect(waiting.exception()).toBe(boom);
      expect(seen.length, 'one report per step that found its task done').toBe(2);
      for (const context of seen) {
        expect(errorName(context.exception)).toBe('InvalidStateError');
        expect(Object.keys(context).sort(), 'reported as a failing callback').toEqual([
          'exception',
          'handle',
          'message',
        ]);
      }
    },
  );

  statement(
    'task.name.default-unique',
    'tasks created without a name get distinct names',
    async ({ loop }) => {
      function* body(): Coroutine<void> {}
      const tasks = [loop.createTask(body()), loop.createTask(body()), loop.createTask(body())];
      const names = tasks.map((t) => t.getName());
      expect(new Set(names).size, names.join(', ')).toBe(3);
      for (const name of names) expect(name).not.toMatch(/undefined|null/);
      await loop.runUntilComplete(tasks[2] as Task<void>);
    },
  );

  statement('task.get-coro', 'getCoro() returns the coroutine the task runs', async ({ loop }) => {
    function* body(): Coroutine<number> {
      return 7;
    }
    const coro = body();
    const task = loop.createTask(coro);
    expect(task.getCoro()).toBe(coro);
    expect(await loop.runUntilComplete(task)).toBe(7);
  });

  statement(
    'task.current.other-loop',
    'currentTask(otherLoop) is null while a task of this loop runs',
    async ({ loop, newLoop, api }) => {
      const other = newLoop();
      const seen: unknown[] = [];
      function* body(): Coroutine<void> {
        yield undefined;
        seen.push(api.currentTask(loop), api.currentTask(other));
      }
      const task = loop.createTask(body());
      await loop.runUntilComplete(task);
      expect(seen[0], 'the task, for its own loop').toBe(task);
      expect(seen[1], 'nothing, for another loop').toBeNull();
    },
  );

  statement(
    'task.current.other-loop',
    'an async-function task is current after an await, and only for its own loop',
    async ({ loop, newLoop, api }) => {
      const other = newLoop();
      const seen: unknown[] = [];
      const asyncTask = loop.createTask(async () => {
        await api.sleep(0, undefined, { loop });
        seen.push(api.currentTask(loop), api.currentTask(other));
      });
      await loop.runUntilComplete(asyncTask);
      expect(seen[0], 'an async-function task is current after an await').toBe(asyncTask);
      expect(seen[1], 'nothing, for another loop').toBeNull();
    },
    { features: ['async-functions'] },
  );

  statement(
    'task.all.per-loop',
    "allTasks(loop) holds this loop's pending tasks only: not another loop's, not finished ones",
    async ({ loop, api, newLoop }) => {
      const other = newLoop();
      const gate = loop.createFuture<void>();
      function* waits(): Coroutine<void> {
        yield* gate;
      }
      function* quick(): Coroutine<void> {}
      const pending = loop.createTask(waits());
      const finished = loop.createTask(quick());
      const foreign = other.createTask(quick());
      await loop.runUntilComplete(finished);
      const all = api.allTasks(loop);
      expect(all.has(pending)).toBe(true);
      expect(all.has(finished), 'a finished task is gone').toBe(false);
      expect(all.has(foreign), "another loop's task is not listed").toBe(false);
      gate.setResult();
      await loop.runUntilComplete(pending);
      expect(api.allTasks(loop).has(pending)).toBe(false);
      await other.runUntilComplete(foreign);
      other.close();
    },
  );

  statement(
    'task.uncancel.floor',
    'uncancel() never counts below zero; withdrawing one of two requests leaves the other to be delivered',
    async ({ loop }) => {
      function* body(): Coroutine<string> {
        yield undefined;
        return 'done';
      }
      const task = loop.createTask(body());
      expect(task.uncancel(), 'nothing to withdraw').toBe(0);
      await loop.runUntilComplete(task);
      expect(task.uncancel(), 'uncancel() never goes below zero').toBe(0);

      function* twice(): Coroutine<string> {
        try {
          yield undefined;
          yield undefined;
        } catch (e) {
          return errorName(e);
        }
        return 'not cancelled';
      }
      const other = loop.createTask(twice());
      loop.callSoon(() => {
        other.cancel();
        other.cancel();
        other.uncancel();
      });
      expect(await loop.runUntilComplete(other)).toBe('CancelledError');
    },
  );

  statement(
    'task.cancel.kept-until-delivered',
    'a cancel request the coroutine has not received yet is delivered at its next step',
    async ({ loop }) => {
      function* body(): Coroutine<string> {
        try {
          yield undefined; // the first step ends here; the cancel request comes after it
          yield undefined;
        } catch (e) {
          return errorName(e);
        }
        return 'not cancelled';
      }
      const task = loop.createTask(body());
      loop.callSoon(() => task.cancel());
      expect(await loop.runUntilComplete(task)).toBe('CancelledError');
    },
  );

  statement(
    'task.create.type-error',
    'createTask() with something that is not a coroutine throws TypeError and schedules nothing',
    async ({ loop, api }) => {
      for (const bad of [42, null, 'text', { next() {} }, { throw() {} }, Promise.resolve(1)]) {
        misuse(() => loop.createTask(bad as never), 'TypeError');
      }
      expect(api.allTasks(loop).size).toBe(0);
    },
  );
});
