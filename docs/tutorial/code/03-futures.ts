// Chapter 3: the futures exercise. A coroutine completes a Future; the loop runs until it is done,
// then a done callback stops the loop. Twin of 03-futures.py.
import { type Coroutine, newEventLoop, sleep } from 'pep3156';
import type { Future } from 'pep3156/spec';

function* slowOperation(future: Future<string>): Coroutine<void> {
  yield* sleep(0.01);
  future.setResult('Future is done!');
}

function gotResult(future: Future<string>): void {
  console.log(`callback: ${future.result()}`);
  future.getLoop().stop();
}

const loop = newEventLoop();
let future = loop.createFuture<string>();
loop.createTask(slowOperation(future));
await loop.runUntilComplete(future);
console.log(`run_until_complete: ${future.result()}`);

future = loop.createFuture<string>();
loop.createTask(slowOperation(future));
future.addDoneCallback(gotResult);
await loop.runForever();
loop.close();
