// Twin of queue-lifo-priority-handoff.py: the same trace, line for line.
import { type Coroutine, getRunningLoop, LifoQueue, PriorityQueue, type Queue, run, sleep } from 'pep3156';

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  let it = 0;
  const tick = (): void => {
    it += 1;
    if (it < 40) loop.callSoon(tick);
  };
  loop.callSoon(tick);

  function* getter(q: Queue<number>, name: string): Coroutine<void> {
    const item = yield* q.get();
    console.log(`${it}: ${name} got ${item}`);
  }

  const queues: [Queue<number>, string][] = [
    [new LifoQueue<number>(), 'lifo'],
    [new PriorityQueue<number>(), 'priority'],
  ];
  for (const [q, name] of queues) {
    const t = loop.createTask(getter(q, name));
    yield* sleep(0);
    q.putNowait(5);
    q.putNowait(9);
    q.putNowait(1);
    console.log(`${it}: main put 5, 9, 1 into ${name}`);
    yield* t;
    const left: number[] = [];
    while (!q.empty()) left.push(q.getNowait());
    console.log(`${it}: ${name} left [${left.join(', ')}]`);
  }
}

await run(main());
