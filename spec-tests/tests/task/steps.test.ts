// spec-tests/tests/task/steps.test.ts: PEP 3156 § Tasks, § Coroutines
// > Cancelling a task that's not done yet throws an exception into the coroutine.
// How a task runs what it was given (a generator, a function returning one, an async function) and
// where a cancel request made at an unusual moment is delivered.
import type { Coroutine, Task } from 'pep3156/spec';
import { expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { errorName, rejection, thrown } from '../support/index.js';

section('task', 'Tasks', () => {
  statement(
    'task.cancel.during-step',
    'a task that cancels itself during a step gets the request: at the future it then waits on, or when it returns',
    async ({ loop, api }) => {
      let self: Task<string> | null = null;
      function* waitsAfter(): Coroutine<string> {
        (self as unknown as Task<string>).cancel('from inside');
        try {
          yield* api.sleep(30, undefined, { loop });
          return 'slept';
        } catch (e) {
          return `${errorName(e)}: ${(e as Error).message}`;
        }
      }
      self = loop.createTask(waitsAfter());
      expect(await loop.runUntilComplete(self)).toBe('CancelledError: from inside');

      let other: Task<string> | null = null;
      function* returnsAfter(): Coroutine<string> {
        (other as unknown as Task<string>).cancel('then returned');
        return 'returned';
      }
      other = loop.createTask(returnsAfter());
      expect(errorName(await rejection(loop.runUntilComplete(other)))).toBe('CancelledError');
      expect(other.cancelled(), 'the return value is dropped: the task ends cancelled').toBe(true);
      expect((thrown(() => (other as Task<string>).result()) as Error).message).toBe('then returned');
    },
  );

  statement(
    'task.cancelled-error.message',
    'a coroutine that throws its own CancelledError ends its task cancelled with that error’s message',
    async ({ loop }) => {
      const f = loop.createFuture<void>();
      function* body(): Coroutine<void> {
        try {
          yield* f;
        } catch (e) {
          // Cancelled by someone: re-raise a CancelledError with a reason of our own.
          const own = new (e as { constructor: new (m: string) => Error }).constructor('own reason');
          throw own;
        }
      }
      const task = loop.createTask(body());
      loop.callSoon(() => f.cancel());
      const error = await rejection(loop.runUntilComplete(task));
      expect(task.cancelled()).toBe(true);
      expect((error as Error).message, 'the first retrieval of the outcome carries it').toBe('own reason');
    },
  );

  statement(
    'task.function.bodies',
    'a task of a function runs what it returns: a generator is stepped, a throw fails the task, a plain value fails it with TypeError',
    async ({ loop }) => {
      function* gen(): Coroutine<string> {
        yield undefined;
        return 'from the generator';
      }
      expect(await loop.runUntilComplete(loop.createTask(() => gen()))).toBe('from the generator');
      const boom = new TypeError('thrown at once');
      const failing = loop.createTask((() => {
        throw boom;
      }) as never);
      expect(await rejection(loop.runUntilComplete(failing))).toBe(boom);
      expect(failing.exception()).toBe(boom);
      // Neither a coroutine nor a PromiseLike: asyncio's create_task refuses such a value with TypeError.
      // biome-ignore lint/suspicious/noThenProperty: an object whose then is not a function is the case under test
      for (const value of [42, undefined, null, { then: 1 }]) {
        const plain = loop.createTask((() => value) as never);
        expect(errorName(await rejection(loop.runUntilComplete(plain))), String(value)).toBe('TypeError');
      }
    },
  );

  statement(
    'task.async-function.cancel-before-start',
    'an async-function task cancelled before its first step never calls the function',
    async ({ loop }) => {
      let called = false;
      const task = loop.createTask(async () => {
        called = true;
        return 'ran';
      });
      task.cancel();
      expect(errorName(await rejection(loop.runUntilComplete(task)))).toBe('CancelledError');
      expect(called).toBe(false);
    },
    { features: ['async-functions'] },
  );

  statement(
    'task.async-function.cancel-between-awaits',
    'a cancel request made while an async-function task awaits something else is delivered at its next await of a loop future, or when it returns',
    async ({ loop, api }) => {
      // A promise the loop knows nothing of, released by the test right after the cancel request.
      const gate = () => {
        let release = () => {};
        const promise = new Promise<void>((resolve) => {
          release = resolve;
        });
        return { promise, release };
      };
      const seen: string[] = [];
      const first = gate();
      const waits = loop.createTask(async () => {
        await first.promise; // not a loop future: the request cannot reach it here
        try {
          await api.sleep(30, undefined, { loop });
          return 'slept';
        } catch (e) {
          seen.push(errorName(e));
          throw e;
        }
      });
      // Runs after the task's first step, which ends at `await first.promise`.
      loop.callSoon(() => {
        waits.cancel();
        first.release();
      });
      const started = loop.time();
      expect(errorName(await rejection(loop.runUntilComplete(waits)))).toBe('CancelledError');
      expect(seen).toEqual(['CancelledError']);
      expect(loop.time() - started, 'delivered at once, not after the 30 s sleep').toBeLessThan(5);

      const second = gate();
      const returns = loop.createTask(async () => {
        await second.promise;
        return 'returned';
      });
      loop.callSoon(() => {
        returns.cancel();
        second.release();
      });
      expect(errorName(await rejection(loop.runUntilComplete(returns)))).toBe('CancelledError');
      expect(returns.cancelled(), 'the return value is dropped').toBe(true);
    },
    { features: ['async-functions'] },
  );

  statement(
    'task.cancel.caught-continues',
    'an async-function task whose cancel request lands at its next await may catch it and return: its task is not cancelled',
    async ({ loop, api }) => {
      let release = () => {};
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const task = loop.createTask(async () => {
        await gate; // not a loop future: the request waits for the next await of one
        try {
          await api.sleep(30, undefined, { loop });
          return 'slept';
        } catch (e) {
          return `caught ${errorName(e)}`;
        }
      });
      loop.callSoon(() => {
        task.cancel();
        release();
      });
      expect(await loop.runUntilComplete(task)).toBe('caught CancelledError');
      expect(task.cancelled()).toBe(false);
    },
    { features: ['async-functions'] },
  );
});
