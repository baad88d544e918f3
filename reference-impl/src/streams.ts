/**
 * Streams (PEP 3156 § Convenience Utilities; asyncio's streams module): `StreamReader`,
 * `StreamWriter`, `openConnection`, `startServer` and their Unix twins, built on the loop's
 * public transport methods.
 *
 * Every blocking method returns a Future: `yield*` it in a generator coroutine, `await` it in an
 * async function. Imports no `node:` module.
 * @module
 */
import { getRunningLoop } from './events/running-loop.js';
import {
  ConnectionResetError,
  IncompleteReadError,
  LimitOverrunError,
  RuntimeError,
  ValueError,
} from './exceptions.js';
import { Future } from './futures.js';
import { Protocol } from './protocols.js';
import type {
  AbstractEventLoop,
  CreateConnectionOptions,
  CreateServerOptions,
  Server,
  SSLOption,
} from './spec/events.js';
import type { Future as FutureSpec } from './spec/futures.js';
import type { Transport } from './spec/transports.js';
import { isGenerator } from './tasks.js';

/** The default buffer limit of a StreamReader: 64 KiB. */
export const DEFAULT_LIMIT = 64 * 1024;

const NEED_MORE: unique symbol = Symbol('need more data');
const EMPTY = new Uint8Array(0);

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function indexOf(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  if (needle.length === 1) return haystack.indexOf(needle[0], from);
  outer: for (let i = from; i <= haystack.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** Options of a {@link StreamReader}. */
export interface StreamReaderOptions {
  /** The buffer limit in bytes (default 64 KiB): `readuntil` fails past it, reading pauses past twice it. */
  limit?: number;
  /** The loop; default: the running loop. */
  loop?: AbstractEventLoop;
}

/**
 * Buffered reading from a transport (asyncio's `StreamReader`).
 * @remarks Only one read may wait at a time; a second one throws RuntimeError.
 */
export class StreamReader implements AsyncIterable<Uint8Array> {
  readonly #limit: number;
  readonly #loop: AbstractEventLoop;
  #buffer: Uint8Array = EMPTY;
  #eof = false;
  #exception: Error | null = null;
  #transport: Transport | null = null;
  #paused = false;
  #wakeup: (() => void) | null = null;

  /** @throws {@link ValueError} if `limit` is not a positive number. */
  constructor(options: StreamReaderOptions = {}) {
    const limit = options.limit ?? DEFAULT_LIMIT;
    if (typeof limit !== 'number' || !(limit > 0))
      throw new ValueError('StreamReader: limit must be a positive number');
    this.#limit = limit;
    this.#loop = options.loop ?? getRunningLoop();
  }

  /** The buffer limit. */
  get limit(): number {
    return this.#limit;
  }

  /** The exception set with `setException`, or `null`. */
  exception(): Error | null {
    return this.#exception;
  }

  /** Makes every pending and later read fail with `exc`. */
  setException(exc: Error): void {
    this.#exception = exc;
    this.#wake();
  }

  /** Attaches the transport whose reading this reader pauses and resumes for flow control. */
  setTransport(transport: Transport): void {
    if (this.#transport !== null) throw new RuntimeError('setTransport: transport already set');
    this.#transport = transport;
  }

  /** Adds received data to the buffer and wakes a waiting read. */
  feedData(data: Uint8Array): void {
    if (this.#eof) throw new RuntimeError('feedData after feedEof');
    if (data.length === 0) return;
    this.#buffer = concat(this.#buffer, data);
    this.#wake();
    const t = this.#transport;
    if (t !== null && !this.#paused && this.#buffer.length > 2 * this.#limit) {
      try {
        t.pauseReading();
        this.#paused = true;
      } catch {
        this.#transport = null; // a transport that cannot pause: give up flow control
      }
    }
  }

  /** Marks the end of the stream and wakes a waiting read. */
  feedEof(): void {
    this.#eof = true;
    this.#wake();
  }

  /** Whether the stream ended and the buffer is empty. */
  atEof(): boolean {
    return this.#eof && this.#buffer.length === 0;
  }

  /**
   * Reads up to `n` bytes; with `n` < 0 (the default), everything until EOF. Resolves to an empty
   * array at EOF.
   */
  read(n = -1): FutureSpec<Uint8Array> {
    if (n === 0) return this.#done(EMPTY);
    if (n < 0) {
      const blocks: Uint8Array[] = [];
      return this.#read('read', () => {
        if (this.#buffer.length > 0) blocks.push(this.#consume(this.#buffer.length));
        if (!this.#eof) return NEED_MORE;
        const total = blocks.reduce((s, b) => s + b.length, 0);
        const out = new Uint8Array(total);
        let o = 0;
        for (const b of blocks) {
          out.set(b, o);
          o += b.length;
        }
        return out;
      });
    }
    return this.#read('read', () => {
      if (this.#buffer.length > 0) return this.#consume(Math.min(n, this.#buffer.length));
      return this.#eof ? EMPTY : NEED_MORE;
    });
  }

  /**
   * Reads one line, up to and including `\n`; at EOF, what is left (possibly empty).
   * @throws {@link ValueError} (from the Future) if the line is longer than the limit.
   */
  readline(): FutureSpec<Uint8Array> {
    const sep = new Uint8Array([10]);
    return this.#read('readline', () => {
      try {
        return this.#readuntilNow(sep);
      } catch (error) {
        if (error instanceof IncompleteReadError) return error.partial;
        if (error instanceof LimitOverrunError) {
          this.#consume(Math.min(this.#buffer.length, error.consumed + 1));
          throw new ValueError(error.message);
        }
        throw error;
      }
    });
  }

  /**
   * Reads up to and including `separator` (default `\n`).
   * @throws {@link IncompleteReadError} at EOF before the separator; {@link LimitOverrunError} when
   *   the separator is not within the limit (the data stays in the buffer).
   */
  readuntil(separator: Uint8Array | string = '\n'): FutureSpec<Uint8Array> {
    const sep = typeof separator === 'string' ? new TextEncoder().encode(separator) : separator;
    if (sep.length === 0) return this.#failed(new ValueError('readuntil: separator must not be empty'));
    return this.#read('readuntil', () => this.#readuntilNow(sep));
  }

  /**
   * Reads exactly `n` bytes.
   * @throws {@link IncompleteReadError} (with `partial` and `expected`) if the stream ends first.
   */
  readexactly(n: number): FutureSpec<Uint8Array> {
    if (!Number.isInteger(n) || n < 0)
      return this.#failed(new ValueError('readexactly: n must be a non-negative integer'));
    if (n === 0) return this.#done(EMPTY);
    return this.#read('readexactly', () => {
      if (this.#buffer.length >= n) return this.#consume(n);
      if (this.#eof) {
        const partial = this.#consume(this.#buffer.length);
        throw new IncompleteReadError(partial, n);
      }
      return NEED_MORE;
    });
  }

  /** `for await (const line of reader)`: the lines until EOF. */
  async *[Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    for (;;) {
      const line = await this.readline();
      if (line.length === 0) return;
      yield line;
    }
  }

  #readuntilNow(sep: Uint8Array): Uint8Array | typeof NEED_MORE {
    const i = indexOf(this.#buffer, sep, 0);
    if (i >= 0) {
      if (i > this.#limit)
        throw new LimitOverrunError('Separator is found, but chunk is longer than limit', i);
      return this.#consume(i + sep.length);
    }
    if (this.#buffer.length > this.#limit) {
      throw new LimitOverrunError(
        'Separator is not found, and chunk exceed the limit',
        this.#buffer.length - sep.length + 1,
      );
    }
    if (this.#eof) throw new IncompleteReadError(this.#consume(this.#buffer.length), null);
    return NEED_MORE;
  }

  #consume(n: number): Uint8Array {
    const out = this.#buffer.subarray(0, n);
    this.#buffer = n === this.#buffer.length ? EMPTY : this.#buffer.subarray(n);
    if (this.#paused && this.#buffer.length <= this.#limit) {
      this.#paused = false;
      this.#transport?.resumeReading();
    }
    return out;
  }

  #wake(): void {
    const wakeup = this.#wakeup;
    if (wakeup !== null) {
      this.#wakeup = null;
      wakeup();
    }
  }

  #done<T>(value: T): FutureSpec<T> {
    const f = new Future<T>(this.#loop);
    f.setResult(value);
    return f;
  }

  #failed<T>(error: Error): FutureSpec<T> {
    const f = new Future<T>(this.#loop);
    f.setException(error);
    return f;
  }

  /** Runs `attempt` now and again after each wake-up until it produces a value or throws. */
  #read<T>(name: string, attempt: () => T | typeof NEED_MORE): FutureSpec<T> {
    if (this.#wakeup !== null) {
      return this.#failed(
        new RuntimeError(`${name}() called while another coroutine is already waiting for incoming data`),
      );
    }
    const result = new Future<T>(this.#loop);
    const step = () => {
      if (result.done()) return;
      if (this.#exception !== null) {
        result._setExceptionUnchecked(this.#exception);
        return;
      }
      let value: T | typeof NEED_MORE;
      try {
        value = attempt();
      } catch (error) {
        result._setExceptionUnchecked(error);
        return;
      }
      if (value !== NEED_MORE) {
        result.setResult(value);
        return;
      }
      if (this.#paused) {
        this.#paused = false;
        this.#transport?.resumeReading();
      }
      this.#wakeup = step;
    };
    step();
    if (!result.done()) {
      result.addDoneCallback(() => {
        if (result.cancelled() && this.#wakeup === step) this.#wakeup = null;
      });
    }
    return result;
  }
}

/** What a client-connected callback may return: nothing, a generator coroutine or a Promise. */
export type ClientConnected = (reader: StreamReader, writer: StreamWriter) => unknown;

/** The protocol between a transport and a StreamReader/StreamWriter pair. */
export class StreamReaderProtocol extends Protocol {
  readonly #reader: StreamReader;
  readonly #clientConnected: ClientConnected | null;
  readonly #loop: AbstractEventLoop;
  #transport: Transport | null = null;
  #paused = false;
  #drainWaiters: Future<void>[] = [];
  #lost = false;
  #lostError: Error | null = null;
  /** Completes when the connection is lost. @internal */
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

  /** Attaches the reader; for servers, calls the client-connected callback (a coroutine becomes a task). */
  override connectionMade(transport: Transport): void {
    this.#transport = transport;
    this.#reader.setTransport(transport);
    if (this.#clientConnected === null) return;
    const writer = new StreamWriter(transport, this, this.#reader, this.#loop);
    const result = this.#clientConnected(this.#reader, writer);
    if (isGenerator(result)) {
      const task = this.#loop.createTask(result);
      task.addDoneCallback((t) => {
        if (t.cancelled()) return;
        const error = t.exception();
        if (error !== null) {
          this.#loop.callExceptionHandler({
            message: 'Unhandled exception in client connected callback',
            exception: error,
            transport,
          });
          transport.close();
        }
      });
    } else if (
      result !== null &&
      typeof result === 'object' &&
      typeof (result as PromiseLike<unknown>).then === 'function'
    ) {
      (result as PromiseLike<unknown>).then(undefined, (error: unknown) => {
        this.#loop.callExceptionHandler({
          message: 'Unhandled exception in client connected callback',
          exception: error,
          transport,
        });
        transport.close();
      });
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

  /** Ends the reader (with the error, if any) and wakes drain waiters. */
  override connectionLost(exc: Error | null): void {
    this.#lost = true;
    this.#lostError = exc;
    if (exc === null) this.#reader.feedEof();
    else this.#reader.setException(exc);
    if (!this._closed.done()) this._closed.setResult(undefined);
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

  /** @internal */
  _drain(): FutureSpec<void> {
    const f = new Future<void>(this.#loop);
    if (this.#lost) {
      f.setException(this.#lostError ?? new ConnectionResetError('Connection lost'));
    } else if (!this.#paused) {
      f.setResult(undefined);
    } else {
      this.#drainWaiters.push(f);
    }
    return f;
  }

  /** The transport (after connectionMade). @internal */
  get _transport(): Transport | null {
    return this.#transport;
  }

  #wakeDrainers(): void {
    const waiters = this.#drainWaiters;
    this.#drainWaiters = [];
    for (const w of waiters) {
      if (w.done()) continue;
      if (this.#lost) w.setException(this.#lostError ?? new ConnectionResetError('Connection lost'));
      else w.setResult(undefined);
    }
  }
}

/** Buffered writing to a transport (asyncio's `StreamWriter`); its methods mirror the transport's. */
export class StreamWriter {
  #transport: Transport;
  readonly #protocol: StreamReaderProtocol;
  readonly #reader: StreamReader | null;
  readonly #loop: AbstractEventLoop;

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

  /** The underlying transport. */
  get transport(): Transport {
    return this.#transport;
  }

  /** Writes `data` (see the transport's `write`). */
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

  /** Completes once the connection is closed. */
  waitClosed(): FutureSpec<void> {
    const f = new Future<void>(this.#loop);
    this.#protocol._closed.addDoneCallback(() => {
      if (!f.done()) f.setResult(undefined);
    });
    return f;
  }

  /**
   * Waits while the transport's write buffer is above its high-water mark; resolves at once
   * otherwise.
   * @throws the reader's exception, or ConnectionResetError if the connection was lost.
   */
  drain(): FutureSpec<void> {
    const exc = this.#reader?.exception();
    if (exc) {
      const f = new Future<void>(this.#loop);
      f.setException(exc);
      return f;
    }
    return this.#protocol._drain();
  }

  /** Upgrades the connection to TLS; the writer then writes through the new transport. */
  startTls(sslContext: SSLOption, options: { serverHostname?: string } = {}): FutureSpec<void> {
    const done = new Future<void>(this.#loop);
    const upgraded = this.#loop.startTls(this.#transport, this.#protocol, sslContext, options);
    upgraded.addDoneCallback(() => {
      if (upgraded.cancelled()) return done.cancel() && undefined;
      const error = upgraded.exception();
      if (error !== null) done.setException(error);
      else {
        this.#transport = upgraded.result();
        done.setResult(undefined);
      }
    });
    return done;
  }

  /** The transport's extra information. */
  getExtraInfo<T = unknown>(name: string, defaultValue?: T): T | unknown {
    return this.#transport.getExtraInfo(name, defaultValue);
  }
}

/** Options of {@link openConnection} and {@link startServer}: the reader limit plus the loop's options. */
export interface StreamOptions {
  /** The StreamReader buffer limit (default 64 KiB). */
  limit?: number;
  /** The loop; default: the running loop. */
  loop?: AbstractEventLoop;
}

function chain<A, B>(loop: AbstractEventLoop, source: FutureSpec<A>, map: (a: A) => B): FutureSpec<B> {
  const out = new Future<B>(loop);
  source.addDoneCallback(() => {
    if (out.done()) return;
    if (source.cancelled()) {
      out.cancel();
      return;
    }
    const error = source.exception();
    if (error !== null) out.setException(error);
    else out.setResult(map(source.result()));
  });
  out.addDoneCallback(() => {
    if (out.cancelled()) source.cancel();
  });
  return out;
}

/** Connects to `host:port` and resolves to `[reader, writer]`. */
export function openConnection(
  host: string,
  port: number,
  options: StreamOptions & CreateConnectionOptions = {},
): FutureSpec<[StreamReader, StreamWriter]> {
  const { limit, loop: given, ...rest } = options;
  const loop = given ?? getRunningLoop();
  const reader = new StreamReader({ limit, loop });
  const protocol = new StreamReaderProtocol(reader, null, loop);
  return chain(
    loop,
    loop.createConnection(() => protocol, host, port, rest),
    ([transport]) => [reader, new StreamWriter(transport, protocol, reader, loop)],
  );
}

/**
 * Starts a server that calls `clientConnected(reader, writer)` for each connection; a generator
 * coroutine or Promise it returns runs as a task.
 */
export function startServer(
  clientConnected: ClientConnected,
  host: string | string[] | null,
  port: number | null,
  options: StreamOptions & CreateServerOptions = {},
): FutureSpec<Server> {
  const { limit, loop: given, ...rest } = options;
  const loop = given ?? getRunningLoop();
  return loop.createServer(
    () => new StreamReaderProtocol(new StreamReader({ limit, loop }), clientConnected, loop),
    host,
    port,
    rest,
  );
}

/** Connects to the Unix socket at `path` and resolves to `[reader, writer]`. */
export function openUnixConnection(
  path: string,
  options: StreamOptions = {},
): FutureSpec<[StreamReader, StreamWriter]> {
  const loop = options.loop ?? getRunningLoop();
  const reader = new StreamReader({ limit: options.limit, loop });
  const protocol = new StreamReaderProtocol(reader, null, loop);
  return chain(
    loop,
    loop.createUnixConnection(() => protocol, path),
    ([transport]) => [reader, new StreamWriter(transport, protocol, reader, loop)],
  );
}

/** Starts a server on the Unix socket at `path`. */
export function startUnixServer(
  clientConnected: ClientConnected,
  path: string,
  options: StreamOptions = {},
): FutureSpec<Server> {
  const loop = options.loop ?? getRunningLoop();
  return loop.createUnixServer(
    () => new StreamReaderProtocol(new StreamReader({ limit: options.limit, loop }), clientConnected, loop),
    path,
  );
}
