// Twin of sched-timeout-outer-cancel.py: the same trace, line for line.
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

function* main(): Coroutine<void> {
  function* body(): Coroutine<string> {
    try {
      yield* timeout(0, function* () {
        currentTask()?.cancel();
        yield* sleep(1);
      });
    } catch (e) {
      if (e instanceof TimeoutError) return 'TimeoutError';
      if (e instanceof CancelledError) return `CancelledError, cancelling ${currentTask()?.cancelling()}`;
      throw e;
    }
    return 'no error';
  }
  console.log(`outer cancel too: ${yield* ensureFuture(body())}`);
  function* nested(): Coroutine<string> {
    const task = currentTask();
    try {
      return yield* timeout(10, function* () {
        try {
          yield* timeout(0.01, function* () {
            yield* sleep(1);
          });
        } catch (e) {
          if (!(e instanceof TimeoutError)) throw e;
          console.log(`inner: TimeoutError, cancelling ${task?.cancelling()}`);
        }
        yield* sleep(0);
        return 'outer body finished';
      });
    } catch (e) {
      if (e instanceof TimeoutError) return 'outer TimeoutError';
      throw e;
    }
  }
  console.log(yield* nested());
  function* both(): Coroutine<void> {
    const task = currentTask();
    try {
      yield* timeout(0.01, function* () {
        try {
          yield* timeout(0.01, function* () {
            yield* sleep(1);
          });
        } catch (e) {
          if (!(e instanceof TimeoutError)) throw e;
          console.log('inner of both: TimeoutError');
          yield* sleep(1);
        }
      });
    } catch (e) {
      if (!(e instanceof TimeoutError)) throw e;
      console.log(`outer of both: TimeoutError, cancelling ${task?.cancelling()}`);
    }
  }
  yield* both();
}

await run(main());
