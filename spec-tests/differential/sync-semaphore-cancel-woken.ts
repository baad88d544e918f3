// Twin of sync-semaphore-cancel-woken.py: the same trace, line for line.
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
  const sem = new Semaphore(1);
  yield* sem.acquire();

  function* waiter(name: string): Coroutine<void> {
    try {
      yield* sem.acquire();
    } catch (e) {
      if (e instanceof CancelledError) console.log(`${it}: ${name} cancelled, locked=${py(sem.locked())}`);
      throw e;
    }
    console.log(`${it}: ${name} acquired`);
    sem.release();
  }

  const tasks = [...'abc'].map((n) => loop.createTask(waiter(n)));
  yield* sleep(0);
  sem.release();
  tasks[0].cancel();
  console.log(`${it}: main released and cancelled a, locked=${py(sem.locked())}`);
  yield* gather({ returnExceptions: true }, ...tasks);
  console.log(`${it}: done, locked=${py(sem.locked())}`);
}

await run(main());
