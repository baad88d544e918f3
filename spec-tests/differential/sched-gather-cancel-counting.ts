// Twin of sched-gather-cancel-counting.py: the same trace, line for line.
import { CancelledError, type Coroutine, currentTask, ensureFuture, gather, run, sleep } from 'pep3156';

const py = (b: boolean): string => (b ? 'True' : 'False');

function* main(): Coroutine<void> {
  const log: string[] = [];
  function* child(name: string): Coroutine<void> {
    try {
      yield* sleep(1);
    } catch (e) {
      if (e instanceof CancelledError) log.push(`${name} cancelled`);
      throw e;
    }
  }
  function* parent(): Coroutine<void> {
    try {
      yield* gather(child('a'), child('b'));
    } catch (e) {
      if (e instanceof CancelledError) log.push(`parent cancelling ${currentTask()?.cancelling()}`);
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
  console.log(`[${log.map((x) => `'${x}'`).join(', ')}]`);
  function* selfCancelling(): Coroutine<void> {
    currentTask()?.cancel('by itself');
    yield* sleep(0);
  }
  function* other(): Coroutine<string> {
    const task = currentTask();
    try {
      yield* gather(selfCancelling(), sleep(0.01));
    } catch (e) {
      if (e instanceof CancelledError)
        return `CancelledError ('${e.message}',), cancelling ${task?.cancelling()}`;
      throw e;
    }
    return 'no error';
  }
  console.log(yield* other());
}

await run(main());
