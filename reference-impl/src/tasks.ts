/**
 * Task: a Future that runs a coroutine (PEP 3156 § Tasks).
 *
 * Invariants:
 * - Every step of a generator coroutine runs as a loop callback: the first with `callSoon` at
 *   creation, the next from a done callback of the future it waits on, or one iteration later after
 *   a bare `yield`.
 * - `cancel()` cancels the future the task waits on (which throws `CancelledError` in at the
 *   `yield*`), or makes the next step throw it; a coroutine that catches it may go on.
 * - An `async` function body runs under the task's async context, so the loop futures it awaits are
 *   known to the task and can be cancelled; its continuations run in microtasks, not loop callbacks.
 * - Only the public loop interface is used (PEP § The Scheduler).
 * @module
 */
import { asyncContext } from './events/async-context.js';
import { callSoonRunnable, Handle, type Runnable } from './events/handle.js';
import { getRunningLoop } from './events/running-loop.js';
import { CancelledError, InvalidStateError, RuntimeError } from './exceptions.js';
import { type AsyncWaiter, Future, isFuture, type Waker } from './futures.js';
import type { AbstractEventLoop } from './spec/events.js';
import type { Coroutine, Future as FutureSpec, TaskBody, Task as TaskSpec } from './spec/futures.js';

let taskCounter = 0;
/** The task whose step is running, if any (ours, or another implementation's through {@link enterTask}). */
let current: TaskSpec<unknown> | null = null;
/** Every task not yet done. */
const pending = new Set<Task<unknown>>();
const baseAddDoneCallback = Future.prototype.addDoneCallback;

/** Whether `value` is a generator object (a generator coroutine). */
/**
 * The TypeError for a task body that is neither a generator nor a function. A PromiseLike is the
 * common mistake (`run(main())` for an async `main`: calling it started its body outside the loop),
 * so its message says what to write instead, and its rejection is marked handled: the TypeError
 * reports the mistake, an unhandled rejection of the stray call would only hide it.
 */
function badBody(coro: unknown): TypeError {
  if (coro !== null && typeof (coro as PromiseLike<unknown>)?.then === 'function') {
    (coro as PromiseLike<unknown>).then(undefined, () => {});
    return new TypeError(
      'Task: got a Promise, not a coroutine: an async function runs as soon as it is called, outside the loop. ' +
        'Pass the function itself (run(main), createTask(main)), or write main as a generator coroutine (function*).',
    );
  }
  return new TypeError(
    `Task: a coroutine (generator) or a function was expected, got ${coro === null ? 'null' : typeof coro}`,
  );
}

export function isGenerator(value: unknown): value is Coroutine<unknown> {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as Generator).next === 'function' &&
    typeof (value as Generator).throw === 'function'
  );
}

/** Options of the {@link Task} constructor. */
export interface TaskOptions {
  /** The loop the task runs on. */
  loop: AbstractEventLoop;
  /** The task's name; defaults to `Task-N`. */
  name?: string | undefined;
}

/**
 * A Future that runs a coroutine: a generator (`function*` with `yield*`) or a function returning a
 * generator or a Promise (an `async` function).
 * @typeParam T - What the coroutine returns.
 * @example
 * ```ts
 * import { type Coroutine, newEventLoop, sleep } from 'pep3156';
 * function* work(): Coroutine<string> {
 *   yield* sleep(0.01);
 *   return 'done';
 * }
 * const loop = newEventLoop();
 * const task = loop.createTask(work());
 * console.log(await loop.runUntilComplete(task)); // done
 * loop.close();
 * ```
 * @see {@link https://peps.python.org/pep-3156/#tasks | PEP 3156 § Tasks}
 */
export class Task<T> extends Future<T> implements TaskSpec<T>, AsyncWaiter, Runnable, Waker {
  #coro: TaskBody<T>;
  #gen: Coroutine<T> | null = null;
  /** The name, or null for the default `Task-<id>` (made only when asked for). */
  #name: string | null;
  readonly #id: number;
  /** The future the task waits on. */
  #waiter: FutureSpec<unknown> | null = null;
  #mustCancel = false;
  #numCancelsRequested = 0;
  #started = false;
  /** The step as a callback, for a loop other than the reference's (made on first use). */
  #stepFn: (() => void) | null = null;
  /**
   * The wakeup as a done callback, for a future other than the reference's (made on first use);
   * a reference Future wakes the task through `_wakeFrom` instead.
   */
  #wakeupFn: ((future: FutureSpec<unknown>) => void) | null = null;
  /** The future whose completion queued this task in the ready queue (see `_wakeFrom`). */
  #wakeFrom: Future<unknown> | null = null;

