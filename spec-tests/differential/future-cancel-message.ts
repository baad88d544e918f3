// Twin of future-cancel-message.py: the same trace, line for line.
import { CancelledError, type Coroutine, createTask, gather, getRunningLoop, run, sleep } from 'pep3156';

const py = (b: boolean): string => (b ? 'True' : 'False');

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  let it = 0;
  const tick = (): void => {
    it += 1;
    if (it < 30) loop.callSoon(tick);
  };
  loop.callSoon(tick);
  const f = loop.createFuture<number>();
  console.log(`cancel: ${py(f.cancel('shutting down'))} again: ${py(f.cancel('other'))}`);
  for (const [name, call] of [
    ['result', () => f.result()],
    ['exception', () => f.exception()],
    ['result', () => f.result()],
  ] as [string, () => unknown][]) {
    try {
      call();
    } catch (error) {
      if (error instanceof CancelledError) console.log(`${name}(): CancelledError '${error.message}'`);
    }
  }
  const g = loop.createFuture<number>();
  g.cancel();
  try {
    g.result();
  } catch (error) {
    if (error instanceof CancelledError) console.log(`no message: '${error.message}'`);
  }
  const d = loop.createFuture<number>();
  d.setResult(1);
  console.log(`cancel done: ${py(d.cancel())} result=${d.result()}`);

  const gate = loop.createFuture<void>();
  function* waiter(name: string): Coroutine<void> {
    try {
      yield* gate;
    } catch (error) {
      if (!(error instanceof CancelledError)) throw error;
      console.log(`${it}: ${name} got '${error.message}'`);
    }
    try {
      yield* g;
    } catch (error) {
      if (!(error instanceof CancelledError)) throw error;
      console.log(`${it}: ${name} awaited the cancelled g at once: '${error.message}'`);
    }
  }
  const tasks = ['w1', 'w2', 'w3'].map((n) => createTask(waiter(n)));
  yield* sleep(0);
  console.log(`${it}: cancel gate: ${py(gate.cancel('gate closed'))}`);
  yield* gather(...tasks);
  console.log(`${it}: done`);
}

await run(main());
