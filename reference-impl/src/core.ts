/**
 * pep3156/core: everything that runs without Node (the loop's scheduling, futures, tasks, the
 * scheduler functions, locks, queues). Imports no `node:` module, so it also runs in a browser.
 * @module
 */

export { iscoroutine, iscoroutinefunction } from './coroutines.js';
export { BaseEventLoop, SLICE } from './events/base-event-loop.js';
export { browserHost, type HostTimer, type LoopHost } from './events/host.js';
export { type Logger, logger } from './events/log.js';
export {
  DefaultEventLoopPolicy,
  getEventLoop,
  getEventLoopPolicy,
  newEventLoop,
  Runner,
  type RunnerOptions,
  run,
  setEventLoop,
  setEventLoopPolicy,
} from './events/policy.js';
export { getRunningLoop, setRunningLoop } from './events/running-loop.js';
export * from './exceptions.js';
export { isFuture } from './futures.js';

import { Future as FutureClass } from './futures.js';
import type { AbstractEventLoop as LoopSpec } from './spec/events.js';
import type { Future as FutureSpec, TaskBody as TaskBodySpec, Task as TaskSpec } from './spec/futures.js';
import { Task as TaskClass, type TaskOptions } from './tasks.js';

/**
 * The Future class (PEP 3156 § Futures): `new Future(loop)` or, better, `loop.createFuture()`.
 * As a type, `Future<T>` is the interface every implementation's futures satisfy, so values from
 * any conforming loop fit it.
 */
export type Future<T> = FutureSpec<T>;
/**
 * The Future constructor; `instanceof Future` tells the reference implementation's futures.
 * @example
 * ```ts
 * import { Future, getRunningLoop, run } from 'pep3156';
 * const message = await run(function* () {
 *   const loop = getRunningLoop();
 *   const fut = new Future<string>(loop); // loop.createFuture() is the usual way
 *   loop.callLater(0.01, () => fut.setResult('set by a callback'));
 *   return yield* fut;
 * });
 * console.log(message); // set by a callback
 * ```
 */
export const Future: new <T>(loop: LoopSpec) => FutureSpec<T> = FutureClass;
/**
 * The Task class (PEP 3156 § Tasks): `loop.createTask(coro)` is the usual way to make one.
 * As a type, `Task<T>` is the interface every implementation's tasks satisfy.
 */
export type Task<T> = TaskSpec<T>;
/**
 * The Task constructor; `instanceof Task` tells the reference implementation's tasks.
 * @example
 * ```ts
 * import { type Coroutine, createTask, run, sleep, Task } from 'pep3156';
 * function* work(): Coroutine<string> {
 *   yield* sleep(0.01);
 *   return 'done';
 * }
 * const result = await run(function* () {
 *   const task = createTask(work(), { name: 'worker' }); // rather than new Task(…)
 *   console.log(task instanceof Task, task.getName()); // true worker
 *   return yield* task;
 * });
 * console.log(result); // done
 * ```
 */
export const Task: new <T>(coro: TaskBodySpec<T>, options: TaskOptions) => TaskSpec<T> = TaskClass;
export {
  Barrier,
  BoundedSemaphore,
  Condition,
  Event,
  Lock,
  type PrimitiveOptions,
  Semaphore,
} from './locks.js';
export {
  BaseProtocol,
  BufferedProtocol,
  DatagramProtocol,
  Protocol,
  SubprocessProtocol,
} from './protocols.js';
export {
  type Comparator,
  defaultCompare,
  LifoQueue,
  PriorityQueue,
  Queue,
  type QueueOptions,
} from './queues.js';
export {
  ALL_COMPLETED,
  type AsCompletedOptions,
  type AwaitableLike,
  asCompleted,
  createTask,
  ensureFuture,
  FIRST_COMPLETED,
  FIRST_EXCEPTION,
  type GatherOptions,
  gather,
  type LoopOption,
  type ResultOf,
  type ReturnWhen,
  shield,
  sleep,
  type WaitOptions,
  wait,
  waitFor,
  wrapFuture,
} from './scheduler.js';
export type * from './spec/index.js';
export {
  type ClientConnected,
  DEFAULT_LIMIT,
  openConnection,
  openUnixConnection,
  type StreamOptions,
  StreamReader,
  type StreamReaderOptions,
  StreamReaderProtocol,
  type StreamStartTlsOptions,
  StreamWriter,
  startServer,
  startUnixServer,
} from './streams.js';
export {
  type CreateSubprocessOptions,
  createSubprocessExec,
  createSubprocessShell,
  Process,
} from './subprocess.js';
export { TaskGroup, type TaskGroupBody, taskGroup } from './task-group.js';
export {
  allTasks,
  currentTask,
  type EnterTaskOptions,
  enterTask,
  isTask,
  type TaskOptions,
} from './tasks.js';
export { TestLoop, type TestLoopOptions } from './testing/test-loop.js';
export { Timeout, type TimeoutBody, timeout, timeoutAt } from './timeouts.js';
