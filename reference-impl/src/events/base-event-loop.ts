/**
 * The reference event loop: a ready queue and a timer queue on top of the host's own loop.
 *
 * Invariants:
 * - Callbacks run one at a time; `#runOnce` is the only place that runs handles.
 * - One iteration runs exactly the callbacks that were ready when it began; callbacks they schedule
 *   run in the next iteration (so a chain of `callSoon` cannot starve timers or I/O).
 * - `callSoon` order is FIFO whatever the clock does: the ready queue is not ordered by time.
 * - Timers due at the same time run in registration order (stronger than the PEP, which leaves it
 *   undefined). Cancelled timers are dropped lazily and the timer queue is compacted when they are
 *   over half of it, so they never pile up.
 * - While running, the loop runs iterations back to back inside one host macrotask for at most
 *   {@link SLICE} seconds after the first, then yields to the host so its I/O callbacks get in; when
 *   only timers are pending it sleeps on one host timer; it never spins. Work that a host I/O
 *   callback makes ready while the loop idles runs in that same callback ({@link ioCallback}).
 *
 * Imports no `node:` module: Node-specific parts come in through {@link LoopHost} and subclasses.
 * @module
 */
import { NotImplementedError, RuntimeError, ValueError } from '../exceptions.js';
import { _resultForPromise, Future, isFuture } from '../futures.js';
import type {
  AbstractEventLoop,
  AddrInfo,
  Callback,
  CreateConnectionOptions,
  CreateDatagramEndpointOptions,
  CreateServerOptions,
  CreateTaskOptions,
  ExceptionContext,
  ExceptionHandler,
  Executor,
  GetAddrInfoOptions,
  Handle as HandleSpec,
  ProtocolFactory,
  Server,
  SockAddr,
  SSLOption,
  StartTlsOptions,
  SubprocessOptions,
  TaskFactory,
  TimerHandle as TimerHandleSpec,
} from '../spec/events.js';
import type { Future as FutureSpec, TaskBody, Task as TaskSpec } from '../spec/futures.js';
import type { BaseProtocol, DatagramProtocol, Protocol, SubprocessProtocol } from '../spec/protocols.js';
import type {
  DatagramTransport,
  ReadTransport,
  SubprocessTransport,
  Transport,
  WriteTransport,
} from '../spec/transports.js';
import { Task } from '../tasks.js';
import { callSoonRunnable, Handle, ioCallback, NO_ARGS, type Runnable, TimerHandle } from './handle.js';
import type { HostTimer, LoopHost } from './host.js';
import { logger } from './log.js';
import { setRunningLoop } from './running-loop.js';
import { TimerQueue } from './timer-queue.js';

/** Longest run of back-to-back iterations (after the first) before yielding to the host, in seconds. */
export const SLICE = 0.001;
/** Compact the timer queue once this many cancelled timers are in it and they are over half of it. */
const MIN_CANCELLED_FOR_COMPACTION = 100;
/** A ready queue array this long or shorter is always kept for the next iteration. */
const SPARE_KEPT = 1024;

function checkCallback(method: string, callback: unknown): void {
  if (typeof callback !== 'function') {
    throw new TypeError(`${method}: callback must be a function, got ${describe(callback)}`);
  }
}

/** A time is a number of seconds; ±Infinity is accepted as asyncio does (never, or at once), NaN not. */
function checkTime(method: string, name: string, value: unknown): void {
  if (typeof value !== 'number' || Number.isNaN(value)) {
    throw new TypeError(`${method}: ${name} must be a number of seconds, got ${describe(value)}`);
  }
}

function notImplemented(method: string): NotImplementedError {
  return new NotImplementedError(`${method} is not available on this event loop`);
}

function describe(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (value === null) return 'null';
  return typeof value;
}

function errorText(exception: unknown): string {
  if (exception instanceof Error) return exception.stack ?? `${exception.name}: ${exception.message}`;
  return String(exception);
}

/**
 * A context value as the default exception handler logs it: objects with their own `toString`
 * (handles, futures, tasks, transports) by it, a plain object (a nested context) by its entries,
 * one level deep, an error by its name and message.
 */