  /**
   * Creates a task and schedules its first step. Prefer `loop.createTask()`.
   * @remarks A function is called at the first step; if it returns neither a generator nor a
   * PromiseLike, the task fails with TypeError (asyncio refuses what is not a coroutine).
   * @throws TypeError if `coro` is neither a generator nor a function.
   */
  constructor(coro: TaskBody<T>, options: TaskOptions) {
    super(options.loop);
    if (!isGenerator(coro) && typeof coro !== 'function') throw badBody(coro);
    this.#coro = coro;
    if (isGenerator(coro)) this.#gen = coro as Coroutine<T>;
    this.#id = ++taskCounter;
    this.#name = options.name === undefined ? null : String(options.name);
    pending.add(this as Task<unknown>);
    this.#scheduleStep();
  }

  /**
   * Schedules the next step as a loop callback: on the reference loop, the task itself goes into
   * the ready queue (no Handle, no closure: a step is the hottest path of a program with many
   * tasks); on any other loop, through the public `callSoon`. Same queue, same FIFO order.
   */
  #scheduleStep(): void {
    const loop = this._loop as AbstractEventLoop & { [callSoonRunnable]?: (item: Runnable) => void };
    const enqueue = loop[callSoonRunnable];
    if (enqueue !== undefined) {
      enqueue.call(loop, this);
      return;
    }
    if (this.#stepFn === null) this.#stepFn = (): void => this.#step(undefined, false);
    loop.callSoon(this.#stepFn);
  }

  /**
   * Runs the next step, from the reference loop's ready queue (see #scheduleStep). A step that
   * throws (only a task already done throws: see #step) is reported as a failing callback is, with
   * the context keys `message`, `exception` and `handle`, as asyncio reports its step callback.
   * @internal
   */
  _run(): void {
    const from = this.#wakeFrom;
    this.#wakeFrom = null;
    try {
      if (from === null) this.#step(undefined, false);
      else this.#wakeup(from);
    } catch (exception) {
      this.#reportStepFailure(exception, from);
    }
  }

  /**
   * Reports a step that threw, with the handle asyncio would have had for it (only reported,
   * never run). Out of `_run`: a closure there would make every step allocate its context.
   */
  #reportStepFailure(exception: unknown, from: Future<unknown> | null): void {
    const step = from === null ? (): void => this.#step(undefined, false) : (): void => this.#wakeup(from);
    const handle = new Handle(step, [], this._loop);
    const what = from === null ? 'step()' : `wakeup(${from})`;
    this._loop.callExceptionHandler({
      message: `Exception in callback ${this}.${what}`,
      exception,
      handle,
    });
  }

