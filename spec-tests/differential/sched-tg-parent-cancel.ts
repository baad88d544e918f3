// Twin of sched-tg-parent-cancel.py: the same trace, line for line.
import { CancelledError, type Coroutine, currentTask, ensureFuture, run, sleep, taskGroup } from 'pep3156';

const py = (b: boolean): string => (b ? 'True' : 'False');

function* main(): Coroutine<void> {
  const log: string[] = [];
  function* child(name: string): Coroutine<void> {
    try {
      yield* sleep(1);
    } catch (e) {
      if (!(e instanceof CancelledError)) throw e;
      log.push(`${name} cancelled`);
      yield* sleep(0);
      log.push(`${name} done`);
      throw e;
    }
  }
  function* parent(): Coroutine<void> {
    try {
      yield* taskGroup(function* (tg) {
        tg.createTask(child('a'));
        yield* sleep(1);
      });
    } catch (e) {
      if (e instanceof CancelledError) {
        log.push(`parent sees CancelledError, cancelling ${currentTask()?.cancelling()}`);
      }
      throw e;
    }
  }
  const t = ensureFuture(parent());
  yield* sleep(0);
  yield* sleep(0);
  t.cancel();
  try {
    yield* t;
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    log.push(`parent cancelled ${py(t.cancelled())}`);
  }
  for (const line of log) console.log(line);
}

await run(main());
