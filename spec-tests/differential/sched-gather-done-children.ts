// Twin of sched-gather-done-children.py: the same trace, line for line.
import { type Coroutine, ensureFuture, gather, getRunningLoop, run, sleep } from 'pep3156';

const py = (b: boolean): string => (b ? 'True' : 'False');

class KeyError extends Error {
  override name = 'KeyError';
}

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  const a = loop.createFuture<string>();
  a.setResult('a');
  const b = loop.createFuture<string>();
  b.setResult('b');
  const all = yield* gather(a, b);
  console.log(`all done: [${all.map((r) => `'${r}'`).join(', ')}]`);
  const bad = loop.createFuture<string>();
  bad.setException(new KeyError('k'));
  const pending = loop.createFuture<string>();
  try {
    yield* gather(bad, pending);
  } catch (e) {
    if (!(e instanceof KeyError)) throw e;
    console.log(`failed: ${e.name}, other done ${py(pending.done())}`);
  }
  pending.setResult('later');
  yield* sleep(0);
  console.log(`other child: ${pending.result()}`);
  function* fails(): Coroutine<never> {
    yield* sleep(0);
    throw new RangeError('boom');
  }
  const gate = loop.createFuture<void>(); // set by the scenario once gather has failed, not by a timer
  function* works(): Coroutine<string> {
    yield* gate;
    return 'worked';
  }
  const w = ensureFuture(works());
  try {
    yield* gather(fails(), w);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    console.log(`gather raised RuntimeError, works done ${py(w.done())}`);
  }
  gate.setResult(undefined);
  console.log(`works then: ${yield* w}`);
}

await run(main());
