// Twin of sync-barrier-draining.py: the same trace, line for line.
import { Barrier, type Coroutine, gather, getRunningLoop, run } from 'pep3156';

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  let it = 0;
  const tick = (): void => {
    it += 1;
    if (it < 40) loop.callSoon(tick);
  };
  loop.callSoon(tick);
  const barrier = new Barrier(2);

  function* party(name: string): Coroutine<void> {
    console.log(`${it}: ${name} arrives`);
    const i = yield* barrier.wait();
    console.log(`${it}: ${name} passes with index ${i}`);
  }

  const tasks = [...'abcd'].map((n) => loop.createTask(party(n)));
  yield* gather(...tasks);
  console.log(`${it}: done, n_waiting=${barrier.nWaiting}`);
}

await run(main());
