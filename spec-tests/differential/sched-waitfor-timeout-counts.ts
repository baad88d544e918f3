// Twin of sched-waitfor-timeout-counts.py: the same trace, line for line.
import { type Coroutine, currentTask, ensureFuture, run, sleep, TimeoutError, waitFor } from 'pep3156';

const py = (b: boolean): string => (b ? 'True' : 'False');
const name = (e: unknown): string => (e instanceof Error ? e.name : String(e));

function* main(): Coroutine<void> {
  const task = currentTask();
  if (task === null) throw new Error('no task');
  const inner = ensureFuture(sleep(10));
  try {
    yield* waitFor(inner, 0.01);
  } catch (e) {
    if (!(e instanceof TimeoutError)) throw e;
    console.log(`first: ${name(e)}, cause ${name(e.cause)}`);
  }
  console.log(`inner cancelled: ${py(inner.cancelled())}`);
  console.log(`cancelling: ${task.cancelling()}`);
  try {
    yield* waitFor(sleep(10), 0.01);
  } catch (e) {
    if (!(e instanceof TimeoutError)) throw e;
    console.log(`second: ${name(e)}`);
  }
  console.log(`cancelling: ${task.cancelling()}`);
  console.log(`in time: ${yield* waitFor(sleep(0, 'ok'), 1)}`);
}

await run(main());
