// Twin of sched-shield-cancelling.py: the same trace, line for line.
import {
  CancelledError,
  type Coroutine,
  currentTask,
  ensureFuture,
  getRunningLoop,
  run,
  shield,
  sleep,
} from 'pep3156';

const py = (b: boolean): string => (b ? 'True' : 'False');

function* main(): Coroutine<void> {
  const gate = getRunningLoop().createFuture<void>(); // set by the scenario, not by a timer
  function* innerBody(): Coroutine<string> {
    yield* gate;
    return 'inner result';
  }
  const inner = ensureFuture(innerBody());
  function* waiter(): Coroutine<string> {
    const task = currentTask();
    if (task === null) throw new Error('no task');
    try {
      yield* shield(inner);
    } catch (e) {
      if (!(e instanceof CancelledError)) throw e;
      console.log(`waiter cancelled, cancelling ${task.cancelling()}, inner done ${py(inner.done())}`);
      console.log(`uncancel -> ${task.uncancel()}`);
      return yield* inner;
    }
    return 'not cancelled';
  }
  const w = ensureFuture(waiter());
  yield* sleep(0);
  yield* sleep(0);
  w.cancel();
  for (let i = 0; i < 3; i++) yield* sleep(0);
  gate.setResult(undefined);
  console.log(`waiter returned: ${yield* w}`);
  const done = getRunningLoop().createFuture<string>();
  done.setResult('done');
  console.log(`shield of done is itself: ${py(shield(done) === done)}`);
  const c = getRunningLoop().createFuture<string>();
  const s = shield(c);
  c.cancel();
  yield* sleep(0);
  console.log(`inner cancelled -> shield cancelled: ${py(s.cancelled())}`);
}

await run(main());
