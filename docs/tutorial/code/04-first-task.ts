// Chapter 4: tasks run coroutines concurrently. sleep(0) gives up exactly one loop iteration, so the
// two counters interleave deterministically. Twin of 04-first-task.py.
import { type Coroutine, ensureFuture, gather, newEventLoop, sleep } from 'pep3156';

function* counter(name: string, n: number): Coroutine<string> {
  for (let i = 0; i < n; i++) {
    console.log(`${name}: ${i}`);
    yield* sleep(0);
  }
  return `${name} counted to ${n}`;
}

function* main(): Coroutine<void> {
  const a = ensureFuture(counter('A', 3));
  const b = ensureFuture(counter('B', 2));
  console.log('tasks created; none has run yet');
  const results = yield* gather(a, b);
  console.log(`results: ['${results.join("', '")}']`);
}

const loop = newEventLoop();
await loop.runUntilComplete(main());
loop.close();
