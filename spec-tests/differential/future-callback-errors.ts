// Twin of future-callback-errors.py: the same trace, line for line.
import { type Coroutine, createTask, getRunningLoop, run, sleep } from 'pep3156';

const py = (b: boolean): string => (b ? 'True' : 'False');
const pyList = (items: string[]): string => `[${items.map((s) => `'${s}'`).join(', ')}]`;

class IndexError extends Error {}
class ArithmeticError extends Error {}

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  let it = 0;
  const tick = (): void => {
    it += 1;
    if (it < 30) loop.callSoon(tick);
  };
  loop.callSoon(tick);
  loop.setExceptionHandler((_l, c) =>
    console.log(
      `${it}: handler keys=${pyList(Object.keys(c).sort())} exception=${(c.exception as Error).constructor.name}`,
    ),
  );
  const fut = loop.createFuture<string>();
  fut.addDoneCallback(() => console.log(`${it}: first callback`));
  fut.addDoneCallback(() => {
    throw new IndexError('broken callback');
  });
  fut.addDoneCallback(() => console.log(`${it}: third callback`));

  function* waiter(): Coroutine<void> {
    const value = yield* fut;
    console.log(`${it}: waiter resumed with ${value}`);
  }
  const w = createTask(waiter());
  yield* sleep(0);
  fut.setResult('ok');
  yield* w;

  const boom = new ArithmeticError('task failed');
  function* failing(): Coroutine<void> {
    yield* sleep(0);
    throw boom;
  }
  const t = createTask(failing());
  try {
    yield* t;
  } catch (error) {
    console.log(
      `${it}: awaiting got the same object: ${py(error === boom)}, exception() is it: ${py(t.exception() === boom)}`,
    );
  }
  console.log(`${it}: done=${py(t.done())} cancelled=${py(t.cancelled())}`);
}

await run(main());
