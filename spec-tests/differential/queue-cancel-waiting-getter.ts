// Twin of queue-cancel-waiting-getter.py: the same trace, line for line.
import { CancelledError, type Coroutine, gather, getRunningLoop, Queue, run, sleep } from 'pep3156';

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  let it = 0;
  const tick = (): void => {
    it += 1;
    if (it < 40) loop.callSoon(tick);
  };
  loop.callSoon(tick);
  const q = new Queue<number>();

  function* getter(name: string): Coroutine<void> {
    let item: number;
    try {
      item = yield* q.get();
    } catch (e) {
      if (e instanceof CancelledError) console.log(`${it}: ${name} cancelled`);
      throw e;
    }
    console.log(`${it}: ${name} got ${item}`);
  }

  const a = loop.createTask(getter('a'));
  const b = loop.createTask(getter('b'));
  yield* sleep(0);
  a.cancel();
  yield* sleep(0);
  q.putNowait(1);
  console.log(`${it}: main put 1`);
  yield* gather({ returnExceptions: true }, a, b);
  console.log(`${it}: done, qsize=${q.qsize()}`);
}

await run(main());
