// Twin of sync-semaphore-cancel-queued.py: the same trace, line for line.
import { CancelledError, type Coroutine, gather, getRunningLoop, run, Semaphore, sleep } from 'pep3156';

const py = (b: boolean): string => (b ? 'True' : 'False');

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  let it = 0;
  const tick = (): void => {
    it += 1;
    if (it < 40) loop.callSoon(tick);
  };
  loop.callSoon(tick);
  const sem = new Semaphore(0);

  function* waiter(name: string): Coroutine<void> {
    try {
      yield* sem.acquire();
    } catch (e) {
      if (e instanceof CancelledError) console.log(`${it}: ${name} cancelled`);
      throw e;
    }
    console.log(`${it}: ${name} acquired, locked=${py(sem.locked())}`);
  }

  const a = loop.createTask(waiter('a'));
  const b = loop.createTask(waiter('b'));
  yield* sleep(0);
  a.cancel();
  yield* sleep(0);
  console.log(`${it}: locked=${py(sem.locked())}`);
  sem.release();
  yield* gather({ returnExceptions: true }, a, b);
  console.log(`${it}: done, locked=${py(sem.locked())}`);
}

await run(main());
