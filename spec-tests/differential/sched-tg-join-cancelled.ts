// Twin of sched-tg-join-cancelled.py: the same trace, line for line.
import { CancelledError, type Coroutine, ensureFuture, getRunningLoop, run, sleep, taskGroup } from 'pep3156';

const py = (b: boolean): string => (b ? 'True' : 'False');

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  const handled: unknown[] = [];
  loop.setExceptionHandler((_l, ctx) => handled.push(ctx.message));
  const log: string[] = [];
  function* child(): Coroutine<void> {
    try {
      yield* sleep(1);
    } catch (e) {
      if (e instanceof CancelledError) log.push('child cancelled');
      throw e;
    }
  }
  function* parent(): Coroutine<void> {
    yield* taskGroup(function* (tg) {
      tg.createTask(child());
    });
    log.push('not reached');
  }
  const t = ensureFuture(parent());
  yield* sleep(0);
  yield* sleep(0);
  t.cancel();
  try {
    yield* t;
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    log.push(`parent cancelled ${py(t.cancelled())}`);
  }
  for (let i = 0; i < 3; i++) yield* sleep(0);
  console.log(`[${log.map((x) => `'${x}'`).join(', ')}]`);
  console.log(`handler calls: ${handled.length}`);
}

await run(main());
