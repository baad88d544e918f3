/**
 * CoroutineFuture: the Future a scheduler function returns where asyncio's is a coroutine
 * (`wait`, `waitFor`, `TaskGroup.join`, the futures `asCompleted` yields).
 *
 * Invariants:
 * - Nothing runs at creation, as nothing of a Python coroutine runs before it is awaited.
 * - `yield*` on it from a task runs the body inline in that task (Python's `await coro`): same
 *   task, same iterations, and cancelling the task reaches what the body waits on.
 * - Any other use (a done callback, `await`, `cancel()`, `gather`) first starts the body in a Task
 *   of its own (Python's `ensure_future(coro)`); the future settles in the same step as that task.
 * - Only the public loop interface is used.
 *
 * Differs from CPython: a coroutine object cannot be cancelled; this future can, which cancels the
 * task running its body (started then if need be). While the body runs inline, `cancel()` returns
 * false: cancel the task that awaits it.
 * @module
 */
import { CancelledError } from './exceptions.js';
import { Future } from './futures.js';
import type { AbstractEventLoop } from './spec/events.js';
import type { Coroutine, Task as TaskSpec, Yieldable } from './spec/futures.js';
import { currentTask } from './tasks.js';

const IDLE = 0;
const INLINE = 1;
const TASK = 2;

/**
 * A Future standing for a coroutine call that has not been awaited yet.
 * @internal
 */
export class CoroutineFuture<T> extends Future<T> {
  #body: (() => Coroutine<T>) | null;
  #mode = IDLE;
  #task: TaskSpec<T> | null = null;

  constructor(loop: AbstractEventLoop, body: () => Coroutine<T>) {
    super(loop);
    this.#body = body;
  }

  /** `ensureFuture()` of it: the body runs in a task of its own from now on (if not yet started). @internal */
  _ensureStarted(): void {
    this.#start();
  }

  /** The body as a task of its own, made on the first use other than `yield*` from a task. */
  #start(): void {
    if (this.#mode !== IDLE) return;
    this.#mode = TASK;
    const task = this._loop.createTask(this.#drive(false));
    this.#task = task;
    // A task cancelled before its first step never enters the body: settle from outside then.
    task.addDoneCallback(() => this.#adopt(task));
  }

  #adopt(task: TaskSpec<T>): void {
    // Reading the task's exception marks it retrieved: this future reports it if nobody does.
    const error = task.cancelled() ? null : task.exception();
    if (this.done()) return;
    if (task.cancelled()) super.cancel();
    else if (error !== null) this._setExceptionUnchecked(error);
    else super.setResult(task.result());
  }

  /** Runs the body and settles this future in the same step as the body ends. */
  *#drive(inline: boolean): Coroutine<T> {
    const body = this.#body as () => Coroutine<T>;
    this.#body = null;
    let value: T;
    try {
      value = yield* body();
    } catch (error) {
      if (!this.done()) {
        if (error instanceof CancelledError) super.cancel(error.message);
        else {
          this._setExceptionUnchecked(error);
          // The caller of an inline body gets the error thrown: it is not "never retrieved".
          if (inline) this._retrieved();
        }
      }
      throw error;
    }
    if (!this.done()) super.setResult(value);
    return value;
  }

  override [Symbol.iterator](): Generator<Yieldable, T, unknown> {
    if (this.#mode === IDLE && currentTask(this._loop) !== null) {
      this.#mode = INLINE;
      return this.#drive(true);
    }
    this.#start();
    return super[Symbol.iterator]();
  }

  override addDoneCallback(fn: (future: this) => void): void {
    this.#start();
    super.addDoneCallback(fn);
  }

  // biome-ignore lint/suspicious/noThenProperty: a Future is PromiseLike by design
  override then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    this.#start();
    return super.then(onfulfilled, onrejected);
  }

  /**
   * Cancels the task running the body (started now if need be). While the body runs inline in
   * the caller's task, cancel that task instead: this returns false.
   */
  override cancel(msg?: string): boolean {
    if (this.done()) return false;
    this.#start();
    if (this.#task === null) return false;
    return this.#task.cancel(msg);
  }
}
