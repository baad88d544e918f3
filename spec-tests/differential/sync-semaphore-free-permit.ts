// Twin of sync-semaphore-free-permit.py: the same trace, line for line.
import { type Coroutine, getRunningLoop, run, Semaphore, sleep } from 'pep3156';

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
    console.log(`${it}: ${name} waits, locked=${py(sem.locked())}`);
    yield* sem.acquire();
    console.log(`${it}: ${name} acquired, locked=${py(sem.locked())}`);
  }

  const a = loop.createTask(waiter('a'));
  yield* sleep(0);
  sem.release();
  sem.release();
  console.log(`${it}: main released twice, locked=${py(sem.locked())}`);
  yield* sem.acquire();
  console.log(`${it}: main acquired, locked=${py(sem.locked())}`);
  yield* a;
  console.log(`${it}: done, locked=${py(sem.locked())}`);
}

await run(main());
