// Twin of queue-producer-consumer.py: the same trace, line for line.
import { type Coroutine, gather, getRunningLoop, Queue, run, sleep } from 'pep3156';

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  let it = 0;
  const tick = (): void => {
    it += 1;
    if (it < 40) loop.callSoon(tick);
  };
  loop.callSoon(tick);
  const q = new Queue<number>(2);

  function* producer(): Coroutine<void> {
    for (let i = 0; i < 5; i++) {
      yield* q.put(i);
      console.log(`${it}: put ${i}, qsize=${q.qsize()}`);
    }
  }

  function* consumer(): Coroutine<void> {
    for (let i = 0; i < 5; i++) {
      const item = yield* q.get();
      console.log(`${it}: got ${item}, qsize=${q.qsize()}`);
      q.taskDone();
    }
  }

  const p = loop.createTask(producer());
  const c = loop.createTask(consumer());
  yield* sleep(0);
  yield* q.join();
  console.log(`${it}: joined`);
  yield* gather(p, c);
  console.log(`${it}: done`);
}

await run(main());
