// Twin of sync-barrier-reset-draining.py: the same trace, line for line.
import { Barrier, BrokenBarrierError, type Coroutine, gather, getRunningLoop, run, sleep } from 'pep3156';

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
    try {
      const i = yield* barrier.wait();
      console.log(`${it}: ${name} passes with index ${i}`);
    } catch (e) {
      if (!(e instanceof BrokenBarrierError)) throw e;
      console.log(`${it}: ${name} broken`);
    }
  }

  const a = loop.createTask(party('a'));
  yield* sleep(0);
  const b = loop.createTask(party('b'));
  yield* sleep(0);
  console.log(`${it}: tripped, n_waiting=${barrier.nWaiting}`);
  barrier.reset();
  console.log(`${it}: reset, broken=${barrier.broken ? 'True' : 'False'}`);
  const c = loop.createTask(party('c'));
  yield* gather(a, b);
  console.log(`${it}: a and b done, n_waiting=${barrier.nWaiting}`);
  yield* sleep(0);
  console.log(`${it}: c waits, n_waiting=${barrier.nWaiting}`);
  barrier.reset();
  yield* c;
  console.log(`${it}: done, n_waiting=${barrier.nWaiting}, broken=${barrier.broken ? 'True' : 'False'}`);
}

await run(main());
