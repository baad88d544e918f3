// Twin of sched-timeout-swallowed.py: the same trace, line for line.
import { CancelledError, type Coroutine, currentTask, run, sleep, TimeoutError, timeout } from 'pep3156';

const py = (b: boolean): string => (b ? 'True' : 'False');
const name = (e: unknown): string => (e instanceof Error ? e.name : String(e));

function* main(): Coroutine<void> {
  const task = currentTask();
  if (task === null) throw new Error('no task');
  const cm = timeout(0.01);
  yield* cm.run(function* () {
    try {
      yield* sleep(1);
    } catch (e) {
      if (!(e instanceof CancelledError)) throw e;
      console.log(`body swallowed, cancelling ${task.cancelling()}`);
    }
  });
  console.log(`after block: expired ${py(cm.expired())}, cancelling ${task.cancelling()}`);
  try {
    yield* timeout(0.01, function* () {
      yield* sleep(1);
    });
  } catch (e) {
    if (!(e instanceof TimeoutError)) throw e;
    console.log(`next timeout: ${name(e)}, cause ${name(e.cause)}`);
  }
  console.log(`cancelling ${task.cancelling()}`);
}

await run(main());