function contextValue(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  if (value === null || typeof value !== 'object') return String(value);
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return String(value);
  const entries = Object.entries(value).map(
    ([k, v]) =>
      `${k}: ${v !== null && typeof v === 'object' && !(v instanceof Error) ? String(v) : contextValue(v)}`,
  );
  return `{ ${entries.join(', ')} }`;
}

/**
 * The browser-safe reference event loop. {@link NodeEventLoop} extends it with I/O.
 * @example
 * ```ts
 * import { BaseEventLoop, nodeHost } from 'pep3156';
 * // The scheduling core without I/O, on a host's timers (newEventLoop() gives the Node loop):
 * const loop = new BaseEventLoop(nodeHost());
 * loop.callSoon(() => console.log('soon'));
 * loop.callLater(0.01, () => loop.stop());
 * await loop.runForever(); // soon
 * loop.close();
 * ```
 * @see {@link https://peps.python.org/pep-3156/#event-loop-methods-overview | PEP 3156 § Event Loop Methods Overview}
 */
export class BaseEventLoop implements AbstractEventLoop {
  /** In debug mode, callbacks that take longer than this many seconds are reported. */
  slowCallbackDuration = 0.1;

  readonly #host: LoopHost;
  /**
   * The ready queue: its first `#readyCount` items. The array keeps its size from iteration to
   * iteration (the slots past the count hold `undefined`), so a loop that runs 100k callbacks an
   * iteration does not grow a new array each time: that garbage outlived young-generation
   * collections and was most of the memory a program of many tasks peaked at.
   */
  #ready: (Runnable | undefined)[] = [];
  #readyCount = 0;
  /** The array of the previous iteration, emptied, to be the next ready queue. */
  #spare: (Runnable | undefined)[] = [];
  /** What the timer queue hands due timers to. */
  readonly #readyIn = { push: (handle: Runnable): void => this.#enqueue(handle) };
  readonly #timers = new TimerQueue();
  #cancelledTimers = 0;
  #seq = 0;
  #running = false;
  #stopping = false;
  #closed = false;
  #debug: boolean;
  #exceptionHandler: ExceptionHandler | null = null;
  #taskFactory: TaskFactory | null = null;
  /** Whether a slice is queued with `runSoon` or running now (then nothing needs queueing). */
  #sliceQueued = false;
  /** The host timer the loop sleeps on, if any, and when it fires. */
  #sleepTimer: HostTimer | null = null;
  #sleepUntil = Number.POSITIVE_INFINITY;
  #stopped: (() => void) | null = null;
  readonly #slice = () => this.#runSlice();
  /** How deep the loop is in host I/O callbacks ({@link ioCallback}). */
  #ioDepth = 0;
  /** A slice became due inside an I/O callback: it runs when the outermost one returns. */
  #sliceAfterIo = false;
  #iterations = 0;

  /** Creates a loop on `host`. Use {@link newEventLoop} rather than this constructor. */
  constructor(host: LoopHost) {
    this.#host = host;
    this.#debug = host.debugByDefault();
  }

  // ---- Starting, stopping and closing -----------------------------------------------------

  /** Runs until `stop()` is called; resolves when the loop has stopped. */
  runForever(): Promise<void> {
    try {
      this.#checkRunnable();
    } catch (error) {
      return Promise.reject(error);
    }
    // A stop() requested before the run is honoured after one iteration, as in asyncio.
    this.#running = true;
    this.#host.keepAlive(true);
    const stopped = new Promise<void>((resolve) => {
      this.#stopped = resolve;
    });
    this.#queueSlice();
    return stopped;
  }

