// Twin of sched-sleep-as-task.py: the same trace, line for line.
import {
  type Coroutine,
  ensureFuture,
  gather,
  getRunningLoop,
  run,
  shield,
  sleep,
  taskGroup,
  wait,
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
  let start = it;
  yield* sleep(0);
  console.log(`await sleep(0): +${it - start}`);
  start = it;
  yield* gather(sleep(0));
  console.log(`gather(sleep(0)): +${it - start}`);
  start = it;
  yield* wait([ensureFuture(sleep(0))]);
  console.log(`wait([ensure_future(sleep(0))]): +${it - start}`);
  start = it;
  yield* taskGroup(function* (tg) {
    tg.createTask(sleep(0));
  });
  console.log(`TaskGroup child sleep(0): +${it - start}`);
  start = it;
  yield* shield(sleep(0));
  console.log(`shield(sleep(0)): +${it - start}`);
}

await run(main());
