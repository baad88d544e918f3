// Twin of sync-barrier-reset-half-draining.py: the same trace, line for line.
import { Barrier, BrokenBarrierError, type Coroutine, gather, getRunningLoop, run } from 'pep3156';

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  let it = 0;
  const tick = (): void => {
    it += 1;
    if (it < 40) loop.callSoon(tick);
  };
  loop.callSoon(tick);
  const barrier = new Barrier(4);
  const broken: string[] = [];

  function* coro(name: string): Coroutine<void> {
    let i: number;
    try {
      i = yield* barrier.wait();
    } catch (e) {
      if (!(e instanceof BrokenBarrierError)) throw e;
      broken.push(name);
      console.log(`${it}: ${name} broken`);
      return;
    }
    console.log(`${it}: ${name} passes with index ${i}`);
    if (i === 0) {
      barrier.reset();
      console.log(`${it}: ${name} reset the barrier`);
    }
  }

  yield* gather(...[...'abcd'].map(coro));
  const names = broken.map((n) => `'${n}'`).join(', ');
  console.log(
    `${it}: broken=[${names}], n_waiting=${barrier.nWaiting}, broken state=${barrier.broken ? 'True' : 'False'}`,
  );
  const r = yield* gather(
    ...[1, 2, 3, 4].map(() =>
      (function* (): Coroutine<number> {
        return yield* barrier.wait();
      })(),
    ),
  );
  console.log(`${it}: next round [${r.sort().join(', ')}]`);
}

await run(main());
