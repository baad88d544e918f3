// spec-tests/tests/task/cancellation.test.ts: PEP 3156 § Tasks, § Futures
// > cancel() ... a Task's cancel() throws CancelledError into the coroutine at the point where it is
// > suspended; the coroutine may catch it and carry on.
import type { Coroutine } from 'pep3156/spec';
import { expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { errorName, rejection } from '../support/index.js';

section('task', 'Tasks', () => {
  statement(
    'task.cancel.throws-in',
    'cancel() throws CancelledError in at the suspension point; uncaught, the task is cancelled',
    async ({ loop }) => {
      const seen: string[] = [];
      const f = loop.createFuture<void>();
      function* body(): Coroutine<void> {
        try {
          yield* f;
        } catch (e) {
          seen.push(errorName(e));
          throw e;
        }
      }
      const task = loop.createTask(body());
      loop.callLater(0.002, () => task.cancel());
      expect(errorName(await rejection(loop.runUntilComplete(task)))).toBe('CancelledError');
      expect(seen).toEqual(['CancelledError']);
      expect(task.cancelled()).toBe(true);
    },
  );

  statement(
    'task.cancel.before-start',
    'a task cancelled before its first step never runs its body',
    async ({ loop }) => {
      let ran = false;
      function* body(): Coroutine<void> {
        ran = true;
      }
      const task = loop.createTask(body());
      expect(task.cancel()).toBe(true);
      await rejection(loop.runUntilComplete(task));
      expect(ran).toBe(false);
      expect(task.cancelled()).toBe(true);
    },
  );

  statement(
    'task.cancel.caught-continues',
    'a coroutine that catches CancelledError goes on, and its task is not cancelled',
    async ({ loop, api }) => {
      function* body(): Coroutine<string> {
        try {
          yield* api.sleep(10);
        } catch (e) {
          if (errorName(e) !== 'CancelledError') throw e;
        }
        yield* api.sleep(0);
        return 'carried on';
      }
      const task = loop.createTask(body());
      loop.callLater(0.002, () => task.cancel());
      expect(await loop.runUntilComplete(task)).toBe('carried on');
      expect(task.cancelled()).toBe(false);

      // One that returns in the very step that caught it ends with that value too.
      function* returnsAtOnce(): Coroutine<string> {
        try {
          yield* api.sleep(10);
        } catch (e) {
          if (errorName(e) !== 'CancelledError') throw e;
        }
        return 'returned at once';
      }
      const second = loop.createTask(returnsAtOnce());
      loop.callLater(0.002, () => second.cancel());
      expect(await loop.runUntilComplete(second)).toBe('returned at once');
      expect(second.cancelled()).toBe(false);
    },
  );

  statement(
    'task.cancel.returns',
    'cancel() returns true for a pending task (not cancelled yet on return) and false once done',
    async ({ loop }) => {
      const gate = loop.createFuture<void>();
      function* body(): Coroutine<number> {
        yield* gate;
        return 1;
      }
      const running = loop.createTask(body());
      let cancelledRightAfter: boolean | null = null;
      loop.callLater(0.002, () => {
        expect(running.cancel()).toBe(true);
        cancelledRightAfter = running.cancelled();
      });
      await rejection(loop.runUntilComplete(running));
      expect(cancelledRightAfter, 'the CancelledError is delivered later').toBe(false);
      function* quick(): Coroutine<number> {
        return 2;
      }
      const done = loop.createTask(quick());
      await loop.runUntilComplete(done);
      expect(done.cancel()).toBe(false);
    },
  );

  statement(
    'task.cancel.cancels-awaited',
    'cancelling a task cancels the future it waits on, and nested tasks',
    async ({ loop }) => {
      const inner = loop.createFuture<void>();
      function* child(): Coroutine<void> {
        yield* inner;
      }
      const childTask = loop.createTask(child());
      function* parent(): Coroutine<void> {
        yield* childTask;
      }
      const parentTask = loop.createTask(parent());
      loop.callLater(0.002, () => parentTask.cancel());
      await rejection(loop.runUntilComplete(parentTask));
      expect(inner.cancelled(), 'the innermost future').toBe(true);
      expect(childTask.cancelled(), 'the nested task').toBe(true);
      expect(parentTask.cancelled()).toBe(true);
    },
  );

  statement(
    'task.cancelled-error.ends-cancelled',
    'a coroutine that ends by throwing CancelledError leaves its task cancelled',
    async ({ loop }) => {
      const other = loop.createFuture<void>();
      other.cancel();
      function* body(): Coroutine<void> {
        yield* other; // throws CancelledError, not caught
      }
      const task = loop.createTask(body());
      await rejection(loop.runUntilComplete(task));
      expect(task.cancelled()).toBe(true);
    },
  );

  statement(
    'task.async-function.cancel',
    'cancelling an async-function task throws CancelledError at its await of a loop future',
    async ({ loop, api }) => {
      const seen: string[] = [];
      const task = loop.createTask(async () => {
        try {
          await api.sleep(10);
          return 'finished';
        } catch (e) {
          seen.push(errorName(e));
          throw e;
        }
      });
      loop.callLater(0.005, () => task.cancel());
      expect(errorName(await rejection(loop.runUntilComplete(task)))).toBe('CancelledError');
      expect(seen).toEqual(['CancelledError']);
      expect(task.cancelled()).toBe(true);
    },
    { features: ['async-functions'] },
  );
  statement(
    'task.cancel.first-message',
    'two cancel requests before the task resumes: the coroutine receives the first, with its message',
    async ({ loop }) => {
      const gate = loop.createFuture<void>();
      const seen: string[] = [];
      function* body(): Coroutine<string> {
        try {
          yield* gate;
        } catch (e) {
          seen.push(`${errorName(e)}: ${(e as Error).message}`);
        }
        return 'went on';
      }
      const task = loop.createTask(body());
      loop.callSoon(() => {
        task.cancel('first');
        task.cancel('second');
        seen.push(`cancelling=${task.cancelling()}`);
      });
      expect(await loop.runUntilComplete(task)).toBe('went on');
      expect(seen, 'the request that cancelled the future is the one delivered').toEqual([
        'cancelling=2',
        'CancelledError: first',
      ]);
      expect(gate.cancelled()).toBe(true);
    },
  );

  statement(
    'task.cancelling.count',
    'cancelling() counts the cancel requests not yet withdrawn; uncancel() withdraws one',
    async ({ loop }) => {
      const f = loop.createFuture<void>();
      const counts: number[] = [];
      function* body(): Coroutine<string> {
        try {
          yield* f;
        } catch {
          // Caught: the task goes on, and withdraws the request it handled.
        }
        counts.push(task.cancelling());
        counts.push(task.uncancel());
        return 'went on';
      }
      const task = loop.createTask(body());
      counts.push(task.cancelling());
      loop.callSoon(() => {
        task.cancel();
        counts.push(task.cancelling());
        task.cancel();
        counts.push(task.cancelling());
      });
      expect(await loop.runUntilComplete(task)).toBe('went on');
      // before any cancel: 0; after each cancel(): 1, 2; inside the coroutine: still 2, then 1.
      expect(counts, 'cancelling() before, after two cancel(), then uncancel()').toEqual([0, 1, 2, 2, 1]);
      expect(task.cancelled()).toBe(false);
    },
  );
});
