// Twin of lock-cancel-queued.py: the same trace, line for line.
import { CancelledError, type Coroutine, gather, getRunningLoop, Lock, run, sleep } from 'pep3156';

const py = (b: boolean): string => (b ? 'True' : 'False');

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

  function* waiter(name: string): Coroutine<void> {
    try {
      yield* lock.with(function* () {
        console.log(`${it}: ${name} holds`);
      });
    } catch (e) {
      if (e instanceof CancelledError) console.log(`${it}: ${name} cancelled`);
      throw e;
    }
  }

  const a = loop.createTask(waiter('a'));
  const b = loop.createTask(waiter('b'));
  yield* sleep(0);
  a.cancel();
  yield* sleep(0);
  console.log(`${it}: main releases, a.done=${py(a.done())}`);
  lock.release();
  yield* gather({ returnExceptions: true }, a, b);
  console.log(`${it}: done, locked=${py(lock.locked())}`);
}

await run(main());
