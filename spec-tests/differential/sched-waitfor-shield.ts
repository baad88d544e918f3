// Twin of sched-waitfor-shield.py: the same trace, line for line.
import {
  type Coroutine,
  currentTask,
  ensureFuture,
  gather,
  getRunningLoop,
  run,
  shield,
  sleep,
  TimeoutError,
  waitFor,
} from 'pep3156';

const py = (b: boolean): string => (b ? 'True' : 'False');

function* main(): Coroutine<void> {
  const task = currentTask();
  if (task === null) throw new Error('no task');
  const gate = getRunningLoop().createFuture<void>(); // set after the timeout, not by a timer
  function* late(): Coroutine<string> {
    yield* gate;
    return 'late';
  }
  const inner = ensureFuture(late());
  try {
    yield* waitFor(shield(inner), 0.01);
  } catch (e) {
    if (!(e instanceof TimeoutError)) throw e;
    console.log(`timeout, inner cancelled ${py(inner.cancelled())}, cancelling ${task.cancelling()}`);
  }
  gate.setResult(undefined);
  console.log(`inner: ${yield* inner}`);
  const g = gather(sleep(0.01, 'x'), sleep(1));
  try {
    yield* waitFor(g, 0.005);
  } catch (e) {
    if (!(e instanceof TimeoutError)) throw e;
    console.log(`gather under wait_for: TimeoutError, gather cancelled ${py(g.cancelled())}`);
  }
  console.log(`cancelling ${task.cancelling()}`);
}

await run(main());
