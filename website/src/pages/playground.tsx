// The playground page: small programs on the core (loop, futures, tasks, locks), editable and
// runnable in the browser, each with its output and its timeline of loop iterations.
import Playground from '@site/website/src/components/Playground';
import Layout from '@theme/Layout';
import type { ReactNode } from 'react';

const SAMPLES: { title: string; code: string }[] = [
  {
    title: 'The loop: callSoon order and timers',
    code: `
loop.callSoon(() => print('first'));
loop.callSoon(() => {
  print('second');
  loop.callSoon(() => print('scheduled by second: next iteration'));
});
loop.callLater(0.01, () => {
  print('timer after 10 ms');
  loop.callSoon(() => loop.stop());
});
await loop.runForever();`,
  },
  {
    title: 'Futures: a coroutine completes a future',
    code: `
const fut = loop.createFuture();
fut.addDoneCallback((f) => print('done callback saw', f.result()));
function* setLater() {
  yield* sleep(0.01);
  fut.setResult('the answer');
}
loop.createTask(setLater());
print('runUntilComplete:', await loop.runUntilComplete(fut));`,
  },
  {
    title: 'Tasks: two counters interleave with sleep(0)',
    code: `
function* counter(name, n) {
  for (let i = 0; i < n; i++) {
    print(name + ': ' + i);
    yield* sleep(0);
  }
  return name + ' done';
}
const results = await loop.runUntilComplete(function* () {
  return yield* gather(counter('A', 3), counter('B', 2));
}());
print(results);`,
  },
  {
    title: 'Locks: one holder at a time',
    code: `
function* worker(lock, name) {
  yield* lock.with(function* () {
    print(name + ' holds the lock');
    yield* sleep(0.005);
  });
}
await loop.runUntilComplete(function* () {
  const lock = new Lock();
  yield* gather(worker(lock, 'a'), worker(lock, 'b'), worker(lock, 'c'));
}());`,
  },
];

export default function PlaygroundPage(): ReactNode {
  return (
    <Layout title="Playground" description="Run small asyncio-style programs on pep3156/core in the browser">
      <main className="container margin-vert--lg">
        <h1>Playground</h1>
        <p>
          Edit a program and run it in your browser on <code>pep3156/core</code>, the part of the reference
          implementation that imports nothing from Node. The names it exports are in scope (<code>sleep</code>
          , <code>gather</code>, <code>Lock</code>, …), <code>loop</code> is a fresh event loop, and{' '}
          <code>print</code> writes to the output. The timeline shows which callback ran in which loop
          iteration.
        </p>
        {SAMPLES.map((s) => (
          <Playground key={s.title} title={s.title} code={s.code} />
        ))}
      </main>
    </Layout>
  );
}
