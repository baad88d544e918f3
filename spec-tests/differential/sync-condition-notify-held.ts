// Twin of sync-condition-notify-held.py: the same trace, line for line.
import { Condition, type Coroutine, gather, getRunningLoop, run, sleep } from 'pep3156';

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  let it = 0;
  const tick = (): void => {
    it += 1;
    if (it < 30) loop.callSoon(tick);
  };
  loop.callSoon(tick);
  const cond = new Condition();

  function* waiter(name: string): Coroutine<void> {
    yield* cond.with(function* () {
      yield* cond.wait();
      console.log(`${it}: ${name} holds the lock again`);
      yield* sleep(0);
      console.log(`${it}: ${name} leaves`);
    });
  }

  const tasks = [...'abc'].map((n) => loop.createTask(waiter(n)));
  yield* sleep(0);
  yield* cond.acquire();
  cond.notifyAll();
  console.log(`${it}: main notified all, keeps the lock`);
  yield* sleep(0);
  yield* sleep(0);
  console.log(`${it}: main releases`);
  cond.release();
  yield* gather(...tasks);
  console.log(`${it}: done, locked=${cond.locked() ? 'True' : 'False'}`);
}

await run(main());
