// spec-tests/tests/scheduler/task-group.test.ts: asyncio 3.11's TaskGroup beyond waiting and
// failing (3.11-3.13 agree on everything checked here). `taskGroup(body)` is `async with
// TaskGroup() as tg:`: the group sees how its body ended.
import type { Coroutine } from 'pep3156/spec';
import { expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { errorName } from '../support/index.js';

class KeyError extends Error {
  override name = 'KeyError';
}
class BodyError extends Error {
  override name = 'BodyError';
}

section('scheduler', 'Coroutines and the Scheduler', () => {
  statement(
    'scheduler.task-group.parent-count',
    'the group cancels and uncancels its parent once, however many children fail',
    async ({ api, run }) => {
      const got = await run(
        (function* () {
          const task = api.currentTask();
          const out: unknown[] = [];
          function* fail(name: string): Coroutine<never> {
            yield* api.sleep(0);
            throw new KeyError(name);
          }
          try {
            yield* api.taskGroup(function* (tg) {
              tg.createTask(fail('a'));
              tg.createTask(fail('b'));
              yield* api.sleep(1);
            });
          } catch (e) {
            out.push((e as AggregateError).errors.map((x: Error) => x.message).sort());
          }
          out.push(task?.cancelling());
          try {
            yield* api.timeout(0.002, function* () {
              yield* api.sleep(1);
            });
          } catch (e) {
            out.push(errorName(e));
          }
          out.push(task?.cancelling());
          return out;
        })(),
      );
      expect(got).toEqual([['a', 'b'], 0, 'TimeoutError', 0]);
    },
  );

  statement(
    'scheduler.task-group.body-error',
    "a body that throws cancels the children and joins the group's AggregateError after the children's errors",
    async ({ api, run }) => {
      const log: string[] = [];
      const got = await run(
        (function* () {
          const out: unknown[] = [];
          function* child(name: string, delay: number, fail = false): Coroutine<void> {
            try {
              yield* api.sleep(delay);
              if (fail) throw new KeyError(name);
            } catch (e) {
              if (errorName(e) === 'CancelledError') log.push(`${name} cancelled`);
              throw e;
            }
          }
          try {
            yield* api.taskGroup(function* (tg) {
              tg.createTask(child('slow', 1));
              yield* api.sleep(0);
              throw new BodyError('body');
            });
          } catch (e) {
            out.push(errorName(e), (e as AggregateError).errors.map(errorName));
          }
          try {
            yield* api.taskGroup(function* (tg) {
              tg.createTask(child('bad', 0, true));
              tg.createTask(child('slow2', 1));
              try {
                yield* api.sleep(1);
              } catch {
                throw new BodyError('body');
              }
            });
          } catch (e) {
            out.push((e as AggregateError).errors.map(errorName));
          }
          out.push(api.currentTask()?.cancelling());
          return out;
        })(),
      );
      expect(got).toEqual(['AggregateError', ['BodyError'], ['KeyError', 'BodyError'], 0]);
      expect(log).toEqual(['slow cancelled', 'slow2 cancelled']);
    },
  );

  statement(
    'scheduler.task-group.parent-cancelled',
    'a group whose task is cancelled cancels and awaits its children, then the CancelledError propagates',
    async ({ loop, api, run }) => {
      const log: string[] = [];
      const handled: unknown[] = [];
      loop.setExceptionHandler((_l, context) => handled.push(context));
      const got = await run(
        (function* () {
          function* child(name: string): Coroutine<void> {
            try {
              yield* api.sleep(1);
            } catch (e) {
              log.push(`${name} cancelled`);
              yield* api.sleep(0);
              log.push(`${name} done`);
              throw e;
            }
          }
          function* inBody(): Coroutine<void> {
            try {
              yield* api.taskGroup(function* (tg) {
                tg.createTask(child('a'));
                yield* api.sleep(1);
              });
            } catch (e) {
              log.push(`parent ${errorName(e)} ${api.currentTask()?.cancelling()}`);
              throw e;
            }
          }
          function* inJoin(): Coroutine<void> {
            yield* api.taskGroup(function* (tg) {
              tg.createTask(child('b'));
            });
            log.push('not reached');
          }
          const out: boolean[] = [];
          for (const parent of [inBody, inJoin]) {
            const t = loop.createTask(parent());
            yield* api.sleep(0);
            yield* api.sleep(0);
            t.cancel();
            try {
              yield* t;
            } catch {
              out.push(t.cancelled());
            }
          }
          for (let i = 0; i < 3; i++) yield* api.sleep(0);
          return out;
        })(),
      );
      expect(got).toEqual([true, true]);
      expect(log).toEqual(['a cancelled', 'a done', 'parent CancelledError 1', 'b cancelled', 'b done']);
      expect(handled).toEqual([]);
    },
  );

  statement(
    'scheduler.task-group.create-task',
    'createTask works while the group waits for its children, not once finished or shutting down, nor outside a task',
    async ({ loop, api, run }) => {
      const got = await run(
        (function* () {
          const out: unknown[] = [];
          let kept: InstanceType<typeof api.TaskGroup> | null = null;
          yield* api.taskGroup(function* (tg) {
            kept = tg;
            function* spawner(): Coroutine<void> {
              yield* api.sleep(0);
              out.push(yield* tg.createTask(api.sleep(0, 'late child')));
            }
            tg.createTask(spawner());
          });
          try {
            (kept as unknown as InstanceType<typeof api.TaskGroup>).createTask(api.sleep(0));
          } catch (e) {
            out.push(`after exit: ${errorName(e)}`);
          }
          function* fail(): Coroutine<never> {
            throw new KeyError('x');
          }
          try {
            yield* api.taskGroup(function* (tg2) {
              tg2.createTask(fail());
              try {
                yield* api.sleep(1);
              } catch (e) {
                try {
                  tg2.createTask(api.sleep(0));
                } catch (e2) {
                  out.push(`shutting down: ${errorName(e2)}`);
                }
                throw e;
              }
            });
          } catch (e) {
            out.push(errorName(e));
          }
          const outcome = loop.createFuture<string>();
          loop.callSoon(() => {
            try {
              new api.TaskGroup();
              outcome.setResult('no error');
            } catch (e) {
              outcome.setResult(errorName(e));
            }
          });
          out.push(`outside a task: ${yield* outcome}`);
          return out;
        })(),
      );
      expect(got).toEqual([
        'late child',
        'after exit: RuntimeError',
        'shutting down: RuntimeError',
        'AggregateError',
        'outside a task: RuntimeError',
      ]);
    },
  );
});
