// Twin of sched-gather-outer-cancel.py: the same trace, line for line.
import { CancelledError, type Coroutine, ensureFuture, gather, getRunningLoop, run, sleep } from 'pep3156';

const py = (b: boolean): string => (b ? 'True' : 'False');

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  let it = 0;
  const tick = (): void => {
    it += 1;
    if (it < 30) loop.callSoon(tick);
  };
  loop.callSoon(tick);
  const doneChild = loop.createFuture<number>();
  doneChild.setResult(1);
  function* slow(name: string): Coroutine<void> {
    try {
      yield* sleep(10);
    } catch (e) {
      if (!(e instanceof CancelledError)) throw e;
      console.log(`${it}: ${name} cancelled`);
      yield* sleep(0);
      console.log(`${it}: ${name} finishes cancelling`);
      throw e;
    }
  }
  const s1 = ensureFuture(slow('s1'));
  const s2 = ensureFuture(slow('s2'));
  const g = gather(doneChild, s1, s2);
  yield* sleep(0);
  console.log(`${it}: cancel -> ${py(g.cancel())}`);
  console.log(`${it}: cancel again -> ${py(g.cancel())}`);
  try {
    yield* g;
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    console.log(`${it}: gather raised CancelledError`);
  }
  console.log(`g cancelled() ${py(g.cancelled())}, s1 ${py(s1.cancelled())}, s2 ${py(s2.cancelled())}`);
}

await run(main());
