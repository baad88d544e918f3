// Chapter 2: one coroutine waits on another. Python 3.4 wrote `yield from compute(x, y)`;
// TypeScript writes `yield* compute(x, y)`, and the result is typed. Twin of 02-yield-from.py.
import { type Coroutine, newEventLoop, sleep } from 'pep3156';

function* compute(x: number, y: number): Coroutine<number> {
  console.log(`compute ${x} + ${y} ...`);
  yield* sleep(0.01);
  return x + y;
}

function* printSum(x: number, y: number): Coroutine<void> {
  const result = yield* compute(x, y);
  //    ^?
  console.log(`${x} + ${y} = ${result}`);
}

const loop = newEventLoop();
await loop.runUntilComplete(printSum(1, 2));
loop.close();
