// Twin of queue-get-handoff.py: the same trace, line for line.
import { type Coroutine, gather, getRunningLoop, Queue, run, sleep } from 'pep3156';

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
    console.log(`${it}: ${name} waits`);
    const item = yield* q.get();
    console.log(`${it}: ${name} got ${item}, qsize=${q.qsize()}`);
  }

  const tasks = [...'ab'].map((n) => loop.createTask(getter(n)));
  yield* sleep(0);
  yield* q.put(1);
  console.log(`${it}: main put 1, qsize=${q.qsize()}`);
  q.putNowait(2);
  console.log(`${it}: main put 2, qsize=${q.qsize()}`);
  yield* gather(...tasks);
  console.log(`${it}: done, qsize=${q.qsize()}`);
}

await run(main());
