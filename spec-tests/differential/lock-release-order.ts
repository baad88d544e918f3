// Twin of lock-release-order.py: the same trace, line for line.
import { type Coroutine, gather, getRunningLoop, Lock, run, sleep } from 'pep3156';

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  let it = 0;
  const tick = (): void => {
    it += 1;
    if (it < 20) loop.callSoon(tick);
  };
  loop.callSoon(tick);
  const lock = new Lock();
  yield* lock.acquire();

  function* waiter(name: string): Coroutine<void> {
    console.log(`${it}: ${name} waits`);
    yield* lock.acquire();
    try {
      console.log(`${it}: ${name} holds`);
    } finally {
      lock.release();
    }
    console.log(`${it}: ${name} released`);
  }

  const a = loop.createTask(waiter('a'));
  const b = loop.createTask(waiter('b'));
  yield* sleep(0);
  console.log(`${it}: main releases`);
  lock.release();
  console.log(`${it}: locked after release: ${lock.locked() ? 'True' : 'False'}`);
  yield* gather(a, b);
  console.log(`${it}: done, locked=${lock.locked() ? 'True' : 'False'}`);
}

await run(main());
