// spec-tests/tests/loop/threads-and-factories.test.ts: PEP 3156 § Thread interaction, § Futures, § Tasks
// > call_soon_threadsafe(callback, *args). Like call_soon(), but when called from another thread
// > while the event loop is blocked waiting for I/O, unblocks the event loop.
import { expect } from 'vitest';
import { section, statement } from '../../src/harness.js';

section('loop', 'Thread interaction', () => {
  statement(
    'loop.call-soon-threadsafe.wakes',
    'callSoonThreadsafe from outside the loop wakes an idle running loop',
    async ({ loop }) => {
      let ran = false;
      // The loop has nothing to do; a host timer (outside the loop's callbacks) schedules work.
      setTimeout(() => {
        loop.callSoonThreadsafe(() => {
          ran = true;
          loop.stop();
        });
      }, 5);
      const guard = loop.callLater(5, () => loop.stop());
      await loop.runForever();
      guard.cancel();
      expect(ran).toBe(true);
    },
  );
});

section('loop', 'Futures', () => {
  statement(
    'loop.create-future.bound',
    'createFuture() returns a pending future bound to the loop',
    ({ loop }) => {
      const f = loop.createFuture<number>();
      expect(f.getLoop()).toBe(loop);
      expect(f.done()).toBe(false);
    },
  );
});

section('loop', 'Tasks', () => {
  statement(
    'loop.task-factory.set-get',
    'createTask uses the task factory when set; null restores the default',
    async ({ loop }) => {
      expect(loop.getTaskFactory()).toBeNull();
      const made: string[] = [];
      const factory = ((l: typeof loop, coro: never, options?: { name?: string }) => {
        loop.setTaskFactory(null);
        const task = l.createTask(coro, options);
        loop.setTaskFactory(factory);
        made.push('factory');
        return task;
      }) as Parameters<typeof loop.setTaskFactory>[0];
      loop.setTaskFactory(factory);
      expect(loop.getTaskFactory()).toBe(factory);
      function* body(): Generator<undefined, number, unknown> {
        return 5;
      }
      const task = loop.createTask(body());
      expect(made).toEqual(['factory']);
      expect(await loop.runUntilComplete(task)).toBe(5);
      loop.setTaskFactory(null);
      expect(loop.getTaskFactory()).toBeNull();
    },
  );
});
