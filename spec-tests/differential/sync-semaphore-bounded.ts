// Twin of sync-semaphore-bounded.py: the same trace, line for line.
import { BoundedSemaphore, type Coroutine, gather, getRunningLoop, run, sleep, ValueError } from 'pep3156';

const py = (b: boolean): string => (b ? 'True' : 'False');

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  let it = 0;
  const tick = (): void => {
    it += 1;
    if (it < 40) loop.callSoon(tick);
  };
  loop.callSoon(tick);
  const sem = new BoundedSemaphore(1);
  yield* sem.acquire();

  function* waiter(name: string): Coroutine<void> {
    yield* sem.with(function* () {
      console.log(`${it}: ${name} holds, locked=${py(sem.locked())}`);
    });
  }

  const a = loop.createTask(waiter('a'));
  const b = loop.createTask(waiter('b'));
  yield* sleep(0);
  sem.release();
  console.log(`${it}: main released, locked=${py(sem.locked())}`);
  yield* gather(a, b);
  try {
    sem.release();
  } catch (e) {
    if (e instanceof ValueError) console.log(`${it}: ${e.name}`);
  }
  console.log(`${it}: done, locked=${py(sem.locked())}`);
}

await run(main());
