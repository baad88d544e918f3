// spec-tests/tests/task/iterations.test.ts: PEP 3156 § The Scheduler, § Tasks
// > The scheduler has no public interface. You interact with it by using yield from future and
// > yield from task.
// Which loop iteration a task's steps run in, counted by a callback that reschedules itself first
// in every iteration (asyncio 3.11–3.13 agree on all of these).
import type { AbstractEventLoop, Coroutine, Future } from 'pep3156/spec';
import { expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { errorName } from '../support/index.js';

/** Counts loop iterations: `count.it` is N during iteration N (once the ticker ran in it). */
function ticker(loop: AbstractEventLoop, limit = 50): { it: number } {
  const count = { it: 0 };
  const tick = (): void => {
    count.it += 1;
    if (count.it < limit) loop.callSoon(tick);
  };
  loop.callSoon(tick);
  return count;
}

section('task', 'The Scheduler', () => {
  statement(
    'task.start.next-iteration',
    "a task's first step is queued like callSoon at creation: after earlier callbacks, before later ones",
    async ({ loop }) => {
      const count = ticker(loop);
      const seen: string[] = [];
      function* child(): Coroutine<void> {
        seen.push(`child step ${count.it}`);
      }
      function* body(): Coroutine<void> {
        seen.push(`task step ${count.it}`);
        loop.createTask(child());
        loop.callSoon(() => seen.push(`callback after child ${count.it}`));
        yield undefined;
        yield undefined;
      }
      loop.callSoon(() => seen.push(`callback before ${count.it}`));
      const task = loop.createTask(body());
      loop.callSoon(() => seen.push(`callback after ${count.it}`));
      await loop.runUntilComplete(task);
      expect(seen, 'FIFO with callSoon; a task made in iteration 1 starts in iteration 2').toEqual([
        'callback before 1',
        'task step 1',
        'callback after 1',
        'child step 2',
        'callback after child 2',
      ]);
    },
  );

  statement(
    'task.wakeup.next-iteration',
    'tasks waiting on a future resume in the iteration after it is settled, in the order they began to wait',
    async ({ loop }) => {
      const count = ticker(loop);
      const seen: string[] = [];
      const fut = loop.createFuture<number>();
      function* waiter(name: string): Coroutine<void> {
        const value = yield* fut;
        seen.push(`${name} resumed with ${value} in ${count.it}`);
      }
      const a = loop.createTask(waiter('a'));
      fut.addDoneCallback(() => seen.push(`callback added between in ${count.it}`));
      const b = loop.createTask(waiter('b'));
      loop.callSoon(() =>
        loop.callSoon(() => {
          seen.push(`settled in ${count.it}`);
          fut.setResult(7);
        }),
      );
      await loop.runUntilComplete(b);
      expect(a.done()).toBe(true);
      expect(seen, 'one iteration later, in registration order').toEqual([
        'settled in 2',
        'callback added between in 3',
        'a resumed with 7 in 3',
        'b resumed with 7 in 3',
      ]);
    },
  );

  statement(
    'task.await.done-no-suspend',
    'waiting on a future that is already done does not suspend the task: the step goes on',
    async ({ loop }) => {
      const count = ticker(loop);
      const seen: string[] = [];
      const done = loop.createFuture<string>();
      done.setResult('ready');
      function* quick(): Coroutine<string> {
        return 'finished';
      }
      const finished = loop.createTask(quick());
      function* body(): Coroutine<void> {
        yield undefined; // by now `finished` is done too
        loop.callSoon(() => seen.push(`callback in ${count.it}`));
        seen.push(`before in ${count.it}`);
        const a = yield* done;
        const b = yield* finished;
        seen.push(`after ${a} ${b} in ${count.it}`);
      }
      await loop.runUntilComplete(loop.createTask(body()));
      expect(seen, 'no callback ran in between, no iteration passed').toEqual([
        'before in 2',
        'after ready finished in 2',
        'callback in 3',
      ]);
    },
  );

  statement(
    'task.yield.error-next-iteration',
    'the RuntimeError for a bad wait (not a future, another loop, itself) is thrown in one iteration later',
    async ({ loop, newLoop }) => {
      const count = ticker(loop);
      const other = newLoop();
      const seen: string[] = [];
      let self: Future<void> | null = null;
      function* body(): Coroutine<void> {
        const attempts: [string, () => Coroutine<unknown>][] = [
          [
            'a number',
            function* () {
              return yield 42 as unknown as Future<unknown>;
            },
          ],
          ['a foreign future', () => other.createFuture<void>()[Symbol.iterator]()],
          ['itself', () => (self as Future<void>)[Symbol.iterator]()],
        ];
        for (const [label, make] of attempts) {
          seen.push(`waits on ${label} in ${count.it}`);
          try {
            yield* make();
          } catch (e) {
            seen.push(`${errorName(e)} in ${count.it}`);
          }
        }
      }
      self = loop.createTask(body());
      await loop.runUntilComplete(self);
      other.close();
      expect(seen).toEqual([
        'waits on a number in 1',
        'RuntimeError in 2',
        'waits on a foreign future in 2',
        'RuntimeError in 3',
        'waits on itself in 3',
        'RuntimeError in 4',
      ]);
    },
  );
});
