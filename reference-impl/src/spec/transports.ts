/**
 * Transports: how bytes move (PEP 3156 § Transports).
 *
 * Type-only: importing this module brings in no runtime code.
 * @module
 */
import type { SockAddr } from './events.js';
import type { BaseProtocol } from './protocols.js';

/**
 * What every transport offers (PEP § Methods For All Transports).
 * @see {@link https://peps.python.org/pep-3156/#methods-for-all-transports | PEP 3156 § Methods For All Transports}
 */
export interface BaseTransport {
  /**
   * Returns implementation-specific information: `peername`, `sockname`, `socket`, `peercert`,
   * `cipher`, `sslcontext`, `sslObject` (also `ssl_object`), `compression`, `pipe`, `subprocess`, …;
   * `defaultValue` (default `undefined`) for an unknown name or one this kind of transport lacks.
   */
  getExtraInfo<T = unknown>(name: string, defaultValue?: T): T | unknown;
  /**
   * Closes the transport: buffered data is flushed first, then the protocol's
   * `connectionLost(null)` is called. Does not wait. Idempotent.
   * @remarks From the call on no `dataReceived` or `eofReceived` reaches the protocol, and later
   * writes are dropped silently.
   */
  close(): void;
  /** Whether the transport is closing or closed. */
  isClosing(): boolean;
  /** Replaces the protocol (asyncio 3.7+). */
  setProtocol(protocol: BaseProtocol): void;
  /** The current protocol. */
  getProtocol(): BaseProtocol;
}

/** The read side of a stream (PEP § Bidirectional Stream Transports). */
export interface ReadTransport extends BaseTransport {
  /** Stops calling `dataReceived` until `resumeReading()`. No-op if already paused. */
  pauseReading(): void;
  /** Resumes calling `dataReceived`. No-op if not paused. */
  resumeReading(): void;
  /** Whether the transport is receiving (not paused, not closing). */
  isReading(): boolean;
}

/** The write side of a stream (PEP § Bidirectional Stream Transports). */
export interface WriteTransport extends BaseTransport {
  /**
   * Buffers `data` to be sent; never blocks. Stream semantics: chunk boundaries carry no meaning.
   * @remarks Every byte written before `close()` reaches the peer. After `close()` or `abort()`
   * (or once the connection is lost) `write` is dropped silently.
   * @throws `TypeError` if `data` is not a `Uint8Array`; `RuntimeError` after `writeEof()`.
   */
  write(data: Uint8Array): void;
  /** Same as calling `write` on each chunk in order. */
  writelines(chunks: Iterable<Uint8Array>): void;
  /**
   * Half-closes after the buffer is flushed; no `write` afterwards. A second call does nothing.
   * @throws `NotImplementedError` where `canWriteEof()` is false (TLS).
   */
  writeEof(): void;
  /** Whether `writeEof` is supported (fixed per transport kind; false for TLS). */
  canWriteEof(): boolean;
  /**
   * Closes at once, dropping buffered data; `connectionLost(null)` follows asynchronously, never
   * inside `abort()`.
   */
  abort(): void;
  /** Bytes in the transport's own write buffer (not those the system has taken). */
  getWriteBufferSize(): number;
  /**
   * Sets the flow-control marks: `pauseWriting` is called when the buffer grows above `high`,
   * `resumeWriting` when it drains to `low` or below. Defaults: high 64 KiB, low high/4.
   * @throws `ValueError` unless `0 <= low <= high`.
   */
  setWriteBufferLimits(high?: number, low?: number): void;
  /** The current `[low, high]` marks. */
  getWriteBufferLimits(): [low: number, high: number];
}

/**
 * A bidirectional stream transport (TCP, Unix socket, TLS).
 * @see {@link https://peps.python.org/pep-3156/#bidirectional-stream-transports | PEP 3156 § Bidirectional Stream Transports}
 */
export interface Transport extends ReadTransport, WriteTransport {}

/**
 * A datagram transport (PEP § Datagram Transports).
 * @see {@link https://peps.python.org/pep-3156/#datagram-transports | PEP 3156 § Datagram Transports}
 */
export interface DatagramTransport extends BaseTransport {
  /**
   * Sends one datagram to `addr` (which may be omitted when the endpoint has a remote address, and
   * must then match it). Errors of the send reach the protocol's `errorReceived`.
   * @throws `TypeError` if `data` is not a `Uint8Array`; `ValueError` for an address that differs
   * from the remote address, or a missing one on an endpoint without a remote address.
   */
  sendto(data: Uint8Array, addr?: SockAddr | null): void;
  /**
   * Closes at once; datagrams not sent yet may be dropped. (`close()` sends them first.)
   */
  abort(): void;
  /** Bytes waiting to be sent. */
  getWriteBufferSize(): number;
  /**
   * Sets the write flow-control marks, as on a stream transport (optional: asyncio's selector
   * datagram transport has them; the PEP does not name them for datagrams). `pauseWriting` is called
   * inside the `sendto` that takes the bytes waiting above `high`, `resumeWriting` once they are at
   * `low` or below.
   * @throws `ValueError` unless `0 <= low <= high`.
   */
  setWriteBufferLimits?(high?: number, low?: number): void;
  /** The current `[low, high]` marks (optional, with {@link DatagramTransport.setWriteBufferLimits}). */
  getWriteBufferLimits?(): [low: number, high: number];
}

/** The transport of a child process (PEP § Subprocess Transports). */
export interface SubprocessTransport extends BaseTransport {
  /** The process id. */
  getPid(): number;
  /** The exit code, `null` until the process exits (negative signal number if killed). */
  getReturncode(): number | null;
  /** The transport of pipe `fd` (0, 1 or 2), or `null` if there is none. */
  getPipeTransport(fd: 0 | 1 | 2): ReadTransport | WriteTransport | null;
  /** Sends `signal` to the process. */
  sendSignal(signal: string | number): void;
  /** Asks the process to stop (SIGTERM). */
  terminate(): void;
  /** Kills the process (SIGKILL). */
  kill(): void;
}
