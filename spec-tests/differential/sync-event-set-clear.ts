// Twin of sync-event-set-clear.py: the same trace, line for line.
import { type Coroutine, Event, gather, getRunningLoop, run, sleep } from 'pep3156';

const py = (b: boolean): string => (b ? 'True' : 'False');

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  let it = 0;
  const tick = (): void => {
    it += 1;
    if (it < 30) loop.callSoon(tick);
  };
  loop.callSoon(tick);
  const ev = new Event();

  function* waiter(name: string): Coroutine<void> {
    console.log(`${it}: ${name} waits`);
    const r = yield* ev.wait();
    console.log(`${it}: ${name} woken ${py(r)}, is_set=${py(ev.isSet())}`);
  }

  const tasks = [...'abc'].map((n) => loop.createTask(waiter(n)));
  yield* sleep(0);
  ev.set();
  ev.clear();
  console.log(`${it}: main set and cleared`);
  yield* gather(...tasks);
  console.log(`${it}: all woken`);
  ev.set();
  const r = yield* ev.wait();
  console.log(`${it}: wait on a set event: ${py(r)}`);
}

await run(main());
