// Twin of sync-semaphore-handoff.py: the same trace, line for line.
import { type Coroutine, gather, getRunningLoop, run, Semaphore, sleep } from 'pep3156';

const py = (b: boolean): string => (b ? 'True' : 'False');

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  let it = 0;
  const tick = (): void => {
    it += 1;
    if (it < 40) loop.callSoon(tick);
  };
  loop.callSoon(tick);
  const sem = new Semaphore(2);

  function* worker(name: string): Coroutine<void> {
    yield* sem.with(function* () {
      console.log(`${it}: ${name} in, locked=${py(sem.locked())}`);
      yield* sleep(0);
    });
    console.log(`${it}: ${name} out`);
  }

  yield* gather(...[...'abcd'].map(worker));
  console.log(`${it}: done, locked=${py(sem.locked())}`);
}

await run(main());
