// Twin of sync-condition-notify-timing.py: the same trace, line for line.
import { Condition, type Coroutine, gather, getRunningLoop, run, sleep } from 'pep3156';

const py = (b: boolean): string => (b ? 'True' : 'False');

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
      console.log(`${it}: ${name} waits`);
      const r = yield* cond.wait();
      console.log(`${it}: ${name} woken ${py(r)}, locked=${py(cond.locked())}`);
    });
    console.log(`${it}: ${name} left`);
  }

  const a = loop.createTask(waiter('a'));
  const b = loop.createTask(waiter('b'));
  yield* sleep(0);
  yield* cond.with(function* () {
    cond.notify(1);
    console.log(`${it}: main notified one`);
  });
  yield* sleep(0);
  yield* sleep(0);
  yield* cond.with(function* () {
    cond.notify();
    console.log(`${it}: main notified another`);
  });
  yield* gather(a, b);
  console.log(`${it}: done, locked=${py(cond.locked())}`);
}

await run(main());
