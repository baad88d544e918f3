// Twin of future-callback-order.py: the same trace, line for line.
import { type Coroutine, createTask, type Future, getRunningLoop, run, sleep } from 'pep3156';

const py = (b: boolean): string => (b ? 'True' : 'False');

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  let it = 0;
  const tick = (): void => {
    it += 1;
    if (it < 20) loop.callSoon(tick);
  };
  loop.callSoon(tick);
  const fut = loop.createFuture<number>();
  const cb =
    (name: string) =>
    (f: Future<number>): void =>
      console.log(`${it}: ${name} (result ${f.result()})`);

  fut.addDoneCallback(cb('first'));
  function* waiter(): Coroutine<void> {
    const value = yield* fut;
    console.log(`${it}: waiter resumed with ${value}`);
  }
  const task = createTask(waiter());
  yield* sleep(0); // the waiter registers its wake-up callback
  fut.addDoneCallback(cb('second'));
  const removed = cb('removed');
  fut.addDoneCallback(removed);
  console.log(`${it}: removed ${fut.removeDoneCallback(removed)}`);
  loop.callSoon(() => console.log(`${it}: call_soon before set_result`));
  fut.setResult(7);
  console.log(`${it}: set_result done`);
  loop.callSoon(() => console.log(`${it}: call_soon after set_result`));
  fut.addDoneCallback(cb('added when done'));
  yield* task;
  console.log(`${it}: main resumed`);
  const other = loop.createFuture<void>();
  other.addDoneCallback((f) => console.log(`${it}: on cancel, cancelled=${py(f.cancelled())}`));
  other.cancel();
  other.addDoneCallback((f) => console.log(`${it}: added when cancelled, cancelled=${py(f.cancelled())}`));
  yield* sleep(0);
  yield* sleep(0);
}

await run(main());
