// Twin of sync-barrier-abort.py: the same trace, line for line.
import { Barrier, BrokenBarrierError, type Coroutine, gather, getRunningLoop, run, sleep } from 'pep3156';

const py = (b: boolean): string => (b ? 'True' : 'False');

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
    try {
      yield* barrier.wait();
      console.log(`${it}: ${name} passes`);
    } catch (e) {
      if (!(e instanceof BrokenBarrierError)) throw e;
      console.log(`${it}: ${name} broken`);
    }
  }

  const tasks = [...'ab'].map((n) => loop.createTask(party(n)));
  yield* sleep(0);
  barrier.abort();
  console.log(`${it}: aborted, broken=${py(barrier.broken)}, n_waiting=${barrier.nWaiting}`);
  yield* gather(...tasks);
  yield* party('late');
  barrier.reset();
  console.log(`${it}: reset, broken=${py(barrier.broken)}`);
}

await run(main());
