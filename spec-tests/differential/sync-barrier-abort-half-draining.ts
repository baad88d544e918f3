// Twin of sync-barrier-abort-half-draining.py: the same trace, line for line.
import { Barrier, BrokenBarrierError, type Coroutine, gather, getRunningLoop, run } from 'pep3156';

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  let it = 0;
  const tick = (): void => {
    it += 1;
    if (it < 40) loop.callSoon(tick);
  };
  loop.callSoon(tick);
  const barrier = new Barrier(5);
  let count = 0;

  function* coro(name: string): Coroutine<void> {
    try {
      yield* barrier.wait();
    } catch (e) {
      if (!(e instanceof BrokenBarrierError)) throw e;
      console.log(`${it}: ${name} broken while draining`);
      return;
    }
    count += 1;
    console.log(`${it}: ${name} passed, count=${count}`);
    if (count > 2) {
      barrier.abort();
      console.log(`${it}: ${name} aborted the barrier`);
    } else {
      try {
        yield* barrier.wait();
      } catch (e) {
        if (!(e instanceof BrokenBarrierError)) throw e;
        console.log(`${it}: ${name} broken in the second round`);
      }
    }
  }

  yield* gather(...[...'abcde'].map(coro));
  console.log(`${it}: broken=${barrier.broken ? 'True' : 'False'}, n_waiting=${barrier.nWaiting}`);
}

await run(main());
