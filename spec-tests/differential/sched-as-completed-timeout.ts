// Twin of sched-as-completed-timeout.py: the same trace, line for line.
import { asCompleted, type Coroutine, ensureFuture, getRunningLoop, run, sleep, TimeoutError } from 'pep3156';

const py = (b: boolean): string => (b ? 'True' : 'False');
class KeyError extends Error {
  override name = 'KeyError';
}

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  const a = ensureFuture(sleep(0.01, 'a'));
  const b = ensureFuture(sleep(0.001, 'b'));
  const c = loop.createFuture<string>();
  const out: string[] = [];
  for (const f of asCompleted([a, b, c], { timeout: 0.3 })) {
    try {
      out.push(yield* f);
    } catch (e) {
      if (!(e instanceof TimeoutError)) throw e;
      out.push('TimeoutError');
    }
  }
  console.log(`[${out.map((x) => `'${x}'`).join(', ')}]`);
  console.log(`c cancelled: ${py(c.cancelled())}`);
  const bad = loop.createFuture<string>();
  bad.setException(new KeyError('k'));
  for (const f of asCompleted([bad])) {
    try {
      yield* f;
    } catch (e) {
      if (e instanceof KeyError) console.log(`exception passes: ${e.name}`);
    }
  }
}

await run(main());
