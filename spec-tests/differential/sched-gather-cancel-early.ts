// Twin of sched-gather-cancel-early.py: the same trace, line for line.
import { CancelledError, type Coroutine, ensureFuture, gather, run, sleep } from 'pep3156';

const py = (b: boolean): string => (b ? 'True' : 'False');

function* main(): Coroutine<void> {
  const log: string[] = [];
  function* quick(): Coroutine<void> {
    yield* sleep(10);
  }
  function* slow(name: string): Coroutine<void> {
    try {
      yield* sleep(10);
    } catch (e) {
      if (!(e instanceof CancelledError)) throw e;
      for (let i = 0; i < 3; i++) yield* sleep(0);
      log.push(`${name} cleaned up`);
      throw e;
    }
  }
  const a = ensureFuture(quick());
  const b = ensureFuture(slow('b'));
  const g = gather(a, b);
  yield* sleep(0);
  g.cancel();
  try {
    yield* g;
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    log.push(`gather raised, b done ${py(b.done())}`);
  }
  yield* sleep(0.01);
  const d = ensureFuture(slow('d'));
  const g2 = gather({ returnExceptions: true }, ensureFuture(quick()), d);
  yield* sleep(0);
  g2.cancel();
  try {
    yield* g2;
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    log.push(`g2 raised, d done ${py(d.done())}`);
  }
  for (const line of log) console.log(line);
}

await run(main());
