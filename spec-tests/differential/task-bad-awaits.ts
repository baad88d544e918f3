// Twin of task-bad-awaits.py: the same trace, line for line.
import {
  type Coroutine,
  createTask,
  type Future,
  getRunningLoop,
  newEventLoop,
  run,
  type Task,
} from 'pep3156';

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  const other = newEventLoop();
  let it = 0;
  const tick = (): void => {
    it += 1;
    if (it < 30) loop.callSoon(tick);
  };
  loop.callSoon(tick);
  let self: Task<string> | null = null;

  function* body(): Coroutine<string> {
    const attempts: [string, () => Coroutine<unknown>][] = [
      [
        'a number',
        function* () {
          return yield 42 as unknown as Future<unknown>;
        },
      ],
      ['a foreign future', () => other.createFuture<void>()[Symbol.iterator]()],
      ['itself', () => (self as Task<string>)[Symbol.iterator]()],
    ];
    for (const [label, make] of attempts) {
      const awaitable = make();
      console.log(`${it}: awaits ${label}`);
      try {
        yield* awaitable;
        console.log(`${it}: no error`);
      } catch (error) {
        if ((error as Error).name !== 'RuntimeError') throw error;
        console.log(`${it}: RuntimeError for ${label}`);
      }
    }
    return 'went on';
  }

  self = createTask(body());
  const value = yield* self;
  console.log(`${it}: ${value}`);
  other.close();
}

await run(main());
