// Twin of queue-put-handoff.py: the same trace, line for line.
import { type Coroutine, gather, getRunningLoop, Queue, run, sleep } from 'pep3156';

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  let it = 0;
  const tick = (): void => {
    it += 1;
    if (it < 40) loop.callSoon(tick);
  };
  loop.callSoon(tick);
  const q = new Queue<number>(1);
  q.putNowait(0);

  function* putter(item: number): Coroutine<void> {
    console.log(`${it}: putter ${item} waits, full=${q.full() ? 'True' : 'False'}`);
    yield* q.put(item);
    console.log(`${it}: putter ${item} put, qsize=${q.qsize()}`);
  }

  const tasks = [1, 2].map((i) => loop.createTask(putter(i)));
  yield* sleep(0);
  let got = yield* q.get();
  console.log(`${it}: main got ${got}, qsize=${q.qsize()}`);
  yield* sleep(0);
  got = q.getNowait();
  console.log(`${it}: main got ${got}, qsize=${q.qsize()}`);
  yield* gather(...tasks);
  const items: number[] = [];
  while (!q.empty()) items.push(q.getNowait());
  console.log(`${it}: done, items=[${items.join(', ')}]`);
}

await run(main());
