// Twin of queue-cancel-woken-getter.py: the same trace, line for line.
import { CancelledError, type Coroutine, gather, getRunningLoop, Queue, run, sleep } from 'pep3156';

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  let it = 0;
  const tick = (): void => {
    it += 1;
    if (it < 40) loop.callSoon(tick);
  };
  loop.callSoon(tick);
  const q = new Queue<string>();

  function* getter(name: string): Coroutine<void> {
    let item: string;
    try {
      item = yield* q.get();
    } catch (e) {
      if (e instanceof CancelledError) console.log(`${it}: ${name} cancelled, qsize=${q.qsize()}`);
      throw e;
    }
    console.log(`${it}: ${name} got ${item}`);
  }

  const a = loop.createTask(getter('a'));
  const b = loop.createTask(getter('b'));
  yield* sleep(0);
  q.putNowait('x');
  a.cancel();
  console.log(`${it}: main put x and cancelled a`);
  yield* gather({ returnExceptions: true }, a, b);
  console.log(`${it}: done, qsize=${q.qsize()}, a.cancelled=${a.cancelled() ? 'True' : 'False'}`);
}

await run(main());
