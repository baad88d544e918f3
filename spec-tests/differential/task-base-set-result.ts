// Twin of task-base-set-result.py: the same trace, line for line.
import {
  type Coroutine,
  createTask,
  type ExceptionContext,
  Future,
  getRunningLoop,
  run,
  sleep,
} from 'pep3156';

const pyList = (items: string[]): string => `[${items.map((s) => `'${s}'`).join(', ')}]`;
const name = (e: unknown): string => (e as Error).constructor.name;

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  loop.setExceptionHandler((_loop, context: ExceptionContext) => {
    const exc = context.exception;
    console.log(
      `handler: keys=${pyList(Object.keys(context).sort())} exception=${name(exc)}` +
        ` callback=${context.message.startsWith('Exception in callback') ? 'True' : 'False'}`,
    );
  });

  function* body(label: string): Coroutine<string> {
    console.log(`${label}: body runs`);
    yield* sleep(0);
    console.log(`${label}: body resumes`);
    return 'own';
  }

  const a = createTask(body('a'));
  const calls: [string, () => void][] = [
    ['set_result', () => a.setResult('1')],
    ['set_exception', () => a.setException(new Error('x'))],
  ];
  for (const [method, call] of calls) {
    try {
      call();
    } catch (error) {
      if (name(error) === 'RuntimeError')
        console.log(`a.${method}: RuntimeError, done=${a.done() ? 'True' : 'False'}`);
    }
  }

  // Before the first step: the step finds the task done.
  Future.prototype.setResult.call(a, 'forced');
  console.log(`a forced: done=${a.done() ? 'True' : 'False'} result=${a.result()}`);
  yield* sleep(0);
  console.log('after one iteration');

  // While waiting on a future: the wake-up step finds the task done.
  const gate = loop.createFuture<void>();
  function* waits(): Coroutine<void> {
    console.log('b: waits');
    yield* gate;
    console.log('b: resumed');
  }
  const b = createTask(waits());
  yield* sleep(0);
  class KeyError extends Error {}
  Future.prototype.setException.call(b, new KeyError('k'));
  console.log(`b forced: done=${b.done() ? 'True' : 'False'} exception=${name(b.exception())}`);
  gate.setResult();
  yield* sleep(0);
  yield* sleep(0);
  console.log(`end: a=${a.result()} b=${name(b.exception())}`);
}

await run(main());
