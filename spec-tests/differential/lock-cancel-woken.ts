// Twin of lock-cancel-woken.py: the same trace, line for line.
import { CancelledError, type Coroutine, gather, getRunningLoop, Lock, run, sleep } from 'pep3156';

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
    console.log(`${it}: ${name} waits`);
    try {
      yield* lock.acquire();
    } catch (e) {
      if (e instanceof CancelledError) console.log(`${it}: ${name} cancelled, locked=${py(lock.locked())}`);
      throw e;
    }
    console.log(`${it}: ${name} holds`);
    lock.release();
    console.log(`${it}: ${name} released`);
  }

  const a = loop.createTask(waiter('a'));
  const b = loop.createTask(waiter('b'));
  const c = loop.createTask(waiter('c'));
  yield* sleep(0);
  lock.release();
  a.cancel();
  console.log(`${it}: main released and cancelled a, locked=${py(lock.locked())}`);
  yield* sleep(0);
  console.log(`${it}: main after one iteration, locked=${py(lock.locked())}`);
  yield* gather({ returnExceptions: true }, a, b, c);
  console.log(`${it}: done, a.cancelled=${py(a.cancelled())}, locked=${py(lock.locked())}`);
}

await run(main());
