// Twin of sched-timeout-edges.py: the same trace, line for line.
import {
  CancelledError,
  type Coroutine,
  currentTask,
  ensureFuture,
  run,
  sleep,
  TimeoutError,
  timeout,
} from 'pep3156';

const py = (b: boolean): string => (b ? 'True' : 'False');

function* main(): Coroutine<void> {
  for (const delay of [0, -11]) {
    const cm = timeout(delay);
    try {
      yield* cm.run(function* () {
        yield* sleep(0);
      });
      console.log(`timeout(${delay}) around sleep(0): no error`);
    } catch (e) {
      if (!(e instanceof TimeoutError)) throw e;
      console.log(`timeout(${delay}) around sleep(0): TimeoutError, expired ${py(cm.expired())}`);
    }
  }
  try {
    yield* timeout(0.01, function* () {
      try {
        yield* sleep(1);
      } finally {
        try {
          yield* timeout(0.01, function* () {
            yield* sleep(10);
          });
        } catch (e) {
          // biome-ignore lint/correctness/noUnsafeFinally: rethrows what is not the awaited TimeoutError, as the Python does
          if (!(e instanceof TimeoutError)) throw e;
          console.log('nested in finally: inner TimeoutError');
        }
      }
    });
  } catch (e) {
    if (!(e instanceof TimeoutError)) throw e;
    console.log('nested in finally: outer TimeoutError');
  }
  function* afterCancellation(): Coroutine<string> {
    const task = currentTask();
    if (task === null) throw new Error('no task');
    try {
      task.cancel();
      yield* sleep(1);
    } catch (e) {
      if (!(e instanceof CancelledError)) throw e;
    }
    console.log(`after a swallowed cancel: cancelling ${task.cancelling()}`);
    try {
      yield* timeout(0, function* () {
        yield* sleep(1);
      });
    } catch (e) {
      if (!(e instanceof TimeoutError)) throw e;
      console.log('timeout after cancellation: TimeoutError');
    }
    try {
      yield* timeout(1, function* () {
        task.cancel();
        yield* sleep(2);
      });
    } catch (e) {
      if (!(e instanceof CancelledError)) throw e;
      console.log(`cancel in timeout after cancellation: CancelledError, cancelling ${task.cancelling()}`);
    }
    return 'done';
  }
  console.log(yield* ensureFuture(afterCancellation()));
  function* foreign(): Coroutine<string> {
    const cm = timeout(10);
    try {
      yield* cm.run(function* () {
        currentTask()?.cancel();
        yield* sleep(10);
      });
    } catch (e) {
      if (e instanceof CancelledError) return `foreign cancel: CancelledError, expired ${py(cm.expired())}`;
      throw e;
    }
    return 'no error';
  }
  console.log(yield* ensureFuture(foreign()));
}

await run(main());