  /**
   * The future this task waits on is done: queue the wakeup where its done callback would go. On
   * the reference loop the task itself goes into the ready queue (see #scheduleStep).
   * @internal
   */
  _wakeFrom(future: Future<unknown>): void {
    const loop = this._loop as AbstractEventLoop & { [callSoonRunnable]?: (item: Runnable) => void };
    const enqueue = loop[callSoonRunnable];
    if (enqueue !== undefined && this.#wakeFrom === null) {
      this.#wakeFrom = future;
      enqueue.call(loop, this);
      return;
    }
    loop.callSoon(this.#wakeupCallback(), future);
  }

  #wakeupCallback(): (future: FutureSpec<unknown>) => void {
    if (this.#wakeupFn === null) this.#wakeupFn = (future: FutureSpec<unknown>): void => this.#wakeup(future);
    return this.#wakeupFn;
  }

  /** The task's name. */
  getName(): string {
    return this.#name ?? `Task-${this.#id}`;
  }

  /** Renames the task. */
  setName(name: string): void {
    this.#name = String(name);
  }

  /** The coroutine or function the task runs. */
  getCoro(): TaskBody<T> {
    return this.#coro;
  }

  /**
   * Requests cancellation; returns `false` if the task is done. The `CancelledError` is thrown into
   * the coroutine at its current suspension point (or first step), so the task is not cancelled yet
   * when this returns.
   */
  override cancel(msg?: string): boolean {
    if (this.done()) return false;
    this.#numCancelsRequested += 1;
    this._value = msg; // a pending future's value slot holds the cancel message
    if (this.#waiter?.cancel(msg)) return true;
    this.#mustCancel = true;
    return true;
  }

  /** The message of the pending cancellation (kept in the pending future's value slot). */
  #cancelMessage(): string | undefined {
    return this._value as string | undefined;
  }

  /** How many cancellation requests are pending. */
  cancelling(): number {
    return this.#numCancelsRequested;
  }

  /** Decrements the count of pending cancellation requests and returns it. */
  uncancel(): number {
    if (this.#numCancelsRequested > 0) this.#numCancelsRequested -= 1;
    if (this.#numCancelsRequested === 0) this.#mustCancel = false;
    return this.#numCancelsRequested;
  }

  /** Tasks set their own result: always throws. @throws {@link RuntimeError} */
  override setResult(_result: T): never {
    throw new RuntimeError('Task does not support setResult');
  }

  /** Tasks set their own exception: always throws. @throws {@link RuntimeError} */
  override setException(_exception: Error): never {
    throw new RuntimeError('Task does not support setException');
  }

  override toString(): string {
    return `<Task ${this.getName()} ${this.done() ? (this.cancelled() ? 'cancelled' : 'finished') : 'pending'}>`;
  }

  /** An `async` function of this task awaits `future`: remember it so `cancel()` can reach it. @internal */
  _awaiting(future: FutureSpec<unknown>): void {
    if (this.done()) return;
    this.#waiter = future;
    future.addDoneCallback(() => {
      if (this.#waiter === future) this.#waiter = null;
    });
    if (this.#mustCancel && future.cancel(this.#cancelMessage())) this.#mustCancel = false;
  }

  /** @internal */
  override _scheduleCallbacks(): void {
    pending.delete(this as Task<unknown>);
    super._scheduleCallbacks();
  }

  #wakeup(future: FutureSpec<unknown>): void {
    let error: unknown;
    let failed = false;
    try {
      future.result();
    } catch (e) {
      error = e;
      failed = true;
    }
    this.#step(error, failed);
  }

  /**
   * Runs the coroutine up to its next suspension point.
   * @throws {@link InvalidStateError} if the task is already done: only the base class's
   *   `Future.prototype.setResult`/`setException` called on the task can do that, and then, as in
   *   asyncio, the step the task still had scheduled fails as a callback (the coroutine never runs).
   */
  #step(error: unknown, failed: boolean): void {
    if (this.done()) throw new InvalidStateError(`step(): already done: ${this}`);
    if (this.#mustCancel) {
      // A CancelledError already on its way in (the awaited future was cancelled by the first of
      // several requests) is delivered as it is, with its message, as asyncio's __step does.
      if (!(failed && error instanceof CancelledError)) error = this._makeCancelledError();
      failed = true;
      this.#mustCancel = false;
    }
    this.#waiter = null;
    const previousTask = current;
    current = this as Task<unknown>;
    try {
      if (this.#gen === null && !this.#started) this.#startFunction(error, failed);
      else if (this.#gen !== null) this.#stepGenerator(error, failed);
    } finally {
      current = previousTask;
    }
  }

  #stepGenerator(error: unknown, failed: boolean): void {
    const gen = this.#gen as Coroutine<T>;
    this.#started = true;
    let r: IteratorResult<FutureSpec<unknown> | undefined, T>;
    try {
      r = failed ? gen.throw(error) : gen.next();
    } catch (e) {
      this.#finishWithError(e);
      return;
    }
    if (r.done) {
      this.#finishWithResult(r.value);
      return;
    }
    const yielded = r.value;
    if (yielded === undefined) {
      // A bare `yield`: give up exactly one loop iteration.
      this.#scheduleStep();
      return;
    }
    this.#waitOn(yielded);
  }

  #waitOn(yielded: unknown): void {
    const loop = this._loop;
    if (!isFuture(yielded)) {
      const error = new RuntimeError(
        `Task ${this.getName()} got bad yield: ${String(yielded)} (use yield* on a Future)`,
      );
      loop.callSoon(() => this.#step(error, true));
      return;
    }
    if (yielded.getLoop() !== loop) {
      const error = new RuntimeError(`Task ${this.getName()} got a Future attached to a different loop`);
      loop.callSoon(() => this.#step(error, true));
      return;
    }
    if ((yielded as unknown) === this) {
      const error = new RuntimeError('Task cannot await on itself');
      loop.callSoon(() => this.#step(error, true));
      return;
    }
    // A reference Future wakes the task directly; one that changes how done callbacks are added
    // (or another implementation's) gets the wakeup as a done callback.
    if (yielded instanceof Future && yielded.addDoneCallback === baseAddDoneCallback) yielded._addWaker(this);
    else yielded.addDoneCallback(this.#wakeupCallback());
    this.#waiter = yielded;
    if (this.#mustCancel && yielded.cancel(this.#cancelMessage())) this.#mustCancel = false;
  }

  #startFunction(error: unknown, failed: boolean): void {
    this.#started = true;
    if (failed) {
      // Cancelled (or failed) before the first step: none of the body runs.
      this.#finishWithError(error);
      return;
    }
    let result: Coroutine<T> | PromiseLike<T>;
    try {
      result = asyncContext().run(this, () => (this.#coro as () => Coroutine<T> | PromiseLike<T>)());
    } catch (e) {
      this.#finishWithError(e);
      return;
    }
    if (isGenerator(result)) {
      this.#gen = result;
      this.#stepGenerator(undefined, false);
      return;
    }
    if (result === null || typeof (result as PromiseLike<T>)?.then !== 'function') {
      // As asyncio's create_task refuses what is not a coroutine ("a coroutine was expected").
      this.#finishWithError(
        new TypeError(
          `createTask: the function must return a coroutine (a generator) or a PromiseLike, got ${result === null ? 'null' : typeof result}`,
        ),
      );
      return;
    }
    (result as PromiseLike<T>).then(
      (value) => {
        if (this.done()) return;
        if (this.#mustCancel) this.#finishWithError(this._makeCancelledError());
        else this.#finishWithResult(value);
      },
      (e: unknown) => {
        if (!this.done()) this.#finishWithError(e);
      },
    );
  }

  #finishWithResult(value: T): void {
    if (this.#mustCancel) {
      this.#mustCancel = false;
      super.cancel(this.#cancelMessage());
    } else {
      super.setResult(value);
    }
  }

  #finishWithError(error: unknown): void {
    if (error instanceof CancelledError) super.cancel(error.message || this.#cancelMessage());
    else this._setExceptionUnchecked(error);
  }
}

/**
 * The task whose step is running on `loop` (default: the running loop), or `null` in a plain callback.
 * @throws {@link RuntimeError} without `loop` when no loop is running (asyncio's `current_task()`).
 * @example
 * ```ts
 * import { type Coroutine, createTask, currentTask, run } from 'pep3156';
 * function* whoAmI(): Coroutine<string | undefined> {
 *   return currentTask()?.getName();
 * }
 * const name = await run(function* () {
 *   return yield* createTask(whoAmI(), { name: 'worker-1' });
 * });
 * console.log(name); // worker-1
 * ```
 * @see {@link https://peps.python.org/pep-3156/#tasks | PEP 3156 § Tasks}
 */
export function currentTask(loop?: AbstractEventLoop): TaskSpec<unknown> | null {
  const target = loop ?? getRunningLoop();
  if (current !== null && current.getLoop() === target) return current;
  // In an async function's continuation: the task whose context it runs in (ours, or another
  // implementation's through enterTask).
  const scope = asyncContext().get();
  const fromAsync = scope instanceof ForeignTaskScope ? scope.task : scope;
  if (
    (fromAsync instanceof Task || scope instanceof ForeignTaskScope) &&
    (fromAsync as TaskSpec<unknown>).getLoop() === target &&
    !(fromAsync as TaskSpec<unknown>).done()
  ) {
    return fromAsync as TaskSpec<unknown>;
  }
  return null;
}

/** Options of {@link enterTask}. */
export interface EnterTaskOptions {
  /**
   * Called with each future of this implementation (`sleep`, a lock's waiter…) that the `async`
   * function awaits, as the reference Task records what it waits on: a Task cancelled while its
   * function awaits it cancels that future, as asyncio's `Task.cancel` cancels `_fut_waiter`.
   */
  onAwait?(future: FutureSpec<unknown>): void;
}

/**
 * What the async context holds while another implementation's task runs its function: the task,
 * its loop (for the running loop in the function's continuations) and its `onAwait`.
 */
class ForeignTaskScope {
  readonly task: TaskSpec<unknown>;
  readonly #onAwait: ((future: FutureSpec<unknown>) => void) | undefined;
  constructor(task: TaskSpec<unknown>, onAwait: ((future: FutureSpec<unknown>) => void) | undefined) {
    this.task = task;
    this.#onAwait = onAwait;
  }
  getLoop(): AbstractEventLoop {
    return this.task.getLoop();
  }
  _awaiting(future: FutureSpec<unknown>): void {
    this.#onAwait?.(future);
  }
}

/**
 * Runs `fn` with `task` as the current task of its loop, and returns what `fn` returns. A Task of
 * another implementation runs each of its steps through it, so that the helpers (`timeout`,
 * `TaskGroup`, `currentTask`) find it.
 * @remarks asyncio's `tasks._enter_task(loop, task)` … `_leave_task(loop, task)` around a step,
 * scoped so the previous current task always comes back. What an `async` function called inside
 * `fn` runs later, in its continuations (microtasks the loop does not see), also sees `task` as
 * the current task while the task is not done, and its loop as the running loop while that loop
 * runs (on Node, through `AsyncLocalStorage`; hosts without one see it in `fn` itself only).
 * @throws TypeError when `task` has no `getLoop`/`done` methods or `fn` is not a function.
 * @example
 * ```ts
 * import { type Coroutine, currentTask, enterTask, newEventLoop, sleep } from 'pep3156';
 * function* body(): Coroutine<void> {
 *   yield* sleep(0);
 * }
 * const loop = newEventLoop();
 * const task = loop.createTask(body());
 * // Another implementation's task runs each of its steps like this, so the helpers find it:
 * console.log(enterTask(task, () => currentTask(loop) === task)); // true
 * await loop.runUntilComplete(task);
 * loop.close();
 * ```
 * @see {@link https://peps.python.org/pep-3156/#tasks | PEP 3156 § Tasks}
 */
export function enterTask<R>(task: TaskSpec<unknown>, fn: () => R, options: EnterTaskOptions = {}): R {
  if (
    task === null ||
    typeof task !== 'object' ||
    typeof task.getLoop !== 'function' ||
    typeof task.done !== 'function'
  ) {
    throw new TypeError(`enterTask: a Task is required, got ${String(task)}`);
  }
  if (typeof fn !== 'function') throw new TypeError(`enterTask: fn must be a function, got ${typeof fn}`);
  const previousTask = current;
  current = task;
  try {
    return asyncContext().run(new ForeignTaskScope(task, options.onAwait), fn);
  } finally {
    current = previousTask;
  }
}

/**
 * The tasks of `loop` (default: the running loop) that are not done yet.
 * @example
 * ```ts
 * import { allTasks, type Coroutine, createTask, run, sleep } from 'pep3156';
 * function* idle(): Coroutine<void> {
 *   yield* sleep(0.01);
 * }
 * function* main(): Coroutine<number> {
 *   const a = createTask(idle());
 *   const b = createTask(idle());
 *   const running = allTasks().size; // main, a and b
 *   yield* a;
 *   yield* b;
 *   return running;
 * }
 * console.log(await run(main())); // 3
 * ```
 */
export function allTasks(loop?: AbstractEventLoop): Set<TaskSpec<unknown>> {
  const target = loop ?? getRunningLoop();
  const result = new Set<TaskSpec<unknown>>();
  for (const task of pending) if (task.getLoop() === target) result.add(task);
  return result;
}

/**
 * Whether `value` is a Task of this implementation.
 * @example
 * ```ts
 * import { type Coroutine, createTask, isTask, run, sleep } from 'pep3156';
 * function* nap(): Coroutine<void> {
 *   yield* sleep(0);
 * }
 * function* main(): Coroutine<boolean[]> {
 *   const task = createTask(nap());
 *   yield* task;
 *   return [isTask(task), isTask(sleep(0))];
 * }
 * console.log(await run(main())); // [ true, false ]
 * ```
 */
export function isTask(value: unknown): value is Task<unknown> {
  return value instanceof Task;
}
