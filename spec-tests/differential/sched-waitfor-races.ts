// Twin of sched-waitfor-races.py: the same trace, line for line.
import { CancelledError, type Coroutine, ensureFuture, getRunningLoop, run, sleep, waitFor } from 'pep3156';

const py = (b: boolean): string => (b ? 'True' : 'False');

class FooError extends Error {
  override name = 'FooError';
}

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  const fut = loop.createFuture<string>();
  const w = waitFor(fut, 0.2);
  loop.callSoon(() => fut.setResult('ok'));
  console.log(`race: ${yield* w}`);
  function* swallow(): Coroutine<number> {
    try {
      yield* sleep(1);
    } catch (e) {
      if (e instanceof CancelledError) return 42;
      throw e;
    }
    return 0;
  }
  console.log(`swallowed: ${yield* waitFor(swallow(), 0.01)}`);
  function* raisesInCleanup(): Coroutine<void> {
    try {
      yield* sleep(0.2);
    } finally {
      // biome-ignore lint/correctness/noUnsafeFinally: the scenario raises in a finally, as the Python does
      throw new FooError();
    }
  }
  const inner = ensureFuture(raisesInCleanup());
  try {
    yield* waitFor(inner, 0.001);
  } catch (e) {
    if (e instanceof FooError) console.log('exception while cancelling: FooError');
  }
  function* blocking(): Coroutine<void> {
    yield* loop.createFuture<void>();
  }
  for (const t of [null, 10, 0]) {
    const task = ensureFuture(blocking());
    const wait = ensureFuture(waitFor(task, t));
    loop.callSoon(() => wait.cancel());
    try {
      yield* wait;
    } catch (e) {
      if (!(e instanceof CancelledError)) throw e;
      yield* sleep(0);
      console.log(`cancelled wait (timeout ${t ?? 'None'}): task cancelled ${py(task.cancelled())}`);
    }
  }
}

await run(main());
