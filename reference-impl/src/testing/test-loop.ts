/**
 * TestLoop: an event loop on a virtual clock, for testing timeouts and retries deterministically
 * and instantly (as asyncio's test utilities, Trio's MockClock and Tokio's paused time do).
 *
 * It is a second, independent implementation of the loop interface: it shares no code with the
 * reference `BaseEventLoop` (only the reference Future and Task, which the PEP's scheduler builds on
 * any conforming loop), so the conformance suite passing on both shows the suite tests the
 * interface, not the reference's internals. It has no I/O: those methods throw NotImplementedError.
 * @module
 */

import { logger } from '../events/log.js';
import { _getRunningLoop, setRunningLoop } from '../events/running-loop.js';
import { NotImplementedError, RuntimeError, ValueError } from '../exceptions.js';
import { _resultForPromise, Future, isFuture } from '../futures.js';
import type {
  AbstractEventLoop,
  Callback,
  CreateTaskOptions,
  ExceptionContext,
  ExceptionHandler,
  Handle,
  Server,
  TaskFactory,
  TimerHandle,
} from '../spec/events.js';
import type { Future as FutureSpec, TaskBody, Task as TaskSpec } from '../spec/futures.js';
import { Task } from '../tasks.js';

/** Options of a {@link TestLoop}. */
export interface TestLoopOptions {
  /**
   * When nothing is ready, how many real seconds to wait for host events (a Promise, a Node
   * callback) before jumping the virtual clock to the next timer. Default 0: jump at once.
   */
  autojumpThreshold?: number;
  /** Where the virtual clock starts (default 0). */
  start?: number;
}

class TestHandle implements TimerHandle {
  cancelledFlag = false;
  constructor(
    readonly whenTime: number,
    readonly seq: number,
    public callback: ((...args: unknown[]) => void) | null,
    public args: unknown[],
  ) {}
  cancel(): void {
    this.cancelledFlag = true;
    this.callback = null;
  }
  cancelled(): boolean {
    return this.cancelledFlag;
  }
  when(): number {
    return this.whenTime;
  }
}

const hostTurn = (seconds: number): Promise<void> =>
  new Promise((resolve) => (seconds > 0 ? setTimeout(resolve, seconds * 1000) : setTimeout(resolve, 0)));

/**
 * An event loop whose clock advances only when the test says so ({@link TestLoop.advance}) or,
 * while running, when nothing is ready (it jumps to the next timer).
 * @example
 * ```ts
 * import { type Coroutine, sleep } from 'pep3156';
 * import { TestLoop } from 'pep3156/testing';
 * function* slow(): Coroutine<string> {
 *   yield* sleep(3600); // an hour of virtual time
 *   return 'done';
 * }
 * const loop = new TestLoop();
 * console.log(await loop.runUntilComplete(slow()), loop.time()); // done 3600, instantly
 * loop.close();
 * ```
 */
export class TestLoop implements AbstractEventLoop {
  /** Callbacks slower than this (in virtual seconds) are reported in debug mode. */
  slowCallbackDuration = 0.1;
  #now: number;
  #seq = 0;
  #ready: TestHandle[] = [];
  #timers: TestHandle[] = [];
  #running = false;
  #stopping = false;
  #closed = false;
  #debug = false;
  #handler: ExceptionHandler | null = null;
  #factory: TaskFactory | null = null;
  #wake: (() => void) | null = null;
  readonly #autojump: number;

  /** Creates a stopped loop at virtual time `options.start` (default 0). */
  constructor(options: TestLoopOptions = {}) {
    this.#now = options.start ?? 0;
    this.#autojump = options.autojumpThreshold ?? 0;
  }

  // ---- virtual time --------------------------------------------------------------------

  /** The virtual clock, in seconds. */
  time(): number {
    return this.#now;
  }

