// Twin of sync-barrier-cancel-waiting.py: the same trace, line for line.
import { Barrier, CancelledError, type Coroutine, gather, getRunningLoop, run, sleep } from 'pep3156';

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
      if (e instanceof CancelledError) console.log(`${it}: ${name} cancelled`);
      throw e;
    }
  }

  const a = loop.createTask(party('a'));
  yield* sleep(0);
  a.cancel();
  console.log(`${it}: cancelled a, n_waiting=${barrier.nWaiting}`);
  yield* sleep(0);
  console.log(`${it}: n_waiting=${barrier.nWaiting}`);
  const b = loop.createTask(party('b'));
  const c = loop.createTask(party('c'));
  yield* gather({ returnExceptions: true }, a, b, c);
  console.log(`${it}: done, n_waiting=${barrier.nWaiting}`);
}

await run(main());
