// Twin of sched-waitfor-zero-timeout.py: the same trace, line for line.
import {
  CancelledError,
  type Coroutine,
  currentTask,
  ensureFuture,
  getRunningLoop,
  run,
  sleep,
  TimeoutError,
  waitFor,
} from 'pep3156';

const name = (e: unknown): string => (e instanceof Error ? e.name : String(e));

function* main(): Coroutine<void> {
  const started: string[] = [];
  function* body(): Coroutine<string> {
    started.push('body');
    return 'value';
  }
  for (const t of [0, -1]) {
    try {
      yield* waitFor(body(), t);
      console.log(`timeout ${t}: no error`);
    } catch (e) {
      if (!(e instanceof TimeoutError)) throw e;
      console.log(`timeout ${t}: ${name(e)}, cause ${name(e.cause)}`);
    }
  }
  console.log(`body started: [${started.map((s) => `'${s}'`).join(', ')}]`);
  const loop = getRunningLoop();
  const done = loop.createFuture<string>();
  done.setResult('ready');
  console.log(`done future: ${yield* waitFor(done, 0)}`);
  function* stubborn(): Coroutine<string> {
    try {
      yield* sleep(10);
    } catch (e) {
      if (e instanceof CancelledError) return 'swallowed';
      throw e;
    }
    return 'slept';
  }
  const task = ensureFuture(stubborn());
  yield* sleep(0);
  console.log(`stubborn: ${yield* waitFor(task, 0)}`);
  console.log(`cancelling: ${currentTask()?.cancelling()}`);
}

await run(main());
