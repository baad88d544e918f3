// Twin of sched-tg-ported-2.py: the same trace, line for line.
import { type Coroutine, currentTask, ensureFuture, run, sleep, type TaskGroup, taskGroup } from 'pep3156';

class CustomError extends Error {
  override name = 'CustomError';
}
class ZeroDivisionError extends Error {
  override name = 'ZeroDivisionError';
}
const list = (xs: unknown[]): string =>
  `[${xs.map((x) => (typeof x === 'string' ? `'${x}'` : String(x))).join(', ')}]`;

function* main(): Coroutine<void> {
  const done: number[] = [];
  function* coro1(delay: number): Coroutine<void> {
    yield* sleep(delay);
    done.push(delay);
  }
  function* root(g: TaskGroup): Coroutine<void> {
    yield* sleep(0.01);
    g.createTask(coro1(0.01));
    g.createTask(coro1(0.02));
  }
  yield* taskGroup(function* (g) {
    g.createTask(root(g));
  });
  console.log(`24 siblings added later: ${list(done.sort())}`);
  let nhydras = 0;
  function* hydra(g: TaskGroup): Coroutine<void> {
    nhydras += 1;
    yield* sleep(0.01);
    g.createTask(hydra(g));
    g.createTask(hydra(g));
  }
  function* hercules(): Coroutine<never> {
    while (nhydras < 10) yield* sleep(0.015);
    throw new ZeroDivisionError('division by zero');
  }
  try {
    yield* taskGroup(function* (g) {
      g.createTask(hydra(g));
      g.createTask(hercules());
    });
  } catch (e) {
    if (!(e instanceof AggregateError)) throw e;
    const names = [...new Set(e.errors.map((x: Error) => x.name))].sort();
    console.log(`25 hydra: ${list(names)}, at least 10: ${nhydras >= 10 ? 'True' : 'False'}`);
  }
  function* raiseExc(): Coroutine<never> {
    throw new CustomError();
  }
  function* exitRaises(): Coroutine<string> {
    const task = currentTask();
    try {
      yield* taskGroup(function* (tg) {
        try {
          tg.createTask(raiseExc());
          yield* sleep(1);
        } finally {
          // biome-ignore lint/correctness/noUnsafeFinally: as the Python scenario
          throw new CustomError();
        }
      });
    } catch (e) {
      if (!(e instanceof AggregateError)) throw e;
      return `${list(e.errors.map((x: Error) => x.name))}, cancelling ${task?.cancelling()}`;
    }
    return 'no error';
  }
  console.log(`exit raises: ${yield* ensureFuture(exitRaises())}`);
}

await run(main());
