// Twin of sched-tg-body-error.py: the same trace, line for line.
import { CancelledError, type Coroutine, currentTask, run, sleep, taskGroup } from 'pep3156';

class KeyError extends Error {
  override name = 'KeyError';
}
class ZeroDivisionError extends Error {
  override name = 'ZeroDivisionError';
}
const list = (xs: string[]): string => `[${xs.map((x) => `'${x}'`).join(', ')}]`;

function* main(): Coroutine<void> {
  const log: string[] = [];
  function* child(name: string, delay: number, fail = false): Coroutine<void> {
    try {
      yield* sleep(delay);
      if (fail) throw new KeyError(name);
      log.push(`${name} finished`);
    } catch (e) {
      if (e instanceof CancelledError) log.push(`${name} cancelled`);
      throw e;
    }
  }
  try {
    yield* taskGroup(function* (tg) {
      tg.createTask(child('slow', 1));
      yield* sleep(0);
      throw new ZeroDivisionError('body');
    });
  } catch (e) {
    if (!(e instanceof AggregateError)) throw e;
    console.log(`only body: ${list(e.errors.map((x: Error) => x.name))}`);
  }
  console.log(list(log));
  log.length = 0;
  try {
    yield* taskGroup(function* (tg) {
      tg.createTask(child('bad', 0, true));
      tg.createTask(child('slow', 1));
      try {
        yield* sleep(1);
      } catch (e) {
        if (!(e instanceof CancelledError)) throw e;
        log.push('body cancelled');
        throw new ZeroDivisionError('body');
      }
    });
  } catch (e) {
    if (!(e instanceof AggregateError)) throw e;
    console.log(`child then body: ${list(e.errors.map((x: Error) => x.name))}`);
  }
  console.log(list(log));
  console.log(`cancelling: ${currentTask()?.cancelling()}`);
}

await run(main());
