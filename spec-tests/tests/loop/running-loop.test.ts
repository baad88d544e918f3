// spec-tests/tests/loop/running-loop.test.ts: PEP 3156 § Event Loop Policy: Getting and Setting the
// Current Event Loop
// > get_event_loop() … When called from a coroutine or a callback scheduled by the event loop, it
// > returns the currently running event loop (asyncio 3.7: get_running_loop()).
// A loop of another implementation makes itself the running loop with setRunningLoop(), as every
// asyncio loop (uvloop too) calls events._set_running_loop(); that is what lets the helpers
// (api.sleep, api.gather, the locks…) find it.
import type { AbstractEventLoop, Coroutine } from 'pep3156/spec';
import { expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { errorName, thrown } from '../support/index.js';

section('loop', 'Event Loop Policy: Getting and Setting the Current Event Loop', () => {
  statement(
    'loop.running-loop.callbacks',
    'getRunningLoop() is the loop in its callbacks, timers, done callbacks and task steps; RuntimeError elsewhere',
    async ({ loop, api }) => {
      const seen: [string, AbstractEventLoop | string][] = [];
      const probe = (where: string) => {
        try {
          seen.push([where, api.getRunningLoop()]);
        } catch (e) {
          seen.push([where, errorName(e)]);
        }
      };
      const f = loop.createFuture<void>();
      f.addDoneCallback(() => probe('done callback'));
      loop.callSoon(() => probe('callSoon'));
      function* body(): Coroutine<void> {
        probe('task step');
        loop.callLater(0.001, () => {
          probe('timer');
          f.setResult();
        });
        yield* f;
        probe('task step after yield*');
      }
      await loop.runUntilComplete(loop.createTask(body()));
      expect(seen).toEqual([
        ['callSoon', loop],
        ['task step', loop],
        ['timer', loop],
        ['done callback', loop],
        ['task step after yield*', loop],
      ]);
      expect(errorName(thrown(() => api.getRunningLoop())), 'outside the loop').toBe('RuntimeError');
    },
  );

  statement(
    'loop.running-loop.restored',
    'a loop is the running loop only while it runs: after its run, and in the callbacks of another loop, it is not',
    async ({ loop, newLoop, api }) => {
      const other = newLoop();
      const seen: boolean[] = [];
      loop.callSoon(() => seen.push(api.getRunningLoop() === loop));
      await loop.runUntilComplete(quick(loop));
      other.callSoon(() => seen.push(api.getRunningLoop() === other));
      await other.runUntilComplete(quick(other));
      expect(seen).toEqual([true, true]);
      expect(errorName(thrown(() => api.getRunningLoop())), 'after both runs').toBe('RuntimeError');
    },
  );
});

section('task', 'Tasks', () => {
  statement(
    'task.running-loop.async-function',
    "after each await of a task's async function, getRunningLoop() is the task's loop and currentTask() the task",
    async ({ loop, api }) => {
      const seen: unknown[] = [];
      const task = loop.createTask(async () => {
        seen.push(api.getRunningLoop() === loop, api.currentTask() === task);
        await api.sleep(0);
        seen.push(api.getRunningLoop() === loop, api.currentTask() === task);
        const f = loop.createFuture<void>();
        loop.callLater(0.001, () => f.setResult());
        await f;
        seen.push(api.getRunningLoop() === loop, api.currentTask() === task);
      });
      await loop.runUntilComplete(task);
      expect(seen).toEqual([true, true, true, true, true, true]);
    },
    { features: ['async-functions'] },
  );
});

function quick(loop: AbstractEventLoop) {
  return loop.createTask(
    (function* (): Coroutine<void> {
      yield undefined;
    })(),
  );
}