  /**
   * Runs until `future` is done and resolves with its result; a coroutine is wrapped in a Task.
   * @throws TypeError (a rejection) if the result is PromiseLike: a Promise cannot resolve to one.
   */
  async runUntilComplete<T>(future: FutureSpec<T> | TaskBody<T>): Promise<T> {
    this.#checkRunnable();
    let fut: FutureSpec<T>;
    if (isFuture(future)) {
      fut = future as FutureSpec<T>;
      if (fut.getLoop() !== this)
        throw new ValueError('runUntilComplete: the future belongs to a different loop');
    } else {
      fut = this.createTask(future as TaskBody<T>);
    }
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

  /** Stops the loop after the current iteration; a later run resumes with nothing lost. */
  stop(): void {
    this.#stopping = true;
    if (this.#running) this.#queueSlice();
  }

  /** Whether the loop is running. */
  isRunning(): boolean {
    return this.#running;
  }

  /** Closes the loop: drops pending callbacks and timers. Idempotent. */
  close(): void {
    if (this.#running) throw new RuntimeError('Cannot close a running event loop');
    if (this.#closed) return;
    this.#closed = true;
    this.#ready = [];
    this.#readyCount = 0;
    this.#spare = [];
    for (const handle of this.#timers.clear()) handle._scheduled = false;
    this.#cancelledTimers = 0;
    this.#cancelSleep();
  }

  /** Whether `close()` was called. */
  isClosed(): boolean {
    return this.#closed;
  }

  // suite runs on NodeEventLoop, so it never reaches them (a browser run of the suite would).
  /** Shuts the default executor down; the base loop has none. */
  shutdownDefaultExecutor(): FutureSpec<void> {
    const fut = this.createFuture<void>();
    fut.setResult(undefined);
    return fut;
  }

  // ---- Basic callbacks --------------------------------------------------------------------

  /** Schedules `callback(...args)` to run soon, after the callbacks already scheduled. */
  callSoon<A extends unknown[]>(callback: Callback<A>, ...args: A): HandleSpec {
    this.#checkClosed('callSoon');
    checkCallback('callSoon', callback);
    return this.#callSoon(callback as Callback<unknown[]>, args);
  }

  /** Schedules `callback(...args)` to run about `delay` seconds from now. */
  callLater<A extends unknown[]>(delay: number, callback: Callback<A>, ...args: A): TimerHandleSpec;
  callLater(delay: number, callback: Callback<unknown[]>): TimerHandleSpec {
    checkTime('callLater', 'delay', delay);
    const now = this.#host.now();
    // The arguments after the callback, without a rest array when there are none (most calls):
    // a rest parameter allocates one on every call, 50 of a timer's 180 bytes.
    // biome-ignore lint/complexity/noArguments: see above
    const args = arguments.length > 2 ? Array.prototype.slice.call(arguments, 2) : NO_ARGS;
    return this.#callAt('callLater', now + delay, callback, args, now);
  }

  /** Schedules `callback(...args)` to run at loop time `when`. */
  callAt<A extends unknown[]>(when: number, callback: Callback<A>, ...args: A): TimerHandleSpec;
  callAt(when: number, callback: Callback<unknown[]>): TimerHandleSpec {
    checkTime('callAt', 'when', when);
    // biome-ignore lint/complexity/noArguments: see callLater
    const args = arguments.length > 2 ? Array.prototype.slice.call(arguments, 2) : NO_ARGS;
    return this.#callAt('callAt', when, callback, args, this.#host.now());
  }

  /** The loop's clock: monotonic seconds. */
  time(): number {
    return this.#host.now();
  }

  /** Creates a Future bound to this loop. */
  createFuture<T>(): FutureSpec<T> {
    return new Future<T>(this);
  }

  /** Wraps a coroutine in a Task bound to this loop, through the task factory if one is set. */
  createTask<T>(coro: TaskBody<T>, options?: CreateTaskOptions): TaskSpec<T> {
    this.#checkClosed('createTask');
    if (this.#taskFactory !== null) return this.#taskFactory(this, coro, options);
    return new Task<T>(coro, { loop: this, name: options?.name });
  }

  /** Sets the factory `createTask` uses; `null` restores the default. */
  setTaskFactory(factory: TaskFactory | null): void {
    if (factory !== null && typeof factory !== 'function') {
      throw new TypeError(`setTaskFactory: factory must be a function or null, got ${describe(factory)}`);
    }
    this.#taskFactory = factory;
  }

  /** The factory `createTask` uses, or `null`. */
  getTaskFactory(): TaskFactory | null {
    return this.#taskFactory;
  }

  // ---- Thread interaction -----------------------------------------------------------------

  /** Like `callSoon`, callable from any host callback (a Worker message, a Node event); wakes the loop. */
  callSoonThreadsafe<A extends unknown[]>(callback: Callback<A>, ...args: A): HandleSpec {
    this.#checkClosed('callSoonThreadsafe');
    checkCallback('callSoonThreadsafe', callback);
    return this.#callSoon(callback as Callback<unknown[]>, args);
  }

  /** Runs `fn` in an executor; not available on the base loop. */
  runInExecutor<A extends unknown[], R>(
    _executor: Executor | null,
    _fn: (...args: A) => R,
    ..._args: A
  ): FutureSpec<Awaited<R>> {
    throw notImplemented('runInExecutor');
  }

  /** Replaces the default executor; not available on the base loop. */
  setDefaultExecutor(_executor: Executor): void {
    throw notImplemented('setDefaultExecutor');
  }

  // ---- I/O: optional groups (PEP § Event Loop Methods Overview), provided by NodeEventLoop -------

  /** Not available on the base loop. @throws {@link NotImplementedError} */
  getaddrinfo(
    _host: string | null,
    _port: number | string | null,
    _options?: GetAddrInfoOptions,
  ): FutureSpec<AddrInfo[]> {
    throw notImplemented('getaddrinfo');
  }
  /** Not available on the base loop. @throws {@link NotImplementedError} */
  getnameinfo(_sockaddr: SockAddr, _flags?: number): FutureSpec<[host: string, port: string]> {
    throw notImplemented('getnameinfo');
  }
  /** Not available on the base loop. @throws {@link NotImplementedError} */
  createConnection<P extends Protocol>(
    _protocolFactory: ProtocolFactory<P>,
    _host?: string | null,
    _port?: number | null,
    _options?: CreateConnectionOptions,
  ): FutureSpec<[Transport, P]> {
    throw notImplemented('createConnection');
  }
  /** Not available on the base loop. @throws {@link NotImplementedError} */
  createServer(
    _protocolFactory: ProtocolFactory<Protocol>,
    _host?: string | string[] | null,
    _port?: number | null,
    _options?: CreateServerOptions,
  ): FutureSpec<Server> {
    throw notImplemented('createServer');
  }
  /** Not available on the base loop. @throws {@link NotImplementedError} */
  createUnixConnection<P extends Protocol>(
    _protocolFactory: ProtocolFactory<P>,
    _path: string,
    _options?: Omit<CreateConnectionOptions, 'family' | 'localAddr' | 'sock'>,
  ): FutureSpec<[Transport, P]> {
    throw notImplemented('createUnixConnection');
  }
  /** Not available on the base loop. @throws {@link NotImplementedError} */
  createUnixServer(
    _protocolFactory: ProtocolFactory<Protocol>,
    _path: string,
    _options?: Omit<CreateServerOptions, 'family' | 'reuseAddress' | 'reusePort' | 'sock'>,
  ): FutureSpec<Server> {
    throw notImplemented('createUnixServer');
  }
  /** Not available on the base loop. @throws {@link NotImplementedError} */
  createDatagramEndpoint<P extends DatagramProtocol>(
    _protocolFactory: ProtocolFactory<P>,
    _options?: CreateDatagramEndpointOptions,
  ): FutureSpec<[DatagramTransport, P]> {
    throw notImplemented('createDatagramEndpoint');
  }
  /** Not available on the base loop. @throws {@link NotImplementedError} */
  startTls(
    _transport: Transport,
    _protocol: Protocol,
    _sslContext: SSLOption,
    _options?: StartTlsOptions,
  ): FutureSpec<Transport> {
    throw notImplemented('startTls');
  }
  /** Not available on the base loop. @throws {@link NotImplementedError} */
  addReader<A extends unknown[]>(_fd: unknown, _callback: Callback<A>, ..._args: A): void {
    throw notImplemented('addReader');
  }
  /** Not available on the base loop. @throws {@link NotImplementedError} */
  removeReader(_fd: unknown): boolean {
    throw notImplemented('removeReader');
  }
  /** Not available on the base loop. @throws {@link NotImplementedError} */
  addWriter<A extends unknown[]>(_fd: unknown, _callback: Callback<A>, ..._args: A): void {
    throw notImplemented('addWriter');
  }
  /** Not available on the base loop. @throws {@link NotImplementedError} */
  removeWriter(_fd: unknown): boolean {
    throw notImplemented('removeWriter');
  }
  /** Not available on the base loop. @throws {@link NotImplementedError} */
  sockRecv(_sock: unknown, _n: number): FutureSpec<Uint8Array> {
    throw notImplemented('sockRecv');
  }
  /** Not available on the base loop. @throws {@link NotImplementedError} */
  sockRecvInto(_sock: unknown, _buf: Uint8Array): FutureSpec<number> {
    throw notImplemented('sockRecvInto');
  }
  /** Not available on the base loop. @throws {@link NotImplementedError} */
  sockSendall(_sock: unknown, _data: Uint8Array): FutureSpec<void> {
    throw notImplemented('sockSendall');
  }
  /** Not available on the base loop. @throws {@link NotImplementedError} */
  sockConnect(_sock: unknown, _address: SockAddr): FutureSpec<void> {
    throw notImplemented('sockConnect');
  }
  /** Not available on the base loop. @throws {@link NotImplementedError} */
  sockAccept(_sock: unknown): FutureSpec<[conn: unknown, address: SockAddr]> {
    throw notImplemented('sockAccept');
  }
  /** Not available on the base loop. @throws {@link NotImplementedError} */
  connectReadPipe<P extends Protocol>(
    _protocolFactory: ProtocolFactory<P>,
    _pipe: unknown,
  ): FutureSpec<[ReadTransport, P]> {
    throw notImplemented('connectReadPipe');
  }
  /** Not available on the base loop. @throws {@link NotImplementedError} */
  connectWritePipe<P extends BaseProtocol>(
    _protocolFactory: ProtocolFactory<P>,
    _pipe: unknown,
  ): FutureSpec<[WriteTransport, P]> {
    throw notImplemented('connectWritePipe');
  }
  /** Not available on the base loop. @throws {@link NotImplementedError} */
  subprocessExec<P extends SubprocessProtocol>(
    _protocolFactory: ProtocolFactory<P>,
    _program: string,
    _args?: readonly string[],
    _options?: SubprocessOptions,
  ): FutureSpec<[SubprocessTransport, P]> {
    throw notImplemented('subprocessExec');
  }
  /** Not available on the base loop. @throws {@link NotImplementedError} */
  subprocessShell<P extends SubprocessProtocol>(
    _protocolFactory: ProtocolFactory<P>,
    _cmd: string,
    _options?: SubprocessOptions,
  ): FutureSpec<[SubprocessTransport, P]> {
    throw notImplemented('subprocessShell');
  }
  /** Not available on the base loop. @throws {@link NotImplementedError} */
  addSignalHandler<A extends unknown[]>(_signal: string, _callback: Callback<A>, ..._args: A): void {
    throw notImplemented('addSignalHandler');
  }
  /** Not available on the base loop. @throws {@link NotImplementedError} */
  removeSignalHandler(_signal: string): boolean {
    throw notImplemented('removeSignalHandler');
  }

  // ---- Error handling ---------------------------------------------------------------------

  /** Sets the exception handler, called as `handler(loop, context)`; `null` restores the default. */
  setExceptionHandler(handler: ExceptionHandler | null): void {
    if (handler !== null && typeof handler !== 'function') {
      throw new TypeError(
        `setExceptionHandler: handler must be a function or null, got ${describe(handler)}`,
      );
    }
    this.#exceptionHandler = handler;
  }

  /** The exception handler, or `null` for the default. */
  getExceptionHandler(): ExceptionHandler | null {
    return this.#exceptionHandler;
  }

  /** Logs `context` through the library's {@link logger}. */
  defaultExceptionHandler(context: ExceptionContext): void {
    const lines = [context.message || 'Unhandled exception in event loop'];
    for (const [key, value] of Object.entries(context)) {
      if (key === 'message' || key === 'exception') continue;
      lines.push(`${key}: ${key === 'sourceTraceback' ? value : contextValue(value)}`);
    }
    if ('exception' in context) lines.push(errorText(context.exception));
    logger.error(lines.join('\n'));
  }

  /** Calls the exception handler; an error it throws is logged and never propagates. */
  callExceptionHandler(context: ExceptionContext): void {
    const handler = this.#exceptionHandler;
    if (handler === null) {
      try {
        this.defaultExceptionHandler(context);
      } catch (error) {
        logger.error(`Exception in default exception handler\n${errorText(error)}`);
      }
      return;
    }
    try {
      handler(this, context);
    } catch (error) {
      try {
        this.defaultExceptionHandler({
          message: 'Unhandled error in exception handler',
          exception: error,
          context,
        });
      } catch (inner) {
        logger.error(`Exception in default exception handler\n${errorText(inner)}`);
      }
    }
  }

  // ---- Debug mode -------------------------------------------------------------------------

  /** Whether debug mode is on. */
  getDebug(): boolean {
    return this.#debug;
  }

  /** Turns debug mode on or off. */
  setDebug(enabled: boolean): void {
    this.#debug = Boolean(enabled);
  }

  // ---- Internals --------------------------------------------------------------------------

  /**
   * How many loop iterations have run so far (for tracing: the docs' timeline groups callbacks by
   * it). A callback scheduled by a callback of iteration N runs in iteration N + 1 or later.
   */
  get iterationCount(): number {
    return this.#iterations;
  }

  /** How many timers are in the timer queue, cancelled ones included (for tests of compaction). @internal */
  get _timerCount(): number {
    return this.#timers.size;
  }

  /** Called by a scheduled TimerHandle when it is cancelled. @internal */
  _timerHandleCancelled(_handle: TimerHandle): void {
    this.#cancelledTimers += 1;
  }

  #checkClosed(method: string): void {
    if (this.#closed) throw new RuntimeError(`${method}: the event loop is closed`);
  }

  #checkRunnable(): void {
    if (this.#closed) throw new RuntimeError('Event loop is closed');
    if (this.#running) throw new RuntimeError('This event loop is already running');
  }

  /** Queues a reference Task's step as `callSoon` would, without a Handle (see handle.ts). @internal */
  [callSoonRunnable](item: Runnable): void {
    this.#checkClosed('callSoon');
    this.#enqueue(item);
    if (this.#running && !this.#sliceQueued) this.#queueSlice();
  }

  #enqueue(item: Runnable): void {
    const ready = this.#ready;
    const count = this.#readyCount;
    if (count < ready.length) ready[count] = item;
    else ready.push(item);
    this.#readyCount = count + 1;
  }

  #callSoon(callback: Callback<unknown[]>, args: readonly unknown[]): Handle {
    const handle = new Handle(callback, args, this);
    if (this.#debug) handle._sourceTraceback = new Error('handle created here').stack;
    this.#enqueue(handle);
    if (this.#running && !this.#sliceQueued) this.#queueSlice();
    return handle;
  }

  #callAt(
    method: string,
    when: number,
    callback: unknown,
    args: readonly unknown[],
    now: number,
  ): TimerHandle {
    this.#checkClosed(method);
    checkCallback(method, callback);
    const handle = new TimerHandle(when, this.#seq++, callback as Callback<never[]>, args, this);
    if (this.#debug) handle._sourceTraceback = new Error('handle created here').stack;
    handle._scheduled = true;
    this.#timers.push(handle, now);
    // Called from outside the loop's slices (a host callback) while the loop sleeps: move the host
    // timer to the new deadline. A callback of a slice needs nothing: the slice re-arms as it ends.
    if (this.#running && !this.#sliceQueued && when < this.#sleepUntil) this.#scheduleNext();
    return handle;
  }

  #queueSlice(): void {
    if (this.#sliceQueued) return;
    this.#cancelSleep();
    this.#sliceQueued = true;
    if (this.#ioDepth > 0) this.#sliceAfterIo = true;
    else this.#host.runSoon(this.#slice);
  }

  /** Runs a host I/O callback, `fn(arg)`, then the slice it made due, if any (see {@link ioCallback}). @internal */
  [ioCallback]<A>(fn: (arg: A) => void, arg: A): void {
    this.#ioDepth += 1;
    try {
      fn(arg);
    } finally {
      this.#ioDepth -= 1;
    }
    if (this.#ioDepth === 0 && this.#sliceAfterIo) {
      this.#sliceAfterIo = false;
      this.#runSlice();
    }
  }

  #cancelSleep(): void {
    if (this.#sleepTimer !== null) {
      this.#host.clearTimer(this.#sleepTimer);
      this.#sleepTimer = null;
    }
    this.#sleepUntil = Number.POSITIVE_INFINITY;
  }

  /** Runs iterations back to back for up to one slice, then hands control back to the host. */
  #runSlice(): void {
    if (!this.#running) {
      this.#sliceQueued = false;
      return;
    }
    const previous = setRunningLoop(this);
    try {
      // The clock is read only once a second iteration is due: most slices (a wake-up by I/O) are
      // one iteration. The slice's budget then counts from the end of the first.
      let deadline = Number.NaN;
      for (;;) {
        this.#runOnce();
        if (this.#stopping || this.#readyCount === 0) break;
        const now = this.#host.now();
        if (Number.isNaN(deadline)) deadline = now + SLICE;
        else if (now >= deadline) break;
      }
    } finally {
      setRunningLoop(previous);
      this.#sliceQueued = false;
    }
    if (this.#stopping) this.#finishRun();
    else this.#scheduleNext();
  }

  /** Decides how to wait for the next iteration: at once, on a timer, or for an event. */
  #scheduleNext(): void {
    if (this.#readyCount > 0) {
      this.#queueSlice();
      return;
    }
    const next = this.#timers.nextWhen();
    // Idle (no timer, or only timers at +Infinity, which never come): callSoon, a timer or stop() wakes the loop.
    if (next === Number.POSITIVE_INFINITY) return;
    if (next === this.#sleepUntil && this.#sleepTimer !== null) return;
    this.#cancelSleep();
    const delay = next - this.#host.now();
    if (delay <= 0) {
      this.#queueSlice();
      return;
    }
    this.#sleepUntil = next;
    this.#sleepTimer = this.#host.setTimer(() => {
      this.#sleepTimer = null;
      this.#sleepUntil = Number.POSITIVE_INFINITY;
      this.#queueSlice();
    }, delay);
  }

  #finishRun(): void {
    this.#stopping = false;
    this.#running = false;
    this.#cancelSleep();
    this.#host.keepAlive(false);
    const stopped = this.#stopped;
    this.#stopped = null;
    stopped?.();
  }

  /**
   * One iteration (CPython's `_run_once`): move due timers to the ready queue, then run exactly the
   * callbacks that were ready when the iteration began.
   */
  #runOnce(): void {
    this.#iterations += 1;
    const timers = this.#timers;
    if (this.#cancelledTimers > MIN_CANCELLED_FOR_COMPACTION && this.#cancelledTimers * 2 > timers.size) {
      timers.compact();
      this.#cancelledTimers = 0;
    }
    // Never early: a timer is due only when the clock has reached its deadline.
    if (timers.size > 0) this.#cancelledTimers -= timers.takeDue(this.#host.now(), this.#readyIn);
    const count = this.#readyCount;
    if (count === 0) return;
    const todo = this.#ready;
    this.#ready = this.#spare;
    this.#readyCount = 0;
    const debug = this.#debug;
    for (let i = 0; i < count; i++) {
      // A cancelled handle's _run() returns at once: it has dropped its callback.
      const handle = todo[i] as Runnable;
      todo[i] = undefined;
      if (!debug) {
        handle._run();
        continue;
      }
      const started = this.#host.now();
      handle._run();
      const took = this.#host.now() - started;
      if (took >= this.slowCallbackDuration) {
        logger.warning(`Executing ${handle} took ${took.toFixed(3)} seconds`);
      }
    }
    // Its slots are cleared; a large array that this iteration used a quarter of is let go.
    if (todo.length > SPARE_KEPT && count * 4 < todo.length) todo.length = 0;
    this.#spare = todo;
  }
}
