// Twin of lock-release-twice-waiters.py: the same trace, line for line.
import { type Coroutine, gather, getRunningLoop, Lock, run, sleep } from 'pep3156';

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  let it = 0;
  const tick = (): void => {
    it += 1;
    if (it < 30) loop.callSoon(tick);
  };
  loop.callSoon(tick);
  const lock = new Lock();
  yield* lock.acquire();
  const order: string[] = [];

  function* waiter(name: string): Coroutine<void> {
    yield* lock.with(function* () {
      console.log(`${it}: ${name} holds`);
      order.push(name);
    });
  }

  const tasks = [...'abc'].map((n) => loop.createTask(waiter(n)));
  yield* sleep(0);
  console.log(`${it}: main releases`);
  lock.release();
  yield* gather(...tasks);
  console.log(
    `${it}: order=[${order.map((n) => `'${n}'`).join(', ')}] locked=${lock.locked() ? 'True' : 'False'}`,
  );
}

await run(main());
