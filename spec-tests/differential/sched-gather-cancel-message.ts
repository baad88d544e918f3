// Twin of sched-gather-cancel-message.py: the same trace, line for line.
import { CancelledError, type Coroutine, gather, getRunningLoop, run } from 'pep3156';

const py = (b: boolean): string => (b ? 'True' : 'False');

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  const a = loop.createFuture<string>();
  const b = loop.createFuture<string>();
  const g = gather(a, b);
  a.cancel('stop a');
  try {
    yield* g;
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    console.log(`gather: CancelledError ('${e.message}',)`);
  }
  console.log(`gather cancelled(): ${py(g.cancelled())}`);
  console.log(`b done: ${py(b.done())}`);
  const c = loop.createFuture<string>();
  const d = loop.createFuture<string>();
  const g2 = gather({ returnExceptions: true }, c, d);
  c.cancel('stop c');
  d.setResult('d');
  const results = yield* g2;
  const names = results.map((r) => `'${r instanceof Error ? r.name : 'str'}'`);
  console.log(`return_exceptions: [${names.join(', ')}] ('${(results[0] as Error).message}',)`);
}

await run(main());
