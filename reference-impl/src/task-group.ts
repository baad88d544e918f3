/**
 * TaskGroup (asyncio 3.11): structured concurrency. Tasks created in a group are awaited together;
 * the first failure cancels the others, and the group fails with every error it collected.
 * @module
 */
import { getRunningLoop } from './events/running-loop.js';
import { CancelledError, RuntimeError } from './exceptions.js';
import { Future } from './futures.js';
import type { AbstractEventLoop, CreateTaskOptions } from './spec/events.js';
import type { Future as FutureSpec, TaskBody, Task as TaskSpec } from './spec/futures.js';
import { currentTask } from './tasks.js';

/**
 * A group of tasks awaited together.
 *
 * @remarks From a generator coroutine, join it in `finally`:
 * `const tg = new TaskGroup(); try { tg.createTask(a()); } finally { yield* tg.join(); }`.
 * From an async function: `await using tg = new TaskGroup();`.
 * When a child fails, the other children and the task that entered the group are cancelled;
 * `join()` then rejects with an `AggregateError` of the children's errors.
 * @example
 * ```ts
 * import { type Coroutine, run, sleep, TaskGroup } from 'pep3156';
 * function* main(): Coroutine<number[]> {
 *   const tg = new TaskGroup();
 *   const a = tg.createTask(sleep(0.01, 1));
 *   const b = tg.createTask(sleep(0.02, 2));
 *   yield* tg.join();
 *   return [a.result(), b.result()];
 * }
 * console.log(await run(main())); // [ 1, 2 ]
 * ```
 */
export class TaskGroup implements AsyncDisposable {
  readonly #loop: AbstractEventLoop;
  readonly #parent: TaskSpec<unknown> | null;
  readonly #tasks = new Set<FutureSpec<unknown>>();
  readonly #errors: unknown[] = [];
  #aborting = false;
  #parentCancelRequested = false;
  #joined = false;
  #idle: Future<void> | null = null;

  /** Creates a group on the running loop (or `options.loop`), owned by the current task. */
  constructor(options: { loop?: AbstractEventLoop } = {}) {
    this.#loop = options.loop ?? getRunningLoop();
    this.#parent = currentTask(this.#loop);
  }

  /**
   * Starts `coro` as a task of the group (a Future is adopted as it is).
   * @throws {@link RuntimeError} once the group has been joined or is shutting down after a failure.
   */
  createTask<T>(coro: TaskBody<T> | FutureSpec<T>, options?: CreateTaskOptions): FutureSpec<T> {
    if (this.#joined) throw new RuntimeError('TaskGroup: already joined');
    if (this.#aborting) throw new RuntimeError('TaskGroup: shutting down after a failure');
    const task =
      typeof (coro as FutureSpec<T>).addDoneCallback === 'function'
        ? (coro as FutureSpec<T>)
        : this.#loop.createTask(coro as TaskBody<T>, options);
    this.#tasks.add(task);
    task.addDoneCallback((t) => this.#onDone(t));
    return task;
  }

  /**
   * Waits until every task of the group is done.
   * @throws `AggregateError` of the children's errors if any child failed.
   */
  join(): FutureSpec<void> {
    this.#joined = true;
    const result = new Future<void>(this.#loop);
    const finish = () => {
      if (this.#parentCancelRequested && this.#parent !== null) this.#parent.uncancel();
      if (this.#errors.length > 0) {
        result.setException(
          new AggregateError(this.#errors, `TaskGroup: ${this.#errors.length} task(s) failed`),
        );
      } else result.setResult(undefined);
    };
    if (this.#tasks.size === 0) {
      this.#loop.callSoon(finish);
      return result;
    }
    this.#idle = new Future<void>(this.#loop);
    this.#idle.addDoneCallback(finish);
    result.addDoneCallback(() => {
      // The joining task was cancelled from outside: cancel the children too.
      if (result.cancelled()) this.#abort();
    });
    return result;
  }

  /** `await using tg = new TaskGroup()`: joins the group at the end of the block. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.join();
  }

  #onDone(task: FutureSpec<unknown>): void {
    this.#tasks.delete(task);
    if (!task.cancelled()) {
      const error = task.exception();
      if (error !== null && !(error instanceof CancelledError)) {
        this.#errors.push(error);
        this.#abort();
        if (!this.#joined && this.#parent !== null && !this.#parent.done()) {
          this.#parentCancelRequested = true;
          this.#parent.cancel();
        }
      }
    }
    if (this.#tasks.size === 0 && this.#idle !== null && !this.#idle.done()) this.#idle.setResult(undefined);
  }

  #abort(): void {
    this.#aborting = true;
    for (const task of this.#tasks) task.cancel();
  }
}
