// Twin of task-cancel-during-step.py: the same trace, line for line.
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
const me = (): Task<unknown> => currentTask() as Task<unknown>;

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  let it = 0;
  const tick = (): void => {
    it += 1;
    if (it < 30) loop.callSoon(tick);
  };
  loop.callSoon(tick);

  function* waitsAfter(): Coroutine<string> {
    const self = me();
    console.log(
      `${it}: waits_after cancels itself: ${py(self.cancel('from inside'))} cancelled=${py(self.cancelled())}`,
    );
    try {
      yield* sleep(10);
      return 'slept';
    } catch (error) {
      if (!(error instanceof CancelledError)) throw error;
      console.log(`${it}: waits_after caught '${error.message}'`);
      return 'caught';
    }
  }
  const t1 = createTask(waitsAfter());
  const value = yield* t1;
  console.log(`${it}: t1 -> ${value} cancelled=${py(t1.cancelled())} cancelling=${t1.cancelling()}`);

  function* returnsAfter(): Coroutine<string> {
    console.log(`${it}: returns_after cancels itself: ${py(me().cancel('then returned'))}`);
    return 'returned';
  }
  const t2 = createTask(returnsAfter());
  try {
    yield* t2;
  } catch (error) {
    if (!(error instanceof CancelledError)) throw error;
    console.log(`${it}: t2 cancelled=${py(t2.cancelled())} message '${error.message}'`);
  }

  function* between(): Coroutine<void> {
    console.log(`${it}: between step 1`);
    yield* sleep(0);
    try {
      console.log(`${it}: between step 2`);
      yield* sleep(0);
      console.log(`${it}: between step 3`);
    } catch (error) {
      if (!(error instanceof CancelledError)) throw error;
      console.log(`${it}: between caught '${error.message}'`);
      throw error;
    }
  }
  const t3 = createTask(between());
  yield* sleep(0);
  yield* sleep(0);
  console.log(`${it}: cancel t3: ${py(t3.cancel('between steps'))}`);
  try {
    yield* t3;
  } catch (error) {
    if (!(error instanceof CancelledError)) throw error;
    console.log(`${it}: t3 cancelled=${py(t3.cancelled())}`);
  }
}

await run(main());
