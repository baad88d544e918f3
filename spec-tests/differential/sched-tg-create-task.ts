// Twin of sched-tg-create-task.py: the same trace, line for line.
import { CancelledError, type Coroutine, getRunningLoop, run, sleep, TaskGroup, taskGroup } from 'pep3156';

class ValueError extends Error {
  override name = 'ValueError';
}
const isRuntimeError = (e: unknown): boolean => (e as Error).name === 'RuntimeError';

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  const log: string[] = [];
  let kept: TaskGroup | null = null;
  yield* taskGroup(function* (tg) {
    kept = tg;
    function* spawner(): Coroutine<void> {
      yield* sleep(0);
      const t = tg.createTask(sleep(0, 'late child'));
      log.push(yield* t);
    }
    tg.createTask(spawner());
  });
  console.log(`[${log.map((x) => `'${x}'`).join(', ')}]`);
  try {
    (kept as unknown as TaskGroup).createTask(sleep(0));
  } catch (e) {
    if (isRuntimeError(e)) console.log('after exit: RuntimeError');
  }
  function* fail(): Coroutine<never> {
    throw new ValueError('x');
  }
  try {
    yield* taskGroup(function* (tg2) {
      tg2.createTask(fail());
      try {
        yield* sleep(1);
      } catch (e) {
        if (e instanceof CancelledError) {
          try {
            tg2.createTask(sleep(0));
          } catch (e2) {
            if (isRuntimeError(e2)) console.log('while shutting down: RuntimeError');
          }
        }
        throw e;
      }
    });
  } catch (e) {
    if (!(e instanceof AggregateError)) throw e;
    console.log('group failed: ValueError');
  }
  const outcome = loop.createFuture<string>();
  loop.callSoon(() => {
    try {
      new TaskGroup();
      outcome.setResult('no error');
    } catch (e) {
      if (isRuntimeError(e)) outcome.setResult('RuntimeError');
    }
  });
  console.log(`outside a task: ${yield* outcome}`);
}

await run(main());
