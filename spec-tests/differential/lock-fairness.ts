// Twin of lock-fairness.py: the same trace, line for line.
import { type Coroutine, getRunningLoop, Lock, run, sleep } from 'pep3156';

const py = (b: boolean): string => (b ? 'True' : 'False');

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  let it = 0;
  const tick = (): void => {
    it += 1;
    if (it < 30) loop.callSoon(tick);
  };
  loop.callSoon(tick);
  const lock = new Lock();
  yield* lock.acquire();

  function* waiter(name: string): Coroutine<void> {
    console.log(`${it}: ${name} waits, locked=${py(lock.locked())}`);
    yield* lock.acquire();
    console.log(`${it}: ${name} holds`);
    yield* sleep(0);
    lock.release();
    console.log(`${it}: ${name} released`);
  }

  const a = loop.createTask(waiter('a'));
  yield* sleep(0);
  lock.release();
  console.log(`${it}: main released, locked=${py(lock.locked())}`);
  yield* lock.acquire();
  console.log(`${it}: main holds again`);
  lock.release();
  yield* a;
  console.log(`${it}: done, locked=${py(lock.locked())}`);
}

await run(main());
