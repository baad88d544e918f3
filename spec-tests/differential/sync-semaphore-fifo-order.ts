// Twin of sync-semaphore-fifo-order.py: the same trace, line for line.
import { CancelledError, type Coroutine, gather, getRunningLoop, run, Semaphore, sleep } from 'pep3156';

const py = (b: boolean): string => (b ? 'True' : 'False');

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  let it = 0;
  const tick = (): void => {
    it += 1;
    if (it < 40) loop.callSoon(tick);
  };
  loop.callSoon(tick);
  let sem = new Semaphore(1);
  const result: number[] = [];

  function* c1(): Coroutine<void> {
    yield* sem.acquire();
    result.push(1);
    console.log(`${it}: c1 acquired`);
  }
  function* c2(): Coroutine<void> {
    yield* sem.acquire();
    result.push(2);
    console.log(`${it}: c2 acquired, releases and acquires again`);
    sem.release();
    yield* sem.acquire();
    result.push(4);
    console.log(`${it}: c2 acquired again`);
  }
  function* c3(): Coroutine<void> {
    yield* sem.acquire();
    result.push(3);
    console.log(`${it}: c3 acquired`);
  }

  const tasks = [c1, c2, c3].map((c) => loop.createTask(c()));
  yield* sleep(0);
  sem.release();
  sem.release();
  console.log(`${it}: released twice`);
  yield* gather(...tasks);
  console.log(`${it}: order [${result.join(', ')}]`);

  sem = new Semaphore(0);
  function* acquire(name: string): Coroutine<void> {
    try {
      yield* sem.acquire();
      console.log(`${it}: ${name} acquired`);
    } catch (e) {
      if (e instanceof CancelledError) console.log(`${it}: ${name} cancelled`);
      throw e;
    }
  }
  const ts = [1, 2, 3, 4].map((i) => loop.createTask(acquire(`t${i}`)));
  yield* sleep(0);
  ts[0].cancel();
  ts[1].cancel();
  sem.release();
  console.log(`${it}: cancelled t1, t2 and released`);
  yield* sleep(0);
  yield* sleep(0);
  console.log(`${it}: done [${ts.map((t) => py(t.done())).join(', ')}], locked=${py(sem.locked())}`);
  ts[3].cancel();
  yield* gather({ returnExceptions: true }, ...ts);
  console.log(`${it}: end, locked=${py(sem.locked())}`);
}

await run(main());
