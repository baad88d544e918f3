// Twin of sched-waitfor-cancel-waits.py: the same trace, line for line.
import { CancelledError, type Coroutine, ensureFuture, getRunningLoop, run, sleep, waitFor } from 'pep3156';

const py = (b: boolean): string => (b ? 'True' : 'False');

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  let it = 0;
  const tick = (): void => {
    it += 1;
    if (it < 30) loop.callSoon(tick);
  };
  loop.callSoon(tick);
  function* inner(): Coroutine<void> {
    try {
      yield* sleep(10);
    } catch (e) {
      if (!(e instanceof CancelledError)) throw e;
      console.log('inner cancelled, cleaning up');
      for (let i = 0; i < 3; i++) yield* sleep(0);
      console.log('inner cleaned up');
      throw e;
    }
  }
  const innerTask = ensureFuture(inner());
  function* outer(): Coroutine<void> {
    try {
      yield* waitFor(innerTask, 10);
    } catch (e) {
      if (e instanceof CancelledError) console.log(`outer cancelled, inner done ${py(innerTask.done())}`);
      throw e;
    }
  }
  const outerTask = ensureFuture(outer());
  yield* sleep(0);
  yield* sleep(0);
  console.log('cancel outer');
  outerTask.cancel();
  try {
    yield* outerTask;
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    console.log(
      `outer_task cancelled ${py(outerTask.cancelled())}, inner cancelled ${py(innerTask.cancelled())}`,
    );
  }
  void it;
}

await run(main());
