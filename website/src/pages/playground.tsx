// The playground page: small programs on the core (loop, futures, tasks, locks), editable and
// runnable in the browser, each with its output and its timeline of loop iterations. A link whose
// fragment is `#code=…` (Share, or "Open in playground" on a sample of the docs) opens its program
// first.
import Playground from '@site/website/src/components/Playground';
import { decodeCode } from '@site/website/src/components/playground/link';
import Layout from '@theme/Layout';
import { type ReactNode, useEffect, useState } from 'react';

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
    title: 'TypeScript: types are stripped before the program runs',
    code: `
import { type Coroutine, gather, sleep } from 'pep3156';

function* fetchAfter(name: string, delay: number): Coroutine<string> {
  yield* sleep(delay);
  return \`\${name} after \${delay * 1000} ms\`;
}
function* main(): Coroutine<string[]> {
  return yield* gather(fetchAfter('slow', 0.02), fetchAfter('fast', 0.01));
}
const results: string[] = await loop.runUntilComplete(main());
print(results);`,
  },
  {
    title: 'A loop that never stops: press Stop, or the time budget ends it',
    code: `
let ticks = 0;
function tick() {
  ticks += 1;
  if (ticks % 10 === 0) print('tick', ticks);
  loop.callLater(0.05, tick);
}
loop.callSoon(tick);
await loop.runForever(); // nothing calls loop.stop()`,
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

function Linked(): ReactNode {
  const [code, setCode] = useState<string | null>(null);
  useEffect(() => {
    const read = (): void => setCode(decodeCode(window.location.hash));
    read();
    window.addEventListener('hashchange', read);
    return () => window.removeEventListener('hashchange', read);
  }, []);
  return code === null ? null : <Playground key={code} title="The program from your link" code={code} />;
}

export default function PlaygroundPage(): ReactNode {
  return (
    <Layout title="Playground" description="Run small asyncio-style programs on pep3156/core in the browser">
      <main className="container margin-vert--lg">
        <h1>Playground</h1>
        <p>
          Edit a program and run it in your browser on <code>pep3156/core</code>, the part of the reference
          implementation that imports nothing from Node. The names it exports are in scope (<code>sleep</code>
          , <code>gather</code>, <code>Lock</code>, …), <code>loop</code> is a fresh event loop, and{' '}
          <code>print</code> writes to the output as it runs; <code>import … from 'pep3156'</code> works too,
          and so does TypeScript (its types are stripped). The timeline shows which callback ran in which loop
          iteration. A program runs in a Web Worker for at most five seconds, and Stop ends it at once; Share
          gives a link that opens your program here.
        </p>
        <Linked />
        {SAMPLES.map((s) => (
          <Playground key={s.title} title={s.title} code={s.code} />
        ))}
      </main>
    </Layout>
  );
}
