/**
 * The stream transport over a Node `net.Socket` (TCP, Unix sockets) or `tls.TLSSocket`.
 *
 * Invariants:
 * - Protocol calls follow `connectionMade → dataReceived* → eofReceived? → connectionLost`;
 *   `connectionLost` is called exactly once, last.
 * - Protocol calls run with the loop set as the running loop; an exception they throw goes to the
 *   loop's exception handler and closes this transport with that error (other connections never
 *   notice).
 * - Data that arrives while the loop is not running, before `connectionMade` has run, or while
 *   reading is paused is queued and delivered in order later: never while paused.
 * - Every byte written before `close()` is flushed before the connection is closed; `abort()` drops
 *   what is buffered.
 * - Once the socket is known dead (an error, a write the system refused, a write to a destroyed
 *   socket), `isClosing()` is true, later writes are dropped (logged from the fifth), and `connectionLost` is
 *   scheduled, as asyncio's `_force_close` does when a send fails: nothing waits for Node to
 *   report it.
 * @module
 */
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { logger } from '../events/log.js';
import { _getRunningLoop, setRunningLoop } from '../events/running-loop.js';
import { NotImplementedError, RuntimeError } from '../exceptions.js';
import type { AbstractEventLoop } from '../spec/events.js';
import type { BaseProtocol, BufferedProtocol, Protocol } from '../spec/protocols.js';
import type { Transport } from '../spec/transports.js';
import { mapNodeError } from './errors.js';
import { FlowControl, type FlowHost } from './flow-control.js';
import { checkProtocol, guarded, guardedIo } from './guard.js';

type AnyProtocol = Protocol | BufferedProtocol;

/** From this many writes dropped after the connection is lost on, each is logged (asyncio's constant). */
const LOG_THRESHOLD_FOR_LOST_WRITES = 5;

/** What a transport reports to the server that accepted it. @internal */
export interface ConnectionOwner {
  _attach(transport: SocketTransport): void;
  _detach(transport: SocketTransport): void;
}

/** Calls `fn` as if it were a loop callback: the loop is the running loop, and errors are returned. */
export function asLoopCallback(loop: AbstractEventLoop, fn: () => void): unknown {
  const previous = _getRunningLoop();
  if (previous !== loop) setRunningLoop(loop);
  try {
    fn();
    return undefined;
  } catch (error) {
    return error ?? new Error('a protocol callback threw a falsy value');
  } finally {
    if (previous !== loop) setRunningLoop(previous);
  }
}

/**
 * A bidirectional stream transport over a Node socket.
 * @example
 * ```ts
 * import { getRunningLoop, Protocol, run, SocketTransport, type Transport } from 'pep3156';
 * class Silent extends Protocol {}
 * await run(async () => {
 *   const loop = getRunningLoop();
 *   const server = await loop.createServer(() => new Silent(), '127.0.0.1', 0);
 *   const [host, port] = server.sockets[0].getsockname() as [string, number];
 *   const [transport]: [Transport, Silent] = await loop.createConnection(() => new Silent(), host, port);
 *   console.log(transport instanceof SocketTransport); // true: TCP, Unix and TLS connections
 *   console.log(transport.getExtraInfo('peername')); // [ '127.0.0.1', port ]
 *   transport.close();
 *   server.close();
 *   await server.waitClosed();
 * });
 * ```
 * @see {@link https://peps.python.org/pep-3156/#bidirectional-stream-transports | PEP 3156 § Bidirectional Stream Transports}
 */
export class SocketTransport implements Transport, FlowHost {
  readonly #loop: AbstractEventLoop;
  readonly #socket: Socket | TLSSocket;
  #protocol: AnyProtocol;
  readonly #owner: ConnectionOwner | null;
  readonly #isTls: boolean;
  readonly #flow: FlowControl;
  #made = false;
  #closing = false;
  /** The connection is known dead (an error, a refused write): closing, yet queued data is delivered. */
  #dead = false;
  #lost = false;
  #lostScheduled = false;
  #eofWritten = false;
  #eofReceived = false;
  #readingPaused = false;
  /** Events waiting to be delivered in order (data chunks, `null` for EOF). */
  #queue: (Uint8Array | null)[] = [];
  #drainScheduled = false;
  #pendingError: Error | null = null;
  #droppedWrites = 0;
  readonly #extra: Record<string, unknown>;
  readonly #onFlushed = (): void => this.#flow.maybeResume();

