// Twin of task-cancel-counting.py: the same trace, line for line.
import { CancelledError, type Coroutine, createTask, currentTask, getRunningLoop, run, sleep } from 'pep3156';

const py = (b: boolean): string => (b ? 'True' : 'False');

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  const gate = loop.createFuture<void>();

  function* stubborn(): Coroutine<string> {
    try {
      yield* gate;
    } catch (error) {
      if (!(error instanceof CancelledError)) throw error;
      const me = currentTask();
      if (me === null) throw new Error('no current task');
      console.log(`stubborn caught: ${error.message} cancelling=${me.cancelling()}`);
      console.log(`stubborn uncancel -> ${me.uncancel()}`);
      console.log(`stubborn uncancel -> ${me.uncancel()}`);
    }
    yield* sleep(0);
    return 'went on';
  }

  const t = createTask(stubborn());
  yield* sleep(0);
  console.log(`cancelling before: ${t.cancelling()}`);
  console.log(`cancel: ${py(t.cancel('first'))} cancelling=${t.cancelling()}`);
  console.log(`cancel: ${py(t.cancel('second'))} cancelling=${t.cancelling()}`);
  const result = yield* t;
  console.log(`result: ${result} cancelled=${py(t.cancelled())} cancelling=${t.cancelling()}`);
  console.log(`cancel when done: ${py(t.cancel())} cancelling=${t.cancelling()}`);

  function* plain(): Coroutine<void> {
    yield* sleep(10);
  }
  const p = createTask(plain());
  yield* sleep(0);
  p.cancel('stop');
  try {
    yield* p;
  } catch (error) {
    if (!(error instanceof CancelledError)) throw error;
    console.log(`plain: first retrieval message=${error.message} cancelling=${p.cancelling()}`);
  }

  function* beforeStart(): Coroutine<void> {
    console.log('never printed');
  }
  const b = createTask(beforeStart());
  console.log(`before start: cancel=${py(b.cancel('early'))} cancelling=${b.cancelling()}`);
  try {
    yield* b;
  } catch (error) {
    if (!(error instanceof CancelledError)) throw error;
    console.log(`before start: message=${error.message} cancelled=${py(b.cancelled())}`);
  }
}

await run(main());
