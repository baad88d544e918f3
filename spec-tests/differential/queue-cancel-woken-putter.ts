// Twin of queue-cancel-woken-putter.py: the same trace, line for line.
import { CancelledError, type Coroutine, gather, getRunningLoop, Queue, run, sleep } from 'pep3156';

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  let it = 0;
  const tick = (): void => {
    it += 1;
    if (it < 40) loop.callSoon(tick);
  };
  loop.callSoon(tick);
  const q = new Queue<string>(1);
  q.putNowait('first');

  function* putter(item: string): Coroutine<void> {
    try {
      yield* q.put(item);
    } catch (e) {
      if (e instanceof CancelledError) console.log(`${it}: putter ${item} cancelled, qsize=${q.qsize()}`);
      throw e;
    }
    console.log(`${it}: putter ${item} put`);
  }

  const a = loop.createTask(putter('a'));
  const b = loop.createTask(putter('b'));
  yield* sleep(0);
  console.log(`${it}: main got ${q.getNowait()}`);
  a.cancel();
  yield* gather({ returnExceptions: true }, a, b);
  const items: string[] = [];
  while (!q.empty()) items.push(`'${q.getNowait()}'`);
  console.log(`${it}: done, items=[${items.join(', ')}]`);
}

await run(main());
