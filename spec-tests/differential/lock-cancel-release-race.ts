// Twin of lock-cancel-release-race.py: the same trace, line for line.
import { CancelledError, type Coroutine, getRunningLoop, Lock, run, sleep } from 'pep3156';

const py = (b: boolean): string => (b ? 'True' : 'False');

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  let it = 0;
  const tick = (): void => {
    it += 1;
    if (it < 40) loop.callSoon(tick);
  };
  loop.callSoon(tick);
  const lock = new Lock();
  const taken: string[] = [];

  function* lockit(name: string): Coroutine<void> {
    yield* lock.acquire();
    taken.push(name);
    console.log(`${it}: ${name} took the lock`);
  }

  const trigger = (): void => {
    console.log(`${it}: trigger cancels t1 and releases`);
    t1.cancel();
    lock.release();
  };

  yield* lock.acquire();
  const t1 = loop.createTask(lockit('t1'));
  const t2 = loop.createTask(lockit('t2'));
  const t3 = loop.createTask(lockit('t3'));
  yield* sleep(0);
  loop.callSoon(trigger);
  const list = (): string => `[${taken.map((n) => `'${n}'`).join(', ')}]`;
  try {
    yield* t1;
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    console.log(`${it}: t1 cancelled, taken=${list()}`);
  }
  yield* sleep(0);
  console.log(`${it}: t2.done=${py(t2.done())}, t3.done=${py(t3.done())}, locked=${py(lock.locked())}`);
  t3.cancel();
  yield* sleep(0);
  console.log(`${it}: t3.cancelled=${py(t3.cancelled())}, taken=${list()}`);
}

await run(main());
