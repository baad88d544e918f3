// Twin of queue-join-timing.py: the same trace, line for line.
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
  for (let i = 0; i < 2; i++) q.putNowait(i);

  function* joiner(name: string): Coroutine<void> {
    console.log(`${it}: ${name} joins`);
    yield* q.join();
    console.log(`${it}: ${name} joined`);
  }

  const tasks = [...'ab'].map((n) => loop.createTask(joiner(n)));
  yield* sleep(0);
  q.getNowait();
  q.taskDone();
  console.log(`${it}: one done`);
  yield* sleep(0);
  q.getNowait();
  q.taskDone();
  console.log(`${it}: all done`);
  yield* gather(...tasks);
  yield* q.join();
  console.log(`${it}: joined at once`);
}

await run(main());
