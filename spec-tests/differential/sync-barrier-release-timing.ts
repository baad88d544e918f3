// Twin of sync-barrier-release-timing.py: the same trace, line for line.
import { Barrier, type Coroutine, gather, getRunningLoop, run, sleep } from 'pep3156';

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  let it = 0;
  const tick = (): void => {
    it += 1;
    if (it < 40) loop.callSoon(tick);
  };
  loop.callSoon(tick);
  const barrier = new Barrier(3);

  function* party(name: string): Coroutine<void> {
    console.log(`${it}: ${name} arrives, n_waiting=${barrier.nWaiting}`);
    const i = yield* barrier.wait();
    console.log(`${it}: ${name} passes with index ${i}, n_waiting=${barrier.nWaiting}`);
  }

  const tasks = [...'abc'].map((n) => loop.createTask(party(n)));
  yield* sleep(0);
  console.log(`${it}: main sees n_waiting=${barrier.nWaiting}`);
  yield* gather(...tasks);
  console.log(`${it}: done, n_waiting=${barrier.nWaiting}, broken=${barrier.broken ? 'True' : 'False'}`);
}

await run(main());
