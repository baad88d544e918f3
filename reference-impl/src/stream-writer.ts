/**
 * The writing half of streams and the protocol between them (asyncio's `StreamWriter` and
 * `StreamReaderProtocol`). Imports no `node:` module.
 * @module
 */
import { getRunningLoop } from './events/running-loop.js';
import { ConnectionResetError, RuntimeError } from './exceptions.js';
import { Future } from './futures.js';
import { Protocol } from './protocols.js';
import type { AbstractEventLoop, SSLOption } from './spec/events.js';
import type { Future as FutureSpec, Yieldable } from './spec/futures.js';
import type { Transport } from './spec/transports.js';
import type { StreamReader } from './stream-reader.js';
import { isGenerator } from './tasks.js';

/** What a client-connected callback may return: nothing, a generator coroutine or a Promise. */
export type ClientConnected = (reader: StreamReader, writer: StreamWriter) => unknown;

/**
 * The protocol between a transport and a StreamReader/StreamWriter pair (asyncio's
 * `StreamReaderProtocol`, with its `FlowControlMixin`).
 * @remarks For servers it calls the client-connected callback in `connectionMade`; a generator
 * coroutine it returns runs as a Task and a Promise is watched. An exception the coroutine or
 * Promise ends with goes to the loop's exception handler and closes the transport; a cancelled task
 * closes it too (asyncio 3.12). A callback that throws at once is a protocol callback that throws:
 * the transport reports it and closes.
 * @example
 * ```ts
 * import { getRunningLoop, run, startServer } from 'pep3156';
 * import { StreamReader, StreamReaderProtocol, StreamWriter } from 'pep3156';
 * // What openConnection does: a reader fed by a protocol, and a writer on the same transport.
 * async function main(): Promise<string> {
 *   const greet = (_reader: StreamReader, writer: StreamWriter) => writer.write(new TextEncoder().encode('hello\n'));
 *   const server = await startServer(greet, '127.0.0.1', 0);
 *   const [host, port] = server.sockets[0].getsockname() as [string, number];
 *   const loop = getRunningLoop();
 *   const reader = new StreamReader({ loop });
 *   const protocol = new StreamReaderProtocol(reader, null, loop);
 *   const [transport] = await loop.createConnection(() => protocol, host, port);
 *   const writer = new StreamWriter(transport, protocol, reader, loop);
 *   const line = new TextDecoder().decode(await reader.readline());
 *   writer.close();
 *   server.close();
 *   return line;
 * }
 * console.log(await run(main)); // hello
 * ```
 * @see {@link https://peps.python.org/pep-3156/#convenience-utilities | PEP 3156 § Convenience Utilities}
 */
export class StreamReaderProtocol extends Protocol {
  readonly #reader: StreamReader;
  readonly #clientConnected: ClientConnected | null;
  readonly #loop: AbstractEventLoop;
  #transport: Transport | null = null;
  #paused = false;
  #drainWaiters: Future<void>[] = [];
  #lost = false;
  #lostError: Error | null = null;
  /** Completes when the connection is lost: with its error, if any. @internal */
  readonly _closed: Future<void>;

