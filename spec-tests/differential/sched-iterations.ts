// Twin of sched-iterations.py: the same trace, line for line.
import {
  asCompleted,
  type Coroutine,
  gather,
  getRunningLoop,
  run,
  shield,
  sleep,
  TimeoutError,
  taskGroup,
  timeout,
} from 'pep3156';

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  let it = 0;
  const tick = (): void => {
    it += 1;
    if (it < 200) loop.callSoon(tick);
  };
  loop.callSoon(tick);
  yield* sleep(0);
  const later = <T>(value: T, delayIterations = 1) => {
    const f = loop.createFuture<T>();
    const step = (n: number): void => {
      if (n === 0) f.setResult(value);
      else loop.callSoon(step, n - 1);
    };
    loop.callSoon(step, delayIterations - 1);
    return f;
  };
  let start = it;
  yield* gather(later(1), later(2, 2));
  console.log(`gather: +${it - start}`);
  start = it;
  yield* shield(later(1));
  console.log(`shield: +${it - start}`);
  start = it;
  function* child(): Coroutine<void> {
    yield* sleep(0);
  }
  yield* taskGroup(function* (tg) {
    tg.createTask(child());
  });
  console.log(`task group, one child that sleeps 0: +${it - start}`);
  start = it;
  yield* taskGroup(function* () {});
  console.log(`empty task group: +${it - start}`);
  start = it;
  try {
    yield* timeout(0, function* () {
      yield* loop.createFuture<void>();
    });
  } catch (e) {
    if (e instanceof TimeoutError) console.log(`timeout(0): +${it - start}`);
  }
  start = it;
  const fut = later(3);
  for (const f of asCompleted([fut])) yield* f;
  console.log(`as_completed: +${it - start}`);
}

await run(main());
