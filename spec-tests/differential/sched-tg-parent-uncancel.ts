// Twin of sched-tg-parent-uncancel.py: the same trace, line for line.
import { type Coroutine, currentTask, run, sleep, TimeoutError, taskGroup, timeout } from 'pep3156';

class ValueError extends Error {
  override name = 'ValueError';
}

function* main(): Coroutine<void> {
  const task = currentTask();
  if (task === null) throw new Error('no task');
  function* fail(name: string): Coroutine<never> {
    yield* sleep(0);
    throw new ValueError(name);
  }
  try {
    yield* taskGroup(function* (tg) {
      tg.createTask(fail('a'));
      tg.createTask(fail('b'));
      yield* sleep(1);
    });
  } catch (e) {
    if (!(e instanceof AggregateError)) throw e;
    const names = e.errors.map((x: Error) => `'${x.message}'`).sort();
    console.log(`group: [${names.join(', ')}]`);
  }
  console.log(`cancelling after group: ${task.cancelling()}`);
  try {
    yield* timeout(0.01, function* () {
      yield* sleep(1);
    });
  } catch (e) {
    if (!(e instanceof TimeoutError)) throw e;
    console.log('later timeout: TimeoutError');
  }
  console.log(`cancelling at end: ${task.cancelling()}`);
}

await run(main());
