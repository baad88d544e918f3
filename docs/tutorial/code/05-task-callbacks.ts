// Chapter 5: task callbacks. A done callback receives the task; it runs as a loop callback after
// the task finishes, and a cancelled task reports CancelledError. Twin of 05-task-callbacks.py.
import { CancelledError, type Coroutine, ensureFuture, newEventLoop, sleep, type Task } from 'pep3156';

function* work(name: string, delay: number): Coroutine<string> {
  yield* sleep(delay);
  return `${name} finished`;
}

function report(task: Task<string>): void {
  if (task.cancelled()) console.log(`${task.getName()}: cancelled`);
  else console.log(`${task.getName()}: ${task.result()}`);
}

function* main(): Coroutine<void> {
  const fast = ensureFuture(work('fast', 0.01)) as Task<string>;
  fast.setName('fast');
  const slow = ensureFuture(work('slow', 10)) as Task<string>;
  slow.setName('slow');
  fast.addDoneCallback(report);
  slow.addDoneCallback(report);
  yield* fast;
  slow.cancel();
  try {
    yield* slow;
  } catch (err) {
    if (!(err instanceof CancelledError)) throw err;
    console.log('main: slow was cancelled');
  }
}

const loop = newEventLoop();
await loop.runUntilComplete(main());
loop.close();