  /** @param clientConnected - Called with (reader, writer) on each connection (for servers). */
  constructor(
    reader: StreamReader,
    clientConnected: ClientConnected | null = null,
    loop?: AbstractEventLoop,
  ) {
    super();
    this.#reader = reader;
    this.#clientConnected = clientConnected;
    this.#loop = loop ?? getRunningLoop();
    this._closed = new Future<void>(this.#loop);
  }

  /** Attaches the reader; for servers, calls the client-connected callback. */
  override connectionMade(transport: Transport): void {
    this.#transport = transport;
    this.#reader.setTransport(transport);
    if (this.#clientConnected === null) return;
    const writer = new StreamWriter(transport, this, this.#reader, this.#loop);
    const result = this.#clientConnected(this.#reader, writer);
    // The transport may have been replaced by startTls meanwhile: close the current one.
    const failed = (error: unknown) => {
      const current = this.#transport ?? transport;
      this.#loop.callExceptionHandler({
        message: 'Unhandled exception in client connected callback',
        exception: error,
        transport: current,
        protocol: this,
      });
      current.close();
    };
    if (isGenerator(result)) {
      const task = this.#loop.createTask(result);
      task.addDoneCallback((t) => {
        if (t.cancelled()) {
          (this.#transport ?? transport).close();
          return;
        }
        const error = t.exception();
        if (error !== null) failed(error);
      });
    } else if (
      result !== null &&
      typeof result === 'object' &&
      typeof (result as PromiseLike<unknown>).then === 'function'
    ) {
      (result as PromiseLike<unknown>).then(undefined, failed);
    }
  }

  /** Feeds the reader. */
  override dataReceived(data: Uint8Array): void {
    this.#reader.feedData(data);
  }

  /** Feeds EOF to the reader and keeps the transport open so the writer can still write. */
  override eofReceived(): boolean {
    this.#reader.feedEof();
    return true;
  }

  /**
   * Ends the reader (with the error, if any), completes `waitClosed` (failing it with the error)
   * and wakes drain waiters: they resolve, or fail with the error.
   */
  override connectionLost(exc: Error | null): void {
    if (this.#lost) return;
    this.#lost = true;
    this.#lostError = exc;
    if (exc === null) this.#reader.feedEof();
    else this.#reader.setException(exc);
    if (exc === null) this._closed.setResult(undefined);
    else {
      this._closed.setException(exc);
      this._closed.exception(); // seen here: nobody has to wait on it
    }
    this.#wakeDrainers();
  }

  /** Drain now blocks. */
  override pauseWriting(): void {
    this.#paused = true;
  }

  /** Drain no longer blocks; waiters are woken. */
  override resumeWriting(): void {
    this.#paused = false;
    this.#wakeDrainers();
  }

  /**
   * asyncio's `_drain_helper`, settling `f`: fails with ConnectionResetError once the connection is
   * lost, resolves while writing is not paused, and otherwise waits for `resumeWriting` (or the loss).
   * @internal
   */
  _drainHelper(f: Future<void>): void {
    if (f.done()) return;
    if (this.#lost) f.setException(new ConnectionResetError('Connection lost'));
    else if (!this.#paused) f.setResult(undefined);
    else this.#drainWaiters.push(f);
  }

  /** Whether a drain would resolve at once: the connection is not lost and writing not paused. @internal */
  get _canDrainNow(): boolean {
    return !this.#lost && !this.#paused;
  }

  /** Whether this protocol serves a server's connection (startTls then upgrades as the server). @internal */
  get _serverSide(): boolean {
    return this.#clientConnected !== null;
  }

  /** The transport (after connectionMade). @internal */
  get _transport(): Transport | null {
    return this.#transport;
  }

  /** The transport that replaced the old one after `startTls`. @internal */
  _replaceTransport(transport: Transport): void {
    this.#transport = transport;
    this.#reader._replaceTransport(transport);
  }

  #wakeDrainers(): void {
    const waiters = this.#drainWaiters;
    this.#drainWaiters = [];
    for (const w of waiters) {
      if (w.done()) continue;
      if (this.#lostError !== null) w.setException(this.#lostError);
      else w.setResult(undefined);
    }
  }
}

/** The one result a bare `yield` gives (a task resumes its coroutine in the next iteration). */
const YIELD_ONCE: IteratorResult<Yieldable, never> = Object.freeze({ done: false, value: undefined });

/**
 * What `drain()` returns on a closing transport: asyncio's drain does `await sleep(0)` there, so
 * that a `connectionLost` already scheduled runs first, and then its `_drain_helper`. `yield*` on
 * it is that bare yield followed by the helper; any other use (a done callback, `await`) runs the
 * helper in the next iteration.
 */
class DrainFuture extends Future<void> implements Generator<Yieldable, void, unknown> {
  readonly #protocol: StreamReaderProtocol;
  #yielded = false;
  #armed = false;
  #checked = false;
  #waited = false;

  constructor(loop: AbstractEventLoop, protocol: StreamReaderProtocol) {
    super(loop);
    this.#protocol = protocol;
  }

  #check(): void {
    if (this.#checked) return;
    this.#checked = true;
    this.#protocol._drainHelper(this);
  }

  #arm(): void {
    if (this.#armed || this.#yielded) return;
    this.#armed = true;
    this._loop.callSoon(() => this.#check());
  }

  override addDoneCallback(fn: (future: this) => void): void {
    this.#arm();
    super.addDoneCallback(fn);
  }

  override done(): boolean {
    this.#arm();
    return super.done();
  }

  override [Symbol.iterator](): this {
    return this;
  }

  next(): IteratorResult<Yieldable, void> {
    if (!this.#yielded && !this.#checked && this._state === 0) {
      this.#yielded = true;
      return YIELD_ONCE;
    }
    this.#check();
    if (this._state === 0) {
      if (this.#waited) throw new RuntimeError('drain(): resumed before it was done');
      this.#waited = true;
      return { done: false, value: this };
    }
    this.result();
    return { done: true, value: undefined };
  }

  return(value: void): IteratorResult<Yieldable, void> {
    return { done: true, value };
  }

  throw(error: unknown): IteratorResult<Yieldable, void> {
    throw error;
  }
}

/** Options of {@link StreamWriter.startTls}. */
export interface StreamStartTlsOptions {
  /** The host name to verify the server's certificate against and send as SNI (client side). */
  serverHostname?: string;
  /** Seconds to wait for the handshake. */
  sslHandshakeTimeout?: number;
}

/**
 * Buffered writing to a transport (asyncio's `StreamWriter`); its methods mirror the transport's
 * and are not coroutines, except `drain`, `waitClosed` and `startTls`, which return Futures.
 * @example
 * ```ts
 * import { openConnection, run, startServer, type StreamReader, type StreamWriter } from 'pep3156';
 * async function shout(reader: StreamReader, writer: StreamWriter): Promise<void> {
 *   const line = new TextDecoder().decode(await reader.readline());
 *   writer.write(new TextEncoder().encode(line.toUpperCase()));
 *   await writer.drain(); // waits while the transport's buffer is above its high-water mark
 *   writer.close();
 *   await writer.waitClosed();
 * }
 * async function main(): Promise<string> {
 *   const server = await startServer(shout, '127.0.0.1', 0);
 *   const [host, port] = server.sockets[0].getsockname() as [string, number];
 *   const [reader, writer] = await openConnection(host, port);
 *   writer.write(new TextEncoder().encode('hello\n'));
 *   const reply = new TextDecoder().decode(await reader.read());
 *   writer.close();
 *   server.close();
 *   await server.waitClosed();
 *   return reply;
 * }
 * console.log(await run(main)); // HELLO
 * ```
 * @see {@link https://peps.python.org/pep-3156/#convenience-utilities | PEP 3156 § Convenience Utilities}
 */
export class StreamWriter {
  #transport: Transport;
  readonly #protocol: StreamReaderProtocol;
  readonly #reader: StreamReader | null;
  readonly #loop: AbstractEventLoop;
  /** The done Future that `drain()` returns while writing is not paused (made on first use). */
  #drained: Future<void> | null = null;

  /** @internal */
  constructor(
    transport: Transport,
    protocol: StreamReaderProtocol,
    reader: StreamReader | null,
    loop: AbstractEventLoop,
  ) {
    this.#transport = transport;
    this.#protocol = protocol;
    this.#reader = reader;
    this.#loop = loop;
  }

  /** The underlying transport (the TLS one after `startTls`). */
  get transport(): Transport {
    return this.#transport;
  }

  /**
   * Writes `data` (the transport's `write`: buffered, never blocks).
   * @throws TypeError if `data` is not a Uint8Array.
   */
  write(data: Uint8Array): void {
    this.#transport.write(data);
  }

  /** Writes each chunk in order. */
  writelines(chunks: Iterable<Uint8Array>): void {
    this.#transport.writelines(chunks);
  }

  /** Half-closes the connection after the buffer is flushed. */
  writeEof(): void {
    this.#transport.writeEof();
  }

  /** Whether `writeEof` is supported. */
  canWriteEof(): boolean {
    return this.#transport.canWriteEof();
  }

  /** Closes the transport. */
  close(): void {
    this.#transport.close();
  }

  /** Whether the transport is closing. */
  isClosing(): boolean {
    return this.#transport.isClosing();
  }

  /**
   * Completes once the connection is lost.
   * @throws (from the Future) the error the connection was lost with, if any (asyncio).
   */
  waitClosed(): FutureSpec<void> {
    const f = new Future<void>(this.#loop);
    const closed = this.#protocol._closed;
    closed.addDoneCallback(() => {
      if (f.done()) return;
      const error = closed.exception();
      if (error === null) f.setResult(undefined);
      else f.setException(error);
    });
    return f;
  }

  /**
   * Waits while the transport's write buffer is above its high-water mark; resolves at once
   * otherwise.
   * @remarks Every drain waiting when the transport resumes writing is woken. On a closing
   * transport (closed, or its connection known dead) drain first gives the loop one iteration, as
   * asyncio's does, so that a pending `connectionLost` runs: a `write(); drain()` loop then ends
   * with ConnectionResetError instead of spinning.
   * @throws (from the Future) the reader's exception (the error the connection was lost with);
   *   ConnectionResetError once the connection is lost.
   */
  drain(): FutureSpec<void> {
    const exc = this.#reader?.exception();
    if (exc) {
      const f = new Future<void>(this.#loop);
      f.setException(exc);
      return f;
    }
    const protocol = this.#protocol;
    if (this.#transport.isClosing()) return new DrainFuture(this.#loop, protocol);
    if (protocol._canDrainNow) {
      // Nothing to wait for (the usual case): one done Future serves every such drain.
      if (this.#drained === null) {
        this.#drained = new Future<void>(this.#loop);
        this.#drained.setResult(undefined);
      }
      return this.#drained;
    }
    const f = new Future<void>(this.#loop);
    protocol._drainHelper(f);
    return f;
  }

  /**
   * Upgrades the connection to TLS: drains, then the loop's `startTls` (as the server when this
   * writer came from `startServer`); afterwards the writer and its reader use the new transport.
   * @throws (from the Future) what `drain` or the handshake fails with.
   * @see {@link https://peps.python.org/pep-3156/#internet-connections | PEP 3156 § Internet connections}
   */
  startTls(sslContext: SSLOption, options: StreamStartTlsOptions = {}): FutureSpec<void> {
    const self = this;
    return this.#loop.createTask(
      (function* (): Generator<Yieldable, void, unknown> {
        yield* self.drain();
        const upgraded = yield* self.#loop.startTls(self.#transport, self.#protocol, sslContext, {
          ...options,
          serverSide: self.#protocol._serverSide,
        });
        self.#transport = upgraded;
        self.#protocol._replaceTransport(upgraded);
      })(),
    );
  }

  /** The transport's extra information (`peername`, `sockname`, `peercert`, …), or `defaultValue`. */
  getExtraInfo<T = unknown>(name: string, defaultValue?: T): T | unknown {
    return this.#transport.getExtraInfo(name, defaultValue);
  }
}
