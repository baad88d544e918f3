// Twin of sync-condition-cancel-waiting.py: the same trace, line for line.
import { CancelledError, Condition, type Coroutine, gather, getRunningLoop, run, sleep } from 'pep3156';

const py = (b: boolean): string => (b ? 'True' : 'False');

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  let it = 0;
  const tick = (): void => {
    it += 1;
    if (it < 30) loop.callSoon(tick);
  };
  loop.callSoon(tick);
  const cond = new Condition();

  function* waiter(): Coroutine<void> {
    yield* cond.with(function* () {
      try {
        yield* cond.wait();
      } catch (e) {
        if (e instanceof CancelledError) console.log(`${it}: waiter cancelled, locked=${py(cond.locked())}`);
        throw e;
      }
    });
  }

  const w = loop.createTask(waiter());
  yield* sleep(0);
  yield* cond.acquire();
  w.cancel();
  console.log(`${it}: main holds the lock and cancelled the waiter`);
  for (let i = 0; i < 3; i++) {
    yield* sleep(0);
    console.log(`${it}: waiter done=${py(w.done())}`);
  }
  cond.release();
  console.log(`${it}: main released`);
  yield* gather({ returnExceptions: true }, w);
  console.log(`${it}: cancelled=${py(w.cancelled())}, locked=${py(cond.locked())}`);
}

await run(main());