  /** Moves the clock forward by `seconds`, running every callback that falls due on the way. */
  advance(seconds: number): void {
    if (typeof seconds !== 'number' || !(seconds >= 0))
      throw new TypeError('advance: seconds must be a number >= 0');
    this.advanceTo(this.#now + seconds);
  }

  /** Moves the clock to `when`, running every callback that falls due on the way, in order. */
  advanceTo(when: number): void {
    if (this.#running) throw new RuntimeError('advanceTo: the loop is running; it advances by itself');
    for (;;) {
      this.#runReady();
      const next = this.#nextTimer();
      if (next === undefined || next.whenTime > when) break;
      this.#now = Math.max(this.#now, next.whenTime);
    }
    this.#now = Math.max(this.#now, when);
    this.#runReady();
  }

  /** Runs what is ready now, and what that makes ready, without moving the clock. */
  runUntilIdle(): void {
    this.#runReady();
  }

  /** The deadlines of the pending (not cancelled) timers, earliest first. */
  pendingTimers(): number[] {
    return this.#timers.filter((h) => !h.cancelledFlag).map((h) => h.whenTime);
  }

  /** The earliest pending deadline, or `null`. */
  nextDeadline(): number | null {
    return this.#nextTimer()?.whenTime ?? null;
  }

  // ---- running --------------------------------------------------------------------------

  /** Runs until `stop()`; resolves when stopped. */
  async runForever(): Promise<void> {
    if (this.#closed) throw new RuntimeError('Event loop is closed');
    if (this.#running) throw new RuntimeError('This event loop is already running');
    this.#running = true;
    try {
      for (;;) {
        this.#runOnce();
        if (this.#stopping) break;
        if (this.#ready.length > 0) {
          await hostTurn(0);
          continue;
        }
        // Idle: let host events in; then jump to the next timer if still idle. Before jumping, one
        // host turn lets every pending microtask run: an async function that just scheduled a timer
        // (which woke the loop) may be about to wait on it, and must see it still pending.
        await this.#idle(this.#autojump);
        if (this.#stopping) continue;
        if (this.#ready.length === 0) await hostTurn(0);
        if (this.#stopping) continue;
        if (this.#ready.length === 0) {
          const next = this.#nextTimer();
          // A timer at +Infinity never comes: the clock does not jump to it.
          if (next !== undefined && next.whenTime !== Number.POSITIVE_INFINITY)
            this.#now = Math.max(this.#now, next.whenTime);
          else await this.#idle(Number.POSITIVE_INFINITY);
        }
      }
    } finally {
      this.#stopping = false;
      this.#running = false;
    }
  }

  /** Runs until `future` is done and resolves with its result. */
  async runUntilComplete<T>(future: FutureSpec<T> | TaskBody<T>): Promise<T> {
    if (this.#closed) throw new RuntimeError('Event loop is closed');
    if (this.#running) throw new RuntimeError('This event loop is already running');
    const fut = isFuture(future) ? (future as FutureSpec<T>) : this.createTask(future as TaskBody<T>);
    if (fut.getLoop() !== this) throw new ValueError('runUntilComplete: the future belongs to another loop');
    const stop = () => this.stop();
    fut.addDoneCallback(stop);
    try {
      await this.runForever();
    } finally {
      fut.removeDoneCallback(stop);
    }
    if (!fut.done()) throw new RuntimeError('Event loop stopped before Future completed.');
    return _resultForPromise(fut, 'runUntilComplete');
  }

  /** Stops after the current iteration. */
  stop(): void {
    this.#stopping = true;
    this.#wakeUp();
  }

  /** Whether the loop is running. */
  isRunning(): boolean {
    return this.#running;
  }

  /** Closes the loop, dropping what is scheduled. */
  close(): void {
    if (this.#running) throw new RuntimeError('Cannot close a running event loop');
    this.#closed = true;
    this.#ready = [];
    this.#timers = [];
  }

  /** Whether `close()` was called. */
  isClosed(): boolean {
    return this.#closed;
  }

  /** No executor: resolves at once. */
  shutdownDefaultExecutor(): FutureSpec<void> {
    const f = this.createFuture<void>();
    f.setResult(undefined);
    return f;
  }

  // ---- callbacks -----------------------------------------------------------------------

  /** Schedules `callback(...args)` after those already scheduled. */
  callSoon<A extends unknown[]>(callback: Callback<A>, ...args: A): Handle {
    return this.#callSoon('callSoon', callback, args);
  }

  #callSoon<A extends unknown[]>(method: string, callback: Callback<A>, args: A): Handle {
    this.#check(method, callback);
    const h = new TestHandle(this.#now, this.#seq++, callback as (...a: unknown[]) => void, args);
    this.#ready.push(h);
    this.#wakeUp();
    return h;
  }

  /** As `callSoon`; safe from host callbacks. */
  callSoonThreadsafe<A extends unknown[]>(callback: Callback<A>, ...args: A): Handle {
    return this.#callSoon('callSoonThreadsafe', callback, args);
  }

  /** Schedules `callback(...args)` at virtual time `time() + delay`. */
  callLater<A extends unknown[]>(delay: number, callback: Callback<A>, ...args: A): TimerHandle {
    if (typeof delay !== 'number' || Number.isNaN(delay))
      throw new TypeError('callLater: delay must be a number of seconds');
    return this.#callAt('callLater', this.#now + delay, callback, args);
  }

  /** Schedules `callback(...args)` at virtual time `when`. */
  callAt<A extends unknown[]>(when: number, callback: Callback<A>, ...args: A): TimerHandle {
    if (typeof when !== 'number' || Number.isNaN(when))
      throw new TypeError('callAt: when must be a number of seconds');
    return this.#callAt('callAt', when, callback, args);
  }

  #callAt<A extends unknown[]>(method: string, when: number, callback: Callback<A>, args: A): TimerHandle {
    this.#check(method, callback);
    const h = new TestHandle(when, this.#seq++, callback as (...a: unknown[]) => void, args);
    this.#timers.push(h);
    this.#wakeUp();
    return h;
  }

  /** A Future on this loop (the reference Future: it needs only the public loop interface). */
  createFuture<T>(): FutureSpec<T> {
    return new Future<T>(this);
  }

  /** A Task on this loop, through the task factory if set. */
  createTask<T>(coro: TaskBody<T>, options?: CreateTaskOptions): TaskSpec<T> {
    if (this.#closed) throw new RuntimeError('createTask: the event loop is closed');
    if (this.#factory !== null) return this.#factory(this, coro, options);
    return new Task<T>(coro, { loop: this, name: options?.name });
  }

  /** Sets the task factory; `null` restores the default. */
  setTaskFactory(factory: TaskFactory | null): void {
    if (factory !== null && typeof factory !== 'function')
      throw new TypeError('setTaskFactory: factory must be a function or null');
    this.#factory = factory;
  }

  /** The task factory, or `null`. */
  getTaskFactory(): TaskFactory | null {
    return this.#factory;
  }

  // ---- errors and debug ----------------------------------------------------------------

  /** Sets the exception handler; `null` restores the default. */
  setExceptionHandler(handler: ExceptionHandler | null): void {
    if (handler !== null && typeof handler !== 'function')
      throw new TypeError('setExceptionHandler: handler must be a function or null');
    this.#handler = handler;
  }

  /** The exception handler, or `null`. */
  getExceptionHandler(): ExceptionHandler | null {
    return this.#handler;
  }

  /** Logs the context through the `asyncio` logger. */
  defaultExceptionHandler(context: ExceptionContext): void {
    const lines = [`[TestLoop] ${context.message || 'Unhandled exception in event loop'}`];
    for (const [key, value] of Object.entries(context)) {
      if (key === 'message' || key === 'exception') continue;
      const shown =
        value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype
          ? JSON.stringify(value, (_k, v: unknown) => (v instanceof Error ? `${v.name}: ${v.message}` : v))
          : String(value);
      lines.push(`${key}: ${shown}`);
    }
    if (context.exception !== undefined) {
      const e = context.exception;
      lines.push(e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e));
    }
    logger.error(lines.join('\n'));
  }

  /** Calls the handler; its own errors are logged, never thrown. */
  callExceptionHandler(context: ExceptionContext): void {
    if (this.#handler === null) {
      try {
        this.defaultExceptionHandler(context);
      } catch (error) {
        logger.error('[TestLoop] Exception in default exception handler', error);
      }
      return;
    }
    try {
      this.#handler(this, context);
    } catch (error) {
      try {
        this.defaultExceptionHandler({
          message: 'Unhandled error in exception handler',
          exception: error,
          context,
        });
      } catch (inner) {
        // The default handler broke too: the logger is the last resort.
        logger.error('[TestLoop] Exception in default exception handler', inner);
      }
    }
  }

  /** Whether debug mode is on. */
  getDebug(): boolean {
    return this.#debug;
  }

  /** Turns debug mode on or off. */
  setDebug(enabled: boolean): void {
    this.#debug = Boolean(enabled);
  }

  // ---- no I/O ---------------------------------------------------------------------------

  /** @throws {@link NotImplementedError} TestLoop has no I/O. */
  runInExecutor(): never {
    throw new NotImplementedError('TestLoop has no executor');
  }
  /** @throws {@link NotImplementedError} */
  setDefaultExecutor(): never {
    throw new NotImplementedError('TestLoop has no executor');
  }
  /** @throws {@link NotImplementedError} */
  getaddrinfo(): never {
    throw new NotImplementedError('TestLoop has no I/O');
  }
  /** @throws {@link NotImplementedError} */
  getnameinfo(): never {
    throw new NotImplementedError('TestLoop has no I/O');
  }
  /** @throws {@link NotImplementedError} */
  createConnection(): never {
    throw new NotImplementedError('TestLoop has no I/O');
  }
  /** @throws {@link NotImplementedError} */
  createServer(): FutureSpec<Server> {
    throw new NotImplementedError('TestLoop has no I/O');
  }
  /** @throws {@link NotImplementedError} */
  createUnixConnection(): never {
    throw new NotImplementedError('TestLoop has no I/O');
  }
  /** @throws {@link NotImplementedError} */
  createUnixServer(): FutureSpec<Server> {
    throw new NotImplementedError('TestLoop has no I/O');
  }
  /** @throws {@link NotImplementedError} */
  createDatagramEndpoint(): never {
    throw new NotImplementedError('TestLoop has no I/O');
  }
  /** @throws {@link NotImplementedError} */
  startTls(): never {
    throw new NotImplementedError('TestLoop has no I/O');
  }
  /** @throws {@link NotImplementedError} */
  addReader(): void {
    throw new NotImplementedError('TestLoop has no I/O');
  }
  /** @throws {@link NotImplementedError} */
  removeReader(): boolean {
    throw new NotImplementedError('TestLoop has no I/O');
  }
  /** @throws {@link NotImplementedError} */
  addWriter(): void {
    throw new NotImplementedError('TestLoop has no I/O');
  }
  /** @throws {@link NotImplementedError} */
  removeWriter(): boolean {
    throw new NotImplementedError('TestLoop has no I/O');
  }
  /** @throws {@link NotImplementedError} */
  sockRecv(): never {
    throw new NotImplementedError('TestLoop has no I/O');
  }
  /** @throws {@link NotImplementedError} */
  sockRecvInto(): never {
    throw new NotImplementedError('TestLoop has no I/O');
  }
  /** @throws {@link NotImplementedError} */
  sockSendall(): never {
    throw new NotImplementedError('TestLoop has no I/O');
  }
  /** @throws {@link NotImplementedError} */
  sockConnect(): never {
    throw new NotImplementedError('TestLoop has no I/O');
  }
  /** @throws {@link NotImplementedError} */
  sockAccept(): never {
    throw new NotImplementedError('TestLoop has no I/O');
  }
  /** @throws {@link NotImplementedError} */
  connectReadPipe(): never {
    throw new NotImplementedError('TestLoop has no I/O');
  }
  /** @throws {@link NotImplementedError} */
  connectWritePipe(): never {
    throw new NotImplementedError('TestLoop has no I/O');
  }
  /** @throws {@link NotImplementedError} */
  subprocessExec(): never {
    throw new NotImplementedError('TestLoop has no I/O');
  }
  /** @throws {@link NotImplementedError} */
  subprocessShell(): never {
    throw new NotImplementedError('TestLoop has no I/O');
  }
  /** @throws {@link NotImplementedError} */
  addSignalHandler(): void {
    throw new NotImplementedError('TestLoop has no signals');
  }
  /** @throws {@link NotImplementedError} */
  removeSignalHandler(): boolean {
    throw new NotImplementedError('TestLoop has no signals');
  }

  // ---- internals -----------------------------------------------------------------------

  #check(method: string, callback: unknown): void {
    if (this.#closed) throw new RuntimeError(`${method}: the event loop is closed`);
    if (typeof callback !== 'function') throw new TypeError(`${method}: callback must be a function`);
  }

  #nextTimer(): TestHandle | undefined {
    this.#timers = this.#timers.filter((h) => !h.cancelledFlag);
    let best: TestHandle | undefined;
    for (const h of this.#timers)
      if (
        best === undefined ||
        h.whenTime < best.whenTime ||
        (h.whenTime === best.whenTime && h.seq < best.seq)
      )
        best = h;
    return best;
  }

  /** One iteration: due timers to the ready queue (in deadline order), then run what was ready. */
  #runOnce(): void {
    const due = this.#timers.filter((h) => !h.cancelledFlag && h.whenTime <= this.#now);
    if (due.length > 0) {
      this.#timers = this.#timers.filter((h) => !due.includes(h) && !h.cancelledFlag);
      due.sort((a, b) => a.whenTime - b.whenTime || a.seq - b.seq);
      this.#ready.push(...due);
    }
    const todo = this.#ready;
    this.#ready = [];
    const previous = _getRunningLoop();
    setRunningLoop(this);
    try {
      for (const h of todo) {
        const cb = h.callback;
        if (h.cancelledFlag || cb === null) continue;
        try {
          cb(...h.args);
        } catch (exception) {
          this.callExceptionHandler({
            message: `Exception in callback ${cb.name || '<anonymous>'}`,
            exception,
            handle: h,
          });
        }
      }
    } finally {
      setRunningLoop(previous);
    }
  }

  #runReady(): void {
    for (
      let i = 0;
      i < 10_000 &&
      (this.#ready.length > 0 || this.#timers.some((h) => !h.cancelledFlag && h.whenTime <= this.#now));
      i++
    ) {
      this.#runOnce();
    }
  }

  #wakeUp(): void {
    const wake = this.#wake;
    if (wake !== null) {
      this.#wake = null;
      wake();
    }
  }

  /** Waits up to `seconds` of real time for something to be scheduled. */
  #idle(seconds: number): Promise<void> {
    return new Promise((resolve) => {
      let timer: ReturnType<typeof setTimeout> | null = null;
      this.#wake = () => {
        if (timer !== null) clearTimeout(timer);
        resolve();
      };
      if (Number.isFinite(seconds))
        timer = setTimeout(() => {
          this.#wake = null;
          resolve();
        }, seconds * 1000);
      else {
        // Wait for the host, but keep the process alive only as long as something else does.
        timer = setTimeout(() => {
          this.#wake = null;
          resolve();
        }, 1000);
      }
    });
  }
}
