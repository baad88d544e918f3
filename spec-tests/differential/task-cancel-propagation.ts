// Twin of task-cancel-propagation.py: the same trace, line for line.
import {
  CancelledError,
  type Coroutine,
  createTask,
  currentTask,
  getRunningLoop,
  run,
  sleep,
  type Task,
} from 'pep3156';

const py = (b: boolean): string => (b ? 'True' : 'False');

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  let it = 0;
  const tick = (): void => {
    it += 1;
    if (it < 30) loop.callSoon(tick);
  };
  loop.callSoon(tick);
  const leaf = loop.createFuture<void>();

  function* inner(): Coroutine<void> {
    try {
      yield* leaf;
    } catch (error) {
      if (!(error instanceof CancelledError)) throw error;
      console.log(`${it}: inner caught '${error.message}' leaf.cancelled=${py(leaf.cancelled())}`);
      throw error;
    }
  }

  function* outer(c: Task<void>): Coroutine<void> {
    try {
      yield* c;
    } catch (error) {
      if (!(error instanceof CancelledError)) throw error;
      console.log(`${it}: outer caught '${error.message}' child.cancelled=${py(c.cancelled())}`);
      throw error;
    }
  }

  const child = createTask(inner());
  const parent = createTask(outer(child));
  yield* sleep(0);
  console.log(`${it}: cancel parent: ${py(parent.cancel('shutdown'))}`);
  console.log(`${it}: child.cancelling=${child.cancelling()} parent.cancelling=${parent.cancelling()}`);
  try {
    yield* parent;
  } catch (error) {
    if (!(error instanceof CancelledError)) throw error;
    console.log(`${it}: main caught '${error.message}' parent.cancelled=${py(parent.cancelled())}`);
  }

  function* lonelyChild(): Coroutine<void> {
    yield* sleep(10);
  }

  function* forgivingParent(c: Task<void>): Coroutine<string> {
    try {
      yield* c;
    } catch (error) {
      if (!(error instanceof CancelledError)) throw error;
      const me = currentTask() as Task<unknown>;
      console.log(`${it}: forgiving parent caught '${error.message}' cancelling=${me.cancelling()}`);
    }
    return 'parent went on';
  }

  const c2 = createTask(lonelyChild());
  const p2 = createTask(forgivingParent(c2));
  yield* sleep(0);
  console.log(`${it}: cancel the child only: ${py(c2.cancel('child only'))}`);
  const value = yield* p2;
  console.log(
    `${it}: ${value}, parent cancelled=${py(p2.cancelled())} child cancelled=${py(c2.cancelled())}`,
  );
}

await run(main());
