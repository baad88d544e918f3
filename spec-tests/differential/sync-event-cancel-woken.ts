// Twin of sync-event-cancel-woken.py: the same trace, line for line.
import { CancelledError, type Coroutine, Event, gather, getRunningLoop, run, sleep } from 'pep3156';

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
    try {
      yield* ev.wait();
      console.log(`${it}: ${name} woken`);
    } catch (e) {
      if (e instanceof CancelledError) console.log(`${it}: ${name} cancelled`);
      throw e;
    }
  }

  const a = loop.createTask(waiter('a'));
  const b = loop.createTask(waiter('b'));
  const c = loop.createTask(waiter('c'));
  yield* sleep(0);
  c.cancel();
  yield* sleep(0);
  ev.set();
  a.cancel();
  console.log(`${it}: main set and cancelled a`);
  const rs = yield* gather({ returnExceptions: true }, a, b, c);
  const names = rs.map((r) => `'${r instanceof Error ? r.name : 'NoneType'}'`);
  console.log(`${it}: [${names.join(', ')}]`);
}

await run(main());
