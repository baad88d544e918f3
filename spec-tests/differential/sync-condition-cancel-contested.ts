// Twin of sync-condition-cancel-contested.py: the same trace, line for line.
import { CancelledError, Condition, type Coroutine, getRunningLoop, run, sleep } from 'pep3156';

const py = (b: boolean): string => (b ? 'True' : 'False');

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  let it = 0;
  const tick = (): void => {
    it += 1;
    if (it < 40) loop.callSoon(tick);
  };
  loop.callSoon(tick);
  const cond = new Condition();
  yield* cond.acquire();

  function* waiter(name: string): Coroutine<void> {
    try {
      yield* cond.wait();
      console.log(`${it}: ${name} woken, locked=${py(cond.locked())}`);
    } catch (e) {
      if (e instanceof CancelledError) console.log(`${it}: ${name} cancelled, locked=${py(cond.locked())}`);
      throw e;
    }
  }

  const waitTask = loop.createTask(waiter('w1'));
  yield* sleep(0);
  console.log(`${it}: w1 waits, locked=${py(cond.locked())}`);
  yield* cond.acquire();
  cond.notify();
  loop.callSoon(() => waitTask.cancel());
  loop.callSoon(() => cond.release());
  console.log(`${it}: main notified, cancel and release scheduled`);
  try {
    yield* waitTask;
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    console.log(`${it}: main saw w1 cancelled`);
  }
  console.log(`${it}: locked=${py(cond.locked())}, w1.cancelled=${py(waitTask.cancelled())}`);
  cond.release();

  const w2 = loop.createTask(cond.with(() => waiter('w2')));
  yield* sleep(0);
  yield* cond.acquire();
  cond.notify();
  yield* sleep(0);
  w2.cancel();
  console.log(`${it}: main cancelled w2 while holding the lock`);
  yield* sleep(0);
  cond.release();
  console.log(`${it}: main released`);
  yield* sleep(0);
  console.log(`${it}: w2.cancelled=${py(w2.cancelled())}, locked=${py(cond.locked())}`);
}

await run(main());
