// Twin of executor-run.py: the same trace, line for line. Functions run in a Worker: each is
// self-contained (its source is sent).
import { type Coroutine, getRunningLoop, run, sleep } from 'pep3156';

const py = (b: boolean): string => (b ? 'True' : 'False');

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  const product = yield* loop.runInExecutor(null, (x: number, y: number) => x * y, 6, 7);
  console.log(`mul: ${product}`);
  try {
    yield* loop.runInExecutor(null, () => {
      const error = new Error('bad input');
      error.name = 'ValueError';
      throw error;
    });
  } catch (error) {
    console.log(`fails: ${(error as Error).name} '${(error as Error).message}'`);
  }
  const busy = loop.runInExecutor(null, () => {
    const end = Date.now() + 200;
    while (Date.now() < end) {
      // busy in the worker, not on the loop
    }
    return 'slow done';
  });
  let ticks = 0;
  while (!busy.done()) {
    ticks += 1;
    yield* sleep(0.005);
  }
  const value = yield* busy;
  console.log(`slow: ${value}, the loop ticked meanwhile: ${py(ticks >= 2)}`);
  yield* loop.shutdownDefaultExecutor();
  try {
    loop.runInExecutor(null, (x: number, y: number) => x * y, 1, 2);
    console.log('after shutdown: no error');
  } catch (error) {
    if ((error as Error).name !== 'RuntimeError') throw error;
    console.log('after shutdown: RuntimeError');
  }
}

await run(main());
