// Twin of task-cancel-after-wakeup.py: the same trace, line for line.
import { CancelledError, type Coroutine, createTask, getRunningLoop, run, sleep } from 'pep3156';

const py = (b: boolean): string => (b ? 'True' : 'False');

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  let it = 0;
  const tick = (): void => {
    it += 1;
    if (it < 30) loop.callSoon(tick);
  };
  loop.callSoon(tick);
  const fut = loop.createFuture<string>();

  function* waiter(): Coroutine<void> {
    try {
      const value = yield* fut;
      console.log(`${it}: waiter got ${value}`);
    } catch (error) {
      if (!(error instanceof CancelledError)) throw error;
      console.log(`${it}: waiter cancelled instead of getting the result, message '${error.message}'`);
      throw error;
    }
  }

  const t = createTask(waiter());
  yield* sleep(0);
  fut.addDoneCallback((f) => console.log(`${it}: done callback sees ${f.result()}`));
  fut.setResult('the result');
  console.log(`${it}: cancel after set_result: ${py(t.cancel('late'))} fut.cancelled=${py(fut.cancelled())}`);
  try {
    yield* t;
  } catch (error) {
    if (!(error instanceof CancelledError)) throw error;
    console.log(`${it}: task cancelled=${py(t.cancelled())} cancelling=${t.cancelling()}`);
  }
}

await run(main());
