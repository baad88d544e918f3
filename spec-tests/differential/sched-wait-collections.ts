// Twin of sched-wait-collections.py: the same trace, line for line.
import { asCompleted, type Coroutine, getRunningLoop, type ReturnWhen, run, wait } from 'pep3156';

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  const fut = loop.createFuture<string>();
  function* coro(): Coroutine<number> {
    return 1;
  }
  const c = coro();
  for (const [name, arg] of [
    ['future', fut],
    ['coroutine', c],
  ] as const) {
    try {
      yield* wait(arg as never);
      console.log(`wait ${name}: no error`);
    } catch (e) {
      if (!(e instanceof TypeError)) throw e;
      console.log(`wait ${name}: TypeError`);
    }
    try {
      [...asCompleted(arg as never)];
      console.log(`as_completed ${name}: no error`);
    } catch (e) {
      if (!(e instanceof TypeError)) throw e;
      console.log(`as_completed ${name}: TypeError`);
    }
  }
  try {
    yield* wait([]);
  } catch (e) {
    if ((e as Error).name === 'ValueError') console.log('wait empty: ValueError');
  }
  try {
    yield* wait([fut], { returnWhen: 'SOMETIMES' as ReturnWhen });
  } catch (e) {
    if ((e as Error).name === 'ValueError') console.log('wait bad return_when: ValueError');
  }
  fut.setResult('x');
  const [done, pending] = yield* wait([fut, fut]);
  console.log(`twice: done ${done.size}, pending ${pending.size}`);
  const results: string[] = [];
  for (const f of asCompleted([fut, fut])) results.push(`'${yield* f}'`);
  console.log(`as_completed twice: [${results.join(', ')}]`);
}

await run(main());
