// Twin of sched-tg-nested.py: the same trace, line for line.
import { type Coroutine, ensureFuture, getRunningLoop, run, sleep, type Task, taskGroup } from 'pep3156';

class ZeroDivisionError extends Error {
  override name = 'ZeroDivisionError';
}
class KeyError extends Error {
  override name = 'KeyError';
}
class ValueError extends Error {
  override name = 'ValueError';
}
const py = (b: boolean): string => (b ? 'True' : 'False');
const list = (xs: string[]): string => `[${xs.map((x) => `'${x}'`).join(', ')}]`;
const name = (e: unknown): string => (e instanceof AggregateError ? 'group' : (e as Error).name);
const types = (eg: AggregateError): string => list([...new Set(eg.errors.map(name))].sort());

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  function* failsInFinally(): Coroutine<void> {
    try {
      yield* sleep(10);
    } finally {
      // biome-ignore lint/correctness/noUnsafeFinally: the scenario fails in a finally, as the Python does
      throw new ZeroDivisionError('division by zero');
    }
  }
  function* runner(): Coroutine<void> {
    yield* taskGroup(function* (g) {
      for (let i = 0; i < 3; i++) g.createTask(failsInFinally());
      yield* sleep(10);
    });
  }
  let r = ensureFuture(runner());
  yield* sleep(0.01);
  r.cancel();
  try {
    yield* r;
  } catch (e) {
    if (!(e instanceof AggregateError)) throw e;
    console.log(`cancelled parent, children fail: ${name(e)} ${types(e)}, ${e.errors.length} errors`);
  }
  const started: string[] = [];
  function* child(n: string): Coroutine<void> {
    started.push(n);
    yield* sleep(1);
  }
  const tasks: Task<void>[] = [];
  try {
    yield* taskGroup(function* (g) {
      tasks.push(g.createTask(child('a')) as Task<void>);
      tasks.push(g.createTask(child('b')) as Task<void>);
      throw new ZeroDivisionError('division by zero');
    });
  } catch (e) {
    if (!(e instanceof AggregateError)) throw e;
    console.log(
      `body fails at once: ${types(e)}, started ${list(started)}, cancelled [${tasks.map((t) => py(t.cancelled())).join(', ')}]`,
    );
  }
  function* nested(): Coroutine<void> {
    yield* taskGroup(function* () {
      yield* taskGroup(function* (g2) {
        g2.createTask(failsInFinally());
        yield* sleep(10);
      });
    });
  }
  r = ensureFuture(nested());
  yield* sleep(0.01);
  r.cancel();
  try {
    yield* r;
  } catch (e) {
    if (!(e instanceof AggregateError)) throw e;
    console.log(`nested: ${types(e)} containing ${types(e.errors[0] as AggregateError)}`);
  }
  const handled: string[] = [];
  loop.setExceptionHandler((_l, ctx) => handled.push((ctx.exception as Error).name));
  function* lateFailure(): Coroutine<void> {
    try {
      yield* sleep(10);
    } finally {
      yield* sleep(0);
      // biome-ignore lint/correctness/noUnsafeFinally: as the Python scenario
      throw new KeyError('late');
    }
  }
  function* outer(): Coroutine<void> {
    yield* taskGroup(function* (g) {
      g.createTask(lateFailure());
      yield* sleep(0);
      throw new ValueError('body');
    });
  }
  try {
    yield* outer();
  } catch (e) {
    if (!(e instanceof AggregateError)) throw e;
    console.log(`body and late child: ${list(e.errors.map(name).sort())}, handler ${list(handled)}`);
  }
}

await run(main());
