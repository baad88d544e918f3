// Twin of sched-wait-sets-at-resume.py: the same trace, line for line.
import { type Coroutine, FIRST_COMPLETED, getRunningLoop, run, wait } from 'pep3156';

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  const a = loop.createFuture<string>();
  const b = loop.createFuture<string>();
  const c = loop.createFuture<string>();
  loop.callSoon(() => a.setResult('a'));
  loop.callSoon(() => loop.callSoon(() => b.setResult('b')));
  let [done, pending] = yield* wait([a, b, c], { returnWhen: FIRST_COMPLETED });
  const results = [...done].map((f) => `'${f.result()}'`).sort();
  console.log(`done: [${results.join(', ')}]`);
  console.log(`pending: ${pending.size}`);
  const d = loop.createFuture<string>();
  loop.callLater(0.01, () => d.setResult('d'));
  loop.callLater(0.01, () => loop.callSoon(() => c.setResult('c')));
  [done, pending] = yield* wait([c, d], { timeout: 0.01 });
  console.log(`at timeout: done ${done.size}, pending ${pending.size}`);
}

await run(main());
