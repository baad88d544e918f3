/**
 * TaskGroup (asyncio 3.11): structured concurrency. Tasks created in a group are awaited together;
 * the first failure cancels the others and the task that entered the group, and the group fails
 * with every error it collected (the body's too).
 *
 * Invariants (asyncio's `TaskGroup`):
 * - A group is entered by a task (its parent) and left once, by the code that awaits its end.
 * - The parent is cancelled at most once by the group (on the first child error) and uncancelled
 *   once when the group is left, so its `cancelling()` count is what it was before.
 * - Leaving with an error (the body's, or the parent's cancellation) cancels the children; the
 *   group is left only when every child is done.
 * @module
 */
import { CoroutineFuture } from './coroutine-future.js';
import { getRunningLoop } from './events/running-loop.js';
import { CancelledError, RuntimeError } from './exceptions.js';
import type { AbstractEventLoop, CreateTaskOptions } from './spec/events.js';
import type { Coroutine, Future as FutureSpec, TaskBody, Task as TaskSpec } from './spec/futures.js';
import { currentTask, isGenerator } from './tasks.js';

/**
 * A group of tasks awaited together.
 *
 * @remarks The idiom is {@link taskGroup}: `yield* taskGroup(function* (tg) { tg.createTask(a()); … })`
 * (or `await taskGroup(async (tg) => { … })`): the group sees how its body ended, as asyncio's
 * `async with TaskGroup()` does. The older form
 * `const tg = new TaskGroup(); try { … } finally { yield* tg.join(); }`
 * still works, but `join()` cannot see the body's error: use it only for a
 * body that cannot fail. From an async function, `await using tg = new TaskGroup()` joins the same
 * way. When a child fails, the other children and the parent task are cancelled, and the group
 * fails with an `AggregateError` of the errors (asyncio's `ExceptionGroup`).
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
  readonly #parent: TaskSpec<unknown>;
  readonly #tasks = new Set<FutureSpec<unknown>>();
  #errors: unknown[] = [];
  #exiting = false;
  #aborting = false;
  #parentCancelRequested = false;
  #onCompleted: FutureSpec<void> | null = null;

  /**
   * Creates a group on the running loop (or `options.loop`) and enters it: the current task is its
   * parent.
   * @throws {@link RuntimeError} when there is no current task.
   */
  constructor(options: { loop?: AbstractEventLoop } = {}) {
    this.#loop = options.loop ?? getRunningLoop();
    const parent = currentTask(this.#loop);
    if (parent === null) throw new RuntimeError('TaskGroup cannot determine the parent task');
    this.#parent = parent;
  }

  /**
   * Starts `coro` as a task of the group (a Future is adopted as it is).
   * @throws {@link RuntimeError} once the group has ended, or while it shuts down after a failure.
   */
  createTask<T>(coro: TaskBody<T> | FutureSpec<T>, options?: CreateTaskOptions): FutureSpec<T> {
    if (this.#exiting && this.#tasks.size === 0) {
      closeRefused(coro);
      throw new RuntimeError('TaskGroup is finished');
    }
    if (this.#aborting) {
      closeRefused(coro);
      throw new RuntimeError('TaskGroup is shutting down');
    }
    const task =
      typeof (coro as FutureSpec<T>).addDoneCallback === 'function'
        ? (coro as FutureSpec<T>)
        : this.#loop.createTask(coro as TaskBody<T>, options);
    if (task.done()) this.#onTaskDone(task);
    else {
      this.#tasks.add(task);
      task.addDoneCallback((t) => this.#onTaskDone(t));
    }
    return task;
  }

  /**
   * Waits until every task of the group is done (asyncio's `__aexit__` without an error).
   * @throws `AggregateError` of the children's errors if any child failed; CancelledError if the
   *   joining task was cancelled from outside (the children are cancelled and awaited first).
   */
  join(): FutureSpec<void> {
    return new CoroutineFuture(this.#loop, () => this._exit(undefined, false));
  }

  /** `await using tg = new TaskGroup()`: joins the group at the end of the block. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.join();
  }

  /**
   * Leaves the group after a body that ended with `error` (when `failed`): asyncio's `__aexit__`.
   * Returns normally only when the body's own outcome should stand.
   * @internal
   */
  *_exit(error: unknown, failed: boolean): Coroutine<void> {
    this.#exiting = true;
    const bodyCancelled = failed && error instanceof CancelledError;
    let propagateCancellation: CancelledError | null = bodyCancelled ? (error as CancelledError) : null;
    if (failed && !this.#aborting) this.#abort();
    while (this.#tasks.size > 0) {
      const onCompleted = this.#loop.createFuture<void>();
      this.#onCompleted = onCompleted;
      try {
        yield* onCompleted;
      } catch (e) {
        if (!(e instanceof CancelledError)) throw e;
        if (!this.#aborting) {
          propagateCancellation = e;
          this.#abort();
        }
      }
      this.#onCompleted = null;
    }
    // As asyncio 3.13: the parent is uncancelled once the children are done (3.11 and 3.12 did it
    // before waiting for them).
    if (this.#parentCancelRequested && this.#parent.uncancel() === 0) propagateCancellation = null;
    if (propagateCancellation !== null && this.#errors.length === 0) throw propagateCancellation;
    if (failed && !bodyCancelled) this.#errors.push(error);
    if (this.#errors.length > 0) {
      const errors = this.#errors;
      this.#errors = [];
      // As asyncio 3.13: a cancellation from outside that the wait above absorbed is requested
      // again, so the parent is not left running with its cancelling() count alone.
      if (this.#parent.cancelling() > 0) {
        this.#parent.uncancel();
        this.#parent.cancel();
      }
      throw new AggregateError(errors, `unhandled errors in a TaskGroup (${errors.length} sub-exception(s))`);
    }
  }

  #abort(): void {
    this.#aborting = true;
    for (const task of this.#tasks) if (!task.done()) task.cancel();
  }

  #onTaskDone(task: FutureSpec<unknown>): void {
    this.#tasks.delete(task);
    const onCompleted = this.#onCompleted;
    if (onCompleted !== null && this.#tasks.size === 0 && !onCompleted.done())
      onCompleted.setResult(undefined);
    if (task.cancelled()) return;
    const error = task.exception();
    if (error === null) return;
    this.#errors.push(error);
    if (this.#parent.done()) {
      this.#loop.callExceptionHandler({
        message: `Task ${String(task)} has errored out but its parent task ${String(this.#parent)} is already completed`,
        exception: error,
        future: task,
      });
      return;
    }
    if (!this.#aborting && !this.#parentCancelRequested) {
      this.#abort();
      this.#parentCancelRequested = true;
      this.#parent.cancel();
    }
  }
}

/** A generator coroutine refused by createTask is closed, as asyncio 3.13 closes the coroutine. */
function closeRefused(coro: unknown): void {
  if (isGenerator(coro)) coro.return(undefined as never);
}

/** A body run in a task group: it gets the group. */
export type TaskGroupBody<R> = (tg: TaskGroup) => R;

/**
 * Runs `body` with a new {@link TaskGroup} and leaves the group when the body ends: asyncio's
 * `async with TaskGroup() as tg:`. The group sees how the body ended: an error of the body cancels
 * the children and joins the group's `AggregateError`; a cancellation of the task cancels the
 * children, waits for them and propagates. Resolves to the body's value once every child is done.
 * @throws `AggregateError` of the children's errors (and the body's); CancelledError; {@link RuntimeError} outside a task.
 * @example
 * ```ts
 * import { type Coroutine, run, sleep, taskGroup } from 'pep3156';
 * function* main(): Coroutine<number[]> {
 *   const [a, b] = yield* taskGroup(function* (tg) {
 *     return [tg.createTask(sleep(0.01, 1)), tg.createTask(sleep(0.02, 2))];
 *   });
 *   return [a.result(), b.result()];
 * }
 * console.log(await run(main())); // [ 1, 2 ]
 * ```
 */
export function taskGroup<T>(body: TaskGroupBody<Coroutine<T>>): Coroutine<T>;
/** As above, for an async body. */
export function taskGroup<T>(body: TaskGroupBody<PromiseLike<T>>): Promise<T>;
export function taskGroup<T>(body: TaskGroupBody<Coroutine<T> | PromiseLike<T>>): Coroutine<T> | Promise<T> {
  if (body.constructor?.name === 'GeneratorFunction')
    return runGenerator(body as TaskGroupBody<Coroutine<T>>);
  const tg = new TaskGroup();
  let produced: Coroutine<T> | PromiseLike<T>;
  try {
    produced = body(tg);
  } catch (error) {
    return settleAsync(tg, Promise.reject(error));
  }
  if (typeof (produced as PromiseLike<T>).then === 'function')
    return settleAsync(tg, produced as PromiseLike<T>);
  return guard(tg, produced as Coroutine<T>);
}

function* runGenerator<T>(body: TaskGroupBody<Coroutine<T>>): Coroutine<T> {
  const tg = new TaskGroup();
  return yield* guard(tg, body(tg));
}

function* guard<T>(tg: TaskGroup, coro: Coroutine<T>): Coroutine<T> {
  let value: T;
  try {
    value = yield* coro;
  } catch (error) {
    yield* tg._exit(error, true);
    throw error;
  }
  yield* tg._exit(undefined, false);
  return value;
}

async function settleAsync<T>(tg: TaskGroup, produced: PromiseLike<T>): Promise<T> {
  const loop = getRunningLoop();
  let value: T;
  try {
    value = await produced;
  } catch (error) {
    await new CoroutineFuture(loop, () => tg._exit(error, true));
    throw error;
  }
  await new CoroutineFuture(loop, () => tg._exit(undefined, false));
  return value;
}
