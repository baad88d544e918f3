// Twin of sched-gather-two-loops.py: the same trace, line for line.
import { type Coroutine, gather, getRunningLoop, newEventLoop, run } from 'pep3156';

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  const other = newEventLoop();
  const mine = loop.createFuture<string>();
  const theirs = other.createFuture<string>();
  try {
    gather(mine, theirs);
    console.log('two loops: no error');
  } catch (e) {
    if ((e as Error).name !== 'ValueError') throw e;
    console.log('two loops: ValueError');
  }
  other.close();
  mine.setResult('m');
  const results = yield* gather(mine, mine);
  console.log(`twice: [${results.map((r) => `'${r}'`).join(', ')}]`);
}

await run(main());
