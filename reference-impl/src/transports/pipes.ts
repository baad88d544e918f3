/**
 * Pipe transports (PEP 3156 § Pipes, § Unidirectional Stream Transports): `connectReadPipe` over a
 * Node Readable (or a file descriptor) and `connectWritePipe` over a Writable (or a descriptor).
 *
 * A read pipe may call all four stream callbacks; a write pipe calls only `connectionMade`,
 * `pauseWriting`/`resumeWriting` and `connectionLost`.
 * @module
 */
import { createReadStream, createWriteStream } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { Future } from '../futures.js';
import type { AbstractEventLoop, ProtocolFactory } from '../spec/events.js';
import type { Future as FutureSpec } from '../spec/futures.js';
import type { BaseProtocol, Protocol } from '../spec/protocols.js';
import type { ReadTransport, WriteTransport } from '../spec/transports.js';
import { mapNodeError } from './errors.js';
import { FlowControl, type FlowHost } from './flow-control.js';
import { checkProtocol, guarded } from './guard.js';
import { asLoopCallback } from './socket-transport.js';

abstract class PipeTransport {
  protected readonly loop: AbstractEventLoop;
  protected protocol: BaseProtocol;
  protected made = false;
  protected closing = false;
  protected lost = false;
  protected readonly pipe: unknown;

  constructor(loop: AbstractEventLoop, protocol: BaseProtocol, pipe: unknown) {
    this.loop = loop;
    this.protocol = protocol;
    this.pipe = pipe;
  }

  /** `pipe` is the Node stream; unknown names give the default. */
  getExtraInfo<T = unknown>(name: string, defaultValue?: T): T | unknown {
    return name === 'pipe' ? this.pipe : defaultValue;
  }

  /** Whether the transport is closing or closed. */
  isClosing(): boolean {
    return this.closing;
  }

  /** Replaces the protocol. @throws TypeError if `protocol` is not an object. */
  setProtocol(protocol: BaseProtocol): void {
    checkProtocol(protocol, 'setProtocol');
    this.protocol = protocol;
  }

  /** The protocol. */
  getProtocol(): BaseProtocol {
    return this.protocol;
  }

  /** @internal */
  _callProtocol(method: string, ...args: unknown[]): unknown {
    const protocol = this.protocol as unknown as Record<string, ((...a: unknown[]) => unknown) | undefined>;
    const fn = protocol[method];
    if (typeof fn !== 'function' || this.lost) return undefined;
    let result: unknown;
    const error = asLoopCallback(this.loop, () => {
      result = fn.apply(protocol, args);
    });
    if (error !== undefined) {
      this.loop.callExceptionHandler({
        message: `Fatal error on pipe transport: protocol.${method}() call failed`,
        exception: error,
        transport: this,
        protocol: this.protocol,
      });
      this.lose(error instanceof Error ? error : new Error(String(error)));
    }
    return result;
  }

  /** connectionLost, with its exception (if any) sent to the handler only. */
  #callLost(error: Error | null): void {
    const protocol = this.protocol as unknown as Record<string, ((...a: unknown[]) => unknown) | undefined>;
    const fn = protocol.connectionLost;
    if (typeof fn !== 'function') return;
    const thrown = asLoopCallback(this.loop, () => fn.call(protocol, error));
    if (thrown !== undefined) {
      this.loop.callExceptionHandler({
        message: 'Exception in protocol.connectionLost() of a pipe transport',
        exception: thrown,
        transport: this,
        protocol: this.protocol,
      });
    }
  }

  protected abstract destroy(): void;

  /** Wraps a stream listener: what it throws goes to the exception handler and the pipe is lost. */
  protected guard<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void {
    return guarded(this.loop, 'Unexpected error in a stream event of a pipe transport', fn, (error) =>
      this.lose(error instanceof Error ? error : null),
    );
  }

  /** Calls connectionLost at once (the caller is a loop callback), unless it was already called. */
  protected loseNow(error: Error | null): void {
    if (this.lost) return;
    this.closing = true;
    this.destroy();
    this.lost = true;
    if (this.made) this.#callLost(error);
  }

  /** Calls connectionLost once, from the loop. */
  protected lose(error: Error | null): void {
    if (this.lost) return;
    this.closing = true;
    this.destroy();
    // Lost after the loop was closed: nothing may run on it any more.
    if (this.loop.isClosed()) {
      this.lost = true;
      return;
    }
    this.loop.callSoon(() => {
      if (this.lost) return;
      const made = this.made;
      // Marked lost before the call, so that an exception from connectionLost cannot call it again.
      this.lost = true;
      if (made) this.#callLost(error);
    });
  }
}

