// Twin of sched-shield-gather.py: the same trace, line for line.
import {
  CancelledError,
  type Coroutine,
  ensureFuture,
  FIRST_COMPLETED,
  gather,
  getRunningLoop,
  run,
  shield,
  sleep,
  wait,
} from 'pep3156';

const py = (b: boolean): string => (b ? 'True' : 'False');

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  const c1 = loop.createFuture<number>();
  const c2 = loop.createFuture<number>();
  const parent = gather(c1, c2);
  const outer = shield(parent);
  yield* sleep(0);
  outer.cancel();
  yield* sleep(0);
  c1.setResult(1);
  c2.setResult(2);
  yield* sleep(0);
  yield* sleep(0);
  console.log(
    `shield(gather): outer cancelled ${py(outer.cancelled())}, gather [${parent.result().join(', ')}]`,
  );
  const c3 = loop.createFuture<number>();
  const c4 = loop.createFuture<number>();
  const i1 = shield(c3);
  const i2 = shield(c4);
  const g = gather(i1, i2);
  yield* sleep(0);
  g.cancel();
  yield* sleep(0);
  console.log(
    `gather(shields): ${(g.exception() as Error).name}, inner ${py(i1.cancelled())} ${py(i2.cancelled())}, ` +
      `children ${py(c3.cancelled())} ${py(c4.cancelled())}`,
  );
  function* coro1(): Coroutine<void> {
    yield* sleep(0);
  }
  function* coro2(): Coroutine<void> {
    yield* sleep(0);
    yield* sleep(0);
  }
  const a = ensureFuture(coro1());
  const b = ensureFuture(coro2());
  const [done, pending] = yield* wait([b, a], { returnWhen: FIRST_COMPLETED });
  console.log(`really done: done ${done.size}, pending ${pending.size}`);
  function* looping(): Coroutine<void> {
    for (;;) yield* gather({ returnExceptions: true }, sleep(0.005));
  }
  const t = ensureFuture(looping());
  yield* sleep(0.02);
  t.cancel('my message');
  try {
    yield* t;
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    console.log(`message through gather: ('${e.message}',)`);
  }
  let proof = 0;
  const waiter = loop.createFuture<void>();
  function* inner(): Coroutine<void> {
    yield* waiter;
    proof += 1;
  }
  function* outerWaits(): Coroutine<void> {
    yield* wait([ensureFuture(inner())]);
    proof += 100;
  }
  const f = ensureFuture(outerWaits());
  yield* sleep(0);
  f.cancel();
  try {
    yield* f;
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
  }
  waiter.setResult(undefined);
  yield* sleep(0);
  yield* sleep(0);
  console.log(`cancelled wait leaves its task: proof ${proof}`);
}

await run(main());