  /**
   * Wraps `socket`, and schedules `connectionMade`; `onMade` runs right after it (used to resolve
   * `createConnection` after `connectionMade`, as CPython does).
   * @internal
   */
  constructor(
    loop: AbstractEventLoop,
    socket: Socket | TLSSocket,
    protocol: AnyProtocol,
    options: {
      owner?: ConnectionOwner | null;
      tls?: boolean;
      extra?: Record<string, unknown>;
      onMade?: () => void;
      /** An upgrade (startTls): the protocol is already connected, so connectionMade is not called. */
      upgrade?: boolean;
    } = {},
  ) {
    this.#loop = loop;
    this.#socket = socket;
    this.#protocol = protocol;
    this.#owner = options.owner ?? null;
    this.#isTls = options.tls ?? false;
    this.#extra = options.extra ?? {};
    this.#flow = new FlowControl(this);
    if (typeof (socket as Socket).setNoDelay === 'function' && socket.remoteAddress !== undefined)
      socket.setNoDelay(true);
    // Nothing thrown in a socket event reaches Node: it is reported and the connection aborted.
    const on = <A extends unknown[]>(fn: (...args: A) => void) =>
      guarded(loop, 'Unexpected error in a socket event of a transport', fn, () => this.abort());
    socket.on(
      'data',
      guardedIo(loop, 'Unexpected error in a socket event of a transport', this.#onDataFn, () =>
        this.abort(),
      ),
    );
    socket.on(
      'end',
      on(() => this.#onEnd()),
    );
    socket.on(
      'error',
      on((error: Error) => this.#onError(error)),
    );
    socket.on(
      'close',
      on(() => this.#onClose()),
    );
    socket.on(
      'drain',
      on(() => this.#flow.maybeResume()),
    );
    this.#owner?._attach(this);
    loop.callSoon(() => {
      if (this.#lost) return;
      this.#made = true;
      if (!options.upgrade) this.#call('connectionMade', this);
      options.onMade?.();
      this.#deliverQueued();
    });
  }

  // ---- BaseTransport ----------------------------------------------------------------------

  /**
   * Extra information: peername, sockname, socket (the Node socket), and for TLS peercert (Node's
   * `getPeerCertificate()`), cipher (`getCipher()`), sslcontext (the `tls.SecureContext`), sslObject
   * (the `tls.TLSSocket`) and compression (`null`); unknown names give `defaultValue`.
   * @see {@link https://peps.python.org/pep-3156/#methods-for-all-transports | PEP 3156 § Methods For All Transports}
   */
  getExtraInfo<T = unknown>(name: string, defaultValue?: T): T | unknown {
    if (name in this.#extra) return this.#extra[name];
    const s = this.#socket;
    switch (name) {
      case 'socket':
        return s;
      case 'peername':
        return s.remoteAddress === undefined
          ? (s.remoteAddress ?? defaultValue)
          : addressTuple(s.remoteAddress, s.remotePort ?? 0, s.remoteFamily);
      case 'sockname': {
        const a = s.address();
        return typeof a === 'object' && 'address' in a
          ? addressTuple(a.address, a.port, a.family)
          : defaultValue;
      }
      case 'peercert':
        return this.#isTls ? (s as TLSSocket).getPeerCertificate() : defaultValue;
      case 'cipher':
        return this.#isTls ? (s as TLSSocket).getCipher() : defaultValue;
      case 'sslcontext':
        // Node keeps the SecureContext the socket was made with in its TLS options.
        return this.#isTls
          ? ((s as TLSSocket & { _tlsOptions?: { secureContext?: unknown } })._tlsOptions?.secureContext ??
              defaultValue)
          : defaultValue;
      case 'sslObject':
      case 'ssl_object':
        return this.#isTls ? s : defaultValue;
      case 'compression':
        return this.#isTls ? null : defaultValue;
      default:
        return defaultValue;
    }
  }

  /** Closes after flushing what is buffered; then `connectionLost(null)`. */
  close(): void {
    if (this.#closing) return;
    this.#closing = true;
    this.#queue = [];
    if (this.#lost) return;
    const socket = this.#socket;
    if (socket.destroyed) {
      this.#scheduleLost(null);
      return;
    }
    socket.destroySoon();
    // Nothing left in our buffer: as asyncio's close(), connectionLost(null) comes from the next
    // loop iteration, without waiting for the system to finish closing (what was handed to it is
    // still sent). TLS still waits for its closing handshake, as asyncio's TLS layer does.
    if (!this.#isTls && socket.writableLength === 0) this.#scheduleLost(null);
  }

  /** Whether the transport is closing or closed, or its connection known dead (failed). */
  isClosing(): boolean {
    return this.#closing || this.#dead;
  }

  /** Replaces the protocol. @throws TypeError if `protocol` is not an object. */
  setProtocol(protocol: BaseProtocol): void {
    checkProtocol(protocol, 'setProtocol');
    this.#protocol = protocol as AnyProtocol;
  }

  /** The current protocol. */
  getProtocol(): BaseProtocol {
    return this.#protocol;
  }

  // ---- ReadTransport ----------------------------------------------------------------------

  /** Stops calling `dataReceived` until `resumeReading()`. */
  pauseReading(): void {
    if (this.#closing || this.#readingPaused) return;
    this.#readingPaused = true;
    this.#socket.pause();
  }

  /** Resumes calling `dataReceived`, delivering what arrived meanwhile first. */
  resumeReading(): void {
    if (this.#closing || !this.#readingPaused) return;
    this.#readingPaused = false;
    this.#socket.resume();
    this.#scheduleDrain();
  }

  /** Whether `dataReceived` calls are flowing (not paused, not closing). */
  isReading(): boolean {
    return !this.#readingPaused && !this.isClosing();
  }

  // ---- WriteTransport ---------------------------------------------------------------------

  /**
   * Buffers `data` to be sent; never blocks. After `close()` or `abort()` the data is dropped silently.
   * @throws TypeError if `data` is not a Uint8Array; {@link RuntimeError} after `writeEof()`.
   */
  write(data: Uint8Array): void {
    if (!(data instanceof Uint8Array)) {
      throw new TypeError(`write: data must be a Uint8Array, got ${data === null ? 'null' : typeof data}`);
    }
    if (this.#eofWritten) throw new RuntimeError('write: cannot write after writeEof()');
    if (data.length === 0) return;
    // After close()/abort() (or once lost or dead) a write is dropped, as asyncio does once the
    // connection is lost, and from the fifth on each is logged with asyncio's words. Handing it to
    // the ended socket would fail the connection with Node's write-after-end error.
    if (this.#closing || this.#dead || this.#lost || this.#socketFailed()) {
      this.#droppedWrites += 1;
      if (this.#droppedWrites >= LOG_THRESHOLD_FOR_LOST_WRITES)
        logger.warning('socket.send() raised exception.');
      if (!this.#dead && !this.#closing && !this.#lost) this.#socketDied();
      return;
    }
    // Above the low mark, ask to hear when this chunk is flushed, so resumeWriting comes as soon as
    // the buffer drains to the low mark (Node's own 'drain' comes only when it is empty).
    const socket = this.#socket;
    if (socket.writableLength + data.length > this.#flow.low) socket.write(data, this.#onFlushed);
    else socket.write(data);
    // A write the system refused at once (EPIPE, ECONNRESET) has failed the socket already (Node
    // destroys it only in its next tick, and queues the writes made meanwhile).
    if (this.#socketFailed()) {
      this.#socketDied();
      return;
    }
    this.#flow.maybePause();
  }

  /** Writes each chunk in order, as `write` does. */
  writelines(chunks: Iterable<Uint8Array>): void {
    for (const chunk of chunks) this.write(chunk);
  }

  /**
   * Half-closes after the buffer is flushed; `write` is refused afterwards.
   * @throws {@link NotImplementedError} on a TLS transport, which cannot half-close (as asyncio).
   */
  writeEof(): void {
    if (this.#eofWritten || this.#closing) return;
    if (this.#isTls) throw new NotImplementedError('writeEof: TLS transports cannot half-close');
    this.#eofWritten = true;
    this.#socket.end();
  }

  /** Whether `writeEof` is supported: true for TCP and Unix sockets, false for TLS. */
  canWriteEof(): boolean {
    return !this.#isTls;
  }

  /** Closes at once, dropping buffered data; `connectionLost(null)` follows. */
  abort(): void {
    this.#closing = true;
    this.#queue = [];
    if (this.#lost) return;
    this.#dropBuffer();
    // As asyncio's _force_close: connectionLost(null) from the next loop iteration (TLS waits for
    // its socket to close, as asyncio's TLS layer takes a few iterations too).
    if (!this.#isTls) this.#scheduleLost(null);
  }

  /** Bytes buffered and not yet handed to the system. */
  getWriteBufferSize(): number {
    return this.#socket.writableLength;
  }

  /** Sets the flow-control marks (default high 64 KiB, low high/4). */
  setWriteBufferLimits(high?: number, low?: number): void {
    this.#flow.setLimits(high, low);
  }

  /** The `[low, high]` marks. */
  getWriteBufferLimits(): [low: number, high: number] {
    return [this.#flow.low, this.#flow.high];
  }

  /** How many writes were dropped after the connection was lost (for diagnostics). @internal */
  get _droppedWrites(): number {
    return this.#droppedWrites;
  }

  // ---- Internals --------------------------------------------------------------------------

  /** Calls a protocol method as a loop callback; an error closes this transport with it. @internal */
  _callProtocol(method: 'pauseWriting' | 'resumeWriting'): void {
    if (this.#made && !this.#lost) this.#call(method);
  }

  #call(method: string, ...args: unknown[]): unknown {
    const protocol = this.#protocol as unknown as Record<string, ((...a: unknown[]) => unknown) | undefined>;
    const fn = protocol[method];
    if (typeof fn !== 'function') return undefined;
    let result: unknown;
    const error = asLoopCallback(this.#loop, () => {
      result = fn.apply(protocol, args);
    });
    if (error !== undefined) this.#fatal(error, `protocol.${method}() call failed`);
    return result;
  }

  #fatal(error: unknown, what: string): void {
    this.#loop.callExceptionHandler({
      message: `Fatal error on transport: ${what}`,
      exception: error,
      transport: this,
      protocol: this.#protocol,
    });
    this.#pendingError = error instanceof Error ? error : new Error(String(error));
    this.#closing = true;
    this.#queue = [];
    const wasOpen = !this.#socket.destroyed;
    if (wasOpen) this.#dropBuffer();
    // As asyncio's _fatal_error (_force_close): connectionLost(error) from the next loop iteration;
    // TLS waits for its socket to close, as asyncio's TLS layer takes a few iterations too.
    if (!wasOpen || !this.#isTls) this.#scheduleLost(this.#pendingError);
  }

  /**
   * Destroys the socket, dropping what is buffered. The buffer is gone rather than drained, so the
   * protocol gets no resumeWriting for it (as asyncio's _force_close): the last resume never comes.
   */
  #dropBuffer(): void {
    this.#flow.paused = false;
    this.#socket.destroy();
  }

  /** Whether an event can be handed to the protocol right now rather than queued. */
  #canDeliverNow(): boolean {
    return this.#made && this.#queue.length === 0 && !this.#readingPaused && this.#loop.isRunning();
  }

  readonly #onDataFn = (chunk: Buffer): void => this.#onData(chunk);

  #onData(chunk: Buffer): void {
    if (this.#closing || this.#lost) return;
    if (this.#canDeliverNow()) this.#deliver(chunk);
    else {
      this.#queue.push(chunk);
      this.#scheduleDrain();
    }
  }

  #onEnd(): void {
    if (this.#closing || this.#lost) return;
    if (this.#canDeliverNow()) this.#deliver(null);
    else {
      this.#queue.push(null);
      this.#scheduleDrain();
    }
  }

  #deliver(chunk: Uint8Array | null): void {
    if (this.#closing || this.#lost) return;
    if (chunk === null) {
      if (this.#eofReceived) return;
      this.#eofReceived = true;
      const keepOpen = this.#call('eofReceived');
      if (this.#isTls || !keepOpen) this.close();
      return;
    }
    const protocol = this.#protocol as BufferedProtocol;
    if (typeof protocol.getBuffer === 'function' && typeof protocol.bufferUpdated === 'function') {
      let offset = 0;
      while (offset < chunk.length && !this.#closing) {
        let buffer: Uint8Array | undefined;
        const error = asLoopCallback(this.#loop, () => {
          buffer = protocol.getBuffer(chunk.length - offset);
        });
        if (error !== undefined || !(buffer instanceof Uint8Array) || buffer.length === 0) {
          this.#fatal(
            error ?? new RuntimeError('getBuffer() returned an empty buffer'),
            'protocol.getBuffer() call failed',
          );
          return;
        }
        const n = Math.min(buffer.length, chunk.length - offset);
        buffer.set(chunk.subarray(offset, offset + n));
        offset += n;
        this.#call('bufferUpdated', n);
      }
      return;
    }
    // The hottest call of a connection, made without #call's closure and argument array.
    const dataReceived = (protocol as Protocol).dataReceived;
    if (typeof dataReceived !== 'function') return;
    const loop = this.#loop;
    const previous = _getRunningLoop();
    if (previous !== loop) setRunningLoop(loop);
    let error: unknown;
    try {
      dataReceived.call(protocol, chunk);
    } catch (e) {
      error = e ?? new Error('a protocol callback threw a falsy value');
    } finally {
      if (previous !== loop) setRunningLoop(previous);
    }
    if (error !== undefined) this.#fatal(error, 'protocol.dataReceived() call failed');
  }

  #scheduleDrain(): void {
    if (this.#drainScheduled || this.#loop.isClosed()) return;
    this.#drainScheduled = true;
    this.#loop.callSoon(() => {
      this.#drainScheduled = false;
      this.#deliverQueued();
    });
  }

  #deliverQueued(): void {
    while (this.#queue.length > 0 && this.#made && !this.#readingPaused && !this.#closing && !this.#lost) {
      this.#deliver(this.#queue.shift() as Uint8Array | null);
    }
  }

  /**
   * `startTls` took the socket over: this transport becomes unusable (closing, writes dropped, no
   * further protocol calls) without closing the socket. Returns the server that owned it: the
   * caller detaches this transport from it once the upgraded one has joined (or the upgrade failed).
   * @internal
   */
  _detachForUpgrade(): ConnectionOwner | null {
    this.#closing = true;
    this.#lost = true;
    this.#lostScheduled = true;
    this.#queue = [];
    return this.#owner;
  }

  #onError(error: Error): void {
    // Once connectionLost is scheduled its argument is settled (an error of the closing socket
    // after close() or abort() is not reported, as asyncio does not see it).
    if (this.#lostScheduled) return;
    if (this.#pendingError === null) this.#pendingError = mapNodeError(error);
    this.#dead = true;
  }

  #onClose(): void {
    this.#scheduleLost(this.#pendingError);
  }

  /** Whether Node has destroyed the socket or failed it (a write it refused; destroyed next tick). */
  #socketFailed(): boolean {
    const socket = this.#socket;
    return socket.destroyed || (socket.errored ?? null) !== null;
  }

  /**
   * Node destroyed or failed the socket (a failed write or read) and reports it only when control
   * goes back to it: the transport is closing from now on and connectionLost is scheduled with the
   * socket's error, as asyncio's `_force_close` does. A `write(); drain()` loop then ends.
   */
  #socketDied(): void {
    this.#dead = true;
    if (this.#lostScheduled) return;
    const errored = this.#socket.errored;
    if (this.#pendingError === null && errored instanceof Error) this.#pendingError = mapNodeError(errored);
    this.#scheduleLost(this.#pendingError);
  }

  #scheduleLost(error: Error | null): void {
    if (this.#lostScheduled) return;
    this.#lostScheduled = true;
    this.#pendingError = error;
    if (this.#loop.isClosed()) {
      this.#lost = true;
      this.#owner?._detach(this);
      return;
    }
    this.#loop.callSoon(() => this.#finishLost());
  }

  #finishLost(): void {
    if (this.#lost) return;
    // Data that arrived before the close is delivered first, unless the transport is closing.
    if (!this.#closing && this.#queue.length > 0 && !this.#readingPaused && this.#made) {
      this.#deliverQueued();
      if (this.#lost) return;
    }
    this.#lost = true;
    this.#closing = true;
    this.#queue = [];
    if (this.#made) {
      if (this.#flow.paused) this.#flow.paused = false;
      this.#call('connectionLost', this.#pendingError);
    }
    this.#owner?._detach(this);
  }
}

/** `[host, port]` for IPv4, `[host, port, flowinfo, scopeid]` for IPv6, as Python reports them. */
export function addressTuple(
  host: string,
  port: number,
  family?: string | number,
): [string, number] | [string, number, number, number] {
  return family === 'IPv6' || family === 6 || host.includes(':') ? [host, port, 0, 0] : [host, port];
}
