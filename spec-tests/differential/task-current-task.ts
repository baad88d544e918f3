// Twin of task-current-task.py: the same trace, line for line.
import {
  type AbstractEventLoop,
  allTasks,
  type Coroutine,
  currentTask,
  newEventLoop,
  sleep,
  type Task,
} from 'pep3156';

function show(label: string, fn: () => Task<unknown> | null): void {
  try {
    const value = fn();
    console.log(`${label}: ${value === null ? 'None' : value.getName()}`);
  } catch (error) {
    if ((error as Error).name !== 'RuntimeError') throw error;
    console.log(`${label}: RuntimeError ${(error as Error).message}`);
  }
}

const loop: AbstractEventLoop = newEventLoop();
const other = newEventLoop();
show('outside, no argument', () => currentTask());
show('outside, loop given', () => currentTask(loop));

function inCallback(): void {
  show('callback, no argument', () => currentTask());
  show('callback, loop given', () => currentTask(loop));
}

function* body(): Coroutine<void> {
  show('task, no argument', () => currentTask());
  show('task, loop given', () => currentTask(loop));
  show('task, other loop', () => currentTask(other));
  loop.callSoon(inCallback);
  yield* sleep(0);
  yield* sleep(0);
  show('task after sleeps', () => currentTask());
}

await loop.runUntilComplete(loop.createTask(body(), { name: 'main' }));
show('after the run, no argument', () => currentTask());
try {
  allTasks();
  console.log('all_tasks outside: no error');
} catch (error) {
  if ((error as Error).name !== 'RuntimeError') throw error;
  console.log(`all_tasks outside: RuntimeError ${(error as Error).message}`);
}
console.log(`all_tasks(loop) outside: ${allTasks(loop).size}`);
loop.close();
other.close();