/**
 * The read end of a pipe. Chunks and the end of stream wait in a queue and are delivered in order,
 * from loop callbacks, only while reading is not paused: never after `pauseReading()`.
 * @example
 * ```ts
 * import { Readable } from 'node:stream';
 * import { getRunningLoop, Protocol, ReadPipeTransport, run } from 'pep3156';
 * class Lines extends Protocol {
 *   text = '';
 *   readonly done = getRunningLoop().createFuture<string>();
 *   override dataReceived(data: Uint8Array): void {
 *     this.text += new TextDecoder().decode(data);
 *   }
 *   override connectionLost(): void {
 *     this.done.setResult(this.text);
 *   }
 * }
 * const text = await run(async () => {
 *   // A Node Readable or a file descriptor (process.stdin, a pipe's fd) becomes a read transport.
 *   const source = Readable.from(['a\n', 'b\n']);
 *   const [transport, protocol] = await getRunningLoop().connectReadPipe(() => new Lines(), source);
 *   console.log(transport instanceof ReadPipeTransport); // true
 *   return await protocol.done;
 * });
 * console.log(JSON.stringify(text)); // "a\nb\n"
 * ```
 */
export class ReadPipeTransport extends PipeTransport implements ReadTransport {
  readonly #stream: Readable;
  #paused = false;
  /** Chunks waiting for the protocol, `null` for the end of stream. */
  #queue: (Uint8Array | null)[] = [];
  #drainScheduled = false;
  #ended = false;

