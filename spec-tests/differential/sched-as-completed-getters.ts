// Twin of sched-as-completed-getters.py: the same trace, line for line.
import {
  asCompleted,
  CancelledError,
  type Coroutine,
  ensureFuture,
  getRunningLoop,
  run,
  sleep,
} from 'pep3156';

const py = (b: boolean): string => (b ? 'True' : 'False');

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  const a = loop.createFuture<string>();
  const b = loop.createFuture<string>();
  const items = [...asCompleted([a, b])];
  loop.callSoon(() => a.setResult('a'));
  loop.callSoon(() => loop.callSoon(() => b.setResult('b')));
  const second = yield* items[1];
  const first = yield* items[0];
  console.log(`awaited second item first: ${second}, then ${first}`);
  const c = loop.createFuture<string>();
  const d = loop.createFuture<string>();
  const it = asCompleted([c, d]);
  const t1 = ensureFuture(it.next().value as never) as ReturnType<typeof ensureFuture<string>>;
  const t2 = ensureFuture(it.next().value as never) as ReturnType<typeof ensureFuture<string>>;
  yield* sleep(0);
  c.setResult('c');
  yield* sleep(0);
  t1.cancel();
  try {
    yield* t1;
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    console.log(`t1 cancelled: ${py(t1.cancelled())}`);
  }
  console.log(`t2 got: ${yield* t2}`);
  d.setResult('d');
}

await run(main());
