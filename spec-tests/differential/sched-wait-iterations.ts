// Twin of sched-wait-iterations.py: the same trace, line for line.
import { type Coroutine, FIRST_EXCEPTION, getRunningLoop, run, sleep, wait } from 'pep3156';

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  let it = 0;
  const tick = (): void => {
    it += 1;
    if (it < 40) loop.callSoon(tick);
  };
  loop.callSoon(tick);
  yield* sleep(0);
  const doneF = loop.createFuture<number>();
  doneF.setResult(1);
  let start = it;
  yield* wait([doneF]);
  console.log(`already done: +${it - start}`);
  const failed = loop.createFuture<number>();
  failed.setException(new RangeError('x'));
  const other = loop.createFuture<number>();
  start = it;
  let [done, pending] = yield* wait([failed, other], { returnWhen: FIRST_EXCEPTION });
  console.log(`first exception: +${it - start}, done ${done.size}, pending ${pending.size}`);
  const later = loop.createFuture<number>();
  loop.callSoon(() => later.setResult(2));
  start = it;
  yield* wait([later]);
  console.log(`completes next iteration: +${it - start}`);
  start = it;
  [done, pending] = yield* wait([other], { timeout: 0 });
  console.log(`timeout 0: +${it - start}, done ${done.size}, pending ${pending.size}`);
  failed.exception();
}

await run(main());