  /** @internal */
  constructor(loop: AbstractEventLoop, stream: Readable, protocol: Protocol, onMade: () => void) {
    super(loop, protocol, stream);
    this.#stream = stream;
    stream.pause();
    const on = <A extends unknown[]>(fn: (...args: A) => void) => this.guard(fn);
    stream.on(
      'data',
      on((chunk: Buffer | string) => {
        const data = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        if (this.closing || data.length === 0) return;
        this.#queue.push(data);
        this.#scheduleDrain();
      }),
    );
    stream.on(
      'end',
      on(() => {
        this.#ended = true;
        if (this.closing) return;
        this.#queue.push(null);
        this.#scheduleDrain();
      }),
    );
    stream.on(
      'error',
      on((error: Error) => this.lose(mapNodeError(error))),
    );
    // Destroyed without an end of stream (by its owner, or by a write pipe over the same Duplex):
    // nothing more will come, so the pipe is lost rather than left waiting forever.
    stream.on(
      'close',
      on(() => {
        if (!this.#ended) this.lose(null);
      }),
    );
    loop.callSoon(() => {
      this.made = true;
      this._callProtocol('connectionMade', this);
      onMade();
      if (!this.#paused && !this.closing) stream.resume();
    });
  }

  #scheduleDrain(): void {
    if (this.#drainScheduled || this.loop.isClosed()) return;
    this.#drainScheduled = true;
    this.loop.callSoon(() => {
      this.#drainScheduled = false;
      this.#deliverQueued();
    });
  }

  #deliverQueued(): void {
    while (this.#queue.length > 0 && this.made && !this.#paused && !this.closing) {
      const chunk = this.#queue.shift() as Uint8Array | null;
      if (chunk !== null) {
        this._callProtocol('dataReceived', chunk);
        continue;
      }
      // The end of stream: eofReceived's value is ignored, the pipe closes (as asyncio's read pipe),
      // and connectionLost follows in the same iteration: asyncio schedules both with call_soon.
      this._callProtocol('eofReceived');
      if (!this.closing) this.loseNow(null);
    }
  }

  /** Stops `dataReceived` calls until `resumeReading()`. */
  pauseReading(): void {
    if (this.closing || this.#paused) return;
    this.#paused = true;
    this.#stream.pause();
  }

  /** Resumes `dataReceived` calls. */
  resumeReading(): void {
    if (this.closing || !this.#paused) return;
    this.#paused = false;
    this.#stream.resume();
    this.#scheduleDrain();
  }

  /** Whether data is flowing. */
  isReading(): boolean {
    return !this.#paused && !this.closing;
  }

  /** Closes the pipe; `connectionLost(null)` follows. */
  close(): void {
    if (this.closing) return;
    this.#queue = [];
    this.lose(null);
  }

  protected destroy(): void {
    this.#queue = [];
    this.#stream.destroy();
  }
}

/**
 * The write end of a pipe.
 * @example
 * ```ts
 * import { BaseProtocol, getRunningLoop, run, WritePipeTransport } from 'pep3156';
 * await run(async () => {
 *   // process.stdout (or a pipe's file descriptor) as a write transport with flow control.
 *   const [transport] = await getRunningLoop().connectWritePipe(() => new BaseProtocol(), process.stdout);
 *   console.log(transport instanceof WritePipeTransport); // true
 *   transport.write(new TextEncoder().encode('written through a pipe transport\n'));
 *   console.log(transport.getWriteBufferLimits()); // [ 16384, 65536 ]: low and high marks
 * });
 * ```
 */
export class WritePipeTransport extends PipeTransport implements WriteTransport, FlowHost {
  readonly #stream: Writable;
  readonly #flow: FlowControl;
  /** close() (or writeEof()) ended the stream and everything was flushed. */
  #finished = false;
  readonly #onFlushed = (): void => this.#flow.maybeResume();

  /** @internal */
  constructor(loop: AbstractEventLoop, stream: Writable, protocol: BaseProtocol, onMade: () => void) {
    super(loop, protocol, stream);
    this.#stream = stream;
    this.#flow = new FlowControl(this);
    const on = <A extends unknown[]>(fn: (...args: A) => void) => this.guard(fn);
    stream.on(
      'drain',
      on(() => this.#flow.maybeResume()),
    );
    stream.on(
      'error',
      on((error: Error) => this.lose(mapNodeError(error))),
    );
    stream.on(
      'close',
      on(() => this.lose(null)),
    );
    loop.callSoon(() => {
      this.made = true;
      this._callProtocol('connectionMade', this);
      onMade();
    });
  }

  /** Buffers `data`; dropped once closing (after `close()`, `writeEof()` or `abort()`). @throws TypeError if not a Uint8Array. */
  write(data: Uint8Array): void {
    if (!(data instanceof Uint8Array)) throw new TypeError('write: data must be a Uint8Array');
    if (data.length === 0 || this.closing) return;
    const stream = this.#stream;
    if (this.#streamFailed()) return;
    // Above the low mark, ask to hear when this chunk is flushed: Node's 'drain' comes only when a
    // write was refused at the stream's own high-water mark, which may be above ours.
    if (stream.writableLength + data.length > this.#flow.low) stream.write(data, this.#onFlushed);
    else stream.write(data);
    if (this.#streamFailed()) return;
    this.#flow.maybePause();
  }

  /**
   * Whether Node failed or destroyed the stream (a write the system refused, EPIPE: Node reports it
   * only in its next tick and queues the writes made meanwhile). If so the transport is closing from
   * now on and connectionLost is scheduled with the error, as asyncio's pipe transport does when a
   * write fails, so that a `write(); drain()` loop ends at once.
   */
  #streamFailed(): boolean {
    const stream = this.#stream;
    const errored = (stream as { errored?: Error | null }).errored ?? null;
    if (errored === null && !stream.destroyed) return false;
    this.lose(errored === null ? null : mapNodeError(errored));
    return true;
  }

  /** Writes each chunk in order. */
  writelines(chunks: Iterable<Uint8Array>): void {
    for (const chunk of chunks) this.write(chunk);
  }

  /**
   * Closes the write end after flushing: the same as `close()`, as asyncio's unix write pipe has
   * it (a pipe has no other half to keep open), so `connectionLost(null)` follows and later writes
   * are dropped.
   */
  writeEof(): void {
    this.close();
  }

  /** Pipes can half-close. */
  canWriteEof(): boolean {
    return true;
  }

  /** Flushes, then closes; `connectionLost(null)` follows. */
  close(): void {
    if (this.closing) return;
    this.closing = true;
    if (this.#stream.writableLength === 0) {
      // Nothing buffered: connectionLost comes in the next iteration, as asyncio's (call_soon);
      // the stream still ends, so its reader sees the end of stream.
      this.#finished = true;
      this.#stream.end();
      this.lose(null);
      return;
    }
    this.#stream.end(() => {
      this.#finished = true;
      this.lose(null);
    });
  }

  /** Closes at once, dropping buffered data. */
  abort(): void {
    this.lose(null);
  }

  /** Bytes buffered. */
  getWriteBufferSize(): number {
    return this.#stream.writableLength;
  }

  /** Sets the flow-control marks. */
  setWriteBufferLimits(high?: number, low?: number): void {
    this.#flow.setLimits(high, low);
  }

  /** The `[low, high]` marks. */
  getWriteBufferLimits(): [low: number, high: number] {
    return [this.#flow.low, this.#flow.high];
  }

  /** Drops what is buffered: no resumeWriting comes for it. */
  protected destroy(): void {
    this.#flow.paused = false;
    // After a clean end(), a Duplex whose readable side is still being read (a PassThrough that a
    // read pipe reads, the twin of both ends of one os.pipe()) destroys itself once read: destroying
    // it here would drop what its reader has not taken yet.
    if (this.#finished && (this.#stream as unknown as { readable?: boolean }).readable === true) return;
    this.#stream.destroy();
  }
}

function asReadable(pipe: unknown): Readable {
  if (typeof pipe === 'number') return createReadStream('', { fd: pipe, autoClose: true });
  if (
    pipe !== null &&
    typeof pipe === 'object' &&
    typeof (pipe as Readable).on === 'function' &&
    typeof (pipe as Readable).pause === 'function'
  ) {
    return pipe as Readable;
  }
  throw new TypeError('connectReadPipe: pipe must be a Node Readable stream or a file descriptor');
}

function asWritable(pipe: unknown): Writable {
  if (typeof pipe === 'number') return createWriteStream('', { fd: pipe, autoClose: true });
  if (pipe !== null && typeof pipe === 'object' && typeof (pipe as Writable).write === 'function')
    return pipe as Writable;
  throw new TypeError('connectWritePipe: pipe must be a Node Writable stream or a file descriptor');
}

/** `connectReadPipe(protocolFactory, pipe)`. */
export function connectReadPipe<P extends Protocol>(
  loop: AbstractEventLoop,
  protocolFactory: ProtocolFactory<P>,
  pipe: unknown,
): FutureSpec<[ReadTransport, P]> {
  const future = new Future<[ReadTransport, P]>(loop);
  try {
    const stream = asReadable(pipe);
    const protocol = protocolFactory();
    checkProtocol(protocol, 'connectReadPipe');
    const transport = new ReadPipeTransport(loop, stream, protocol, () => {
      if (!future.done()) future.setResult([transport, protocol]);
    });
  } catch (error) {
    future._setExceptionUnchecked(error);
  }
  return future;
}

/** `connectWritePipe(protocolFactory, pipe)`. */
export function connectWritePipe<P extends BaseProtocol>(
  loop: AbstractEventLoop,
  protocolFactory: ProtocolFactory<P>,
  pipe: unknown,
): FutureSpec<[WriteTransport, P]> {
  const future = new Future<[WriteTransport, P]>(loop);
  try {
    const stream = asWritable(pipe);
    const protocol = protocolFactory();
    checkProtocol(protocol, 'connectWritePipe');
    const transport = new WritePipeTransport(loop, stream, protocol, () => {
      if (!future.done()) future.setResult([transport, protocol]);
    });
  } catch (error) {
    future._setExceptionUnchecked(error);
  }
  return future;
}
