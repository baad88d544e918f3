/**
 * Protocols: what bytes to send and when (PEP 3156 § Protocols).
 *
 * User code implements these; the loop and its transports call them.
 * @module
 */
import type { SockAddr } from './events.js';
import type { BaseTransport, DatagramTransport, SubprocessTransport, Transport } from './transports.js';

/**
 * Callbacks every protocol receives.
 * @remarks `connectionMade` is first and called once; `connectionLost` is last and called once.
 * `pauseWriting`/`resumeWriting` come in non-nested pairs between them, synchronously inside the
 * transport call that crossed the mark. An exception thrown by a callback goes to the loop's
 * exception handler (with `exception`, `protocol` and `transport`) and closes that transport with
 * `connectionLost(error)`; other connections never notice.
 * @see {@link https://peps.python.org/pep-3156/#stream-protocols | PEP 3156 § Stream Protocols}
 */
export interface BaseProtocol {
  /** The connection is set up; `transport` is the protocol's transport. */
  connectionMade?(transport: BaseTransport): void;
  /** The connection is gone: `null` after a clean close or EOF, the error otherwise. */
  connectionLost?(exc: Error | null): void;
  /** The transport's write buffer grew above its high-water mark. */
  pauseWriting?(): void;
  /** The transport's write buffer drained to its low-water mark. */
  resumeWriting?(): void;
}

/**
 * A stream protocol. Calls arrive as `connectionMade → dataReceived* → eofReceived? →
 * connectionLost`.
 * @see {@link https://peps.python.org/pep-3156/#stream-protocols | PEP 3156 § Stream Protocols}
 */
export interface Protocol extends BaseProtocol {
  /** Called with the transport once the connection is set up. */
  connectionMade?(transport: Transport): void;
  /** Called with each non-empty chunk received; chunk boundaries carry no meaning. */
  dataReceived?(data: Uint8Array): void;
  /**
   * The peer half-closed. Return `true` to keep the transport open for writing; anything else
   * closes it. Ignored for TLS.
   */
  eofReceived?(): boolean | undefined | void;
}

/**
 * A stream protocol that receives into its own buffer (asyncio 3.7+): the transport asks
 * `getBuffer` for room, fills it and reports how much with `bufferUpdated`. Calls arrive as
 * `connectionMade → (getBuffer bufferUpdated)* → eofReceived? → connectionLost`; never
 * `dataReceived`.
 * @see {@link https://peps.python.org/pep-3156/#stream-protocols | PEP 3156 § Stream Protocols}
 */
export interface BufferedProtocol extends BaseProtocol {
  /** Called with the transport once the connection is set up. */
  connectionMade?(transport: Transport): void;
  /**
   * Returns a non-empty buffer to receive into; `sizeHint` is a suggestion: a positive byte count,
   * or -1 for none.
   * @remarks An empty buffer is treated as a thrown `RuntimeError` (as asyncio does): it goes to the
   * exception handler and the transport closes with it.
   */
  getBuffer(sizeHint: number): Uint8Array;
  /** `nbytes` bytes were written at the start of the buffer last returned by `getBuffer`. */
  bufferUpdated(nbytes: number): void;
  /** As {@link Protocol.eofReceived}. */
  eofReceived?(): boolean | undefined | void;
}

/**
 * A datagram protocol: `connectionMade → (datagramReceived | errorReceived)* → connectionLost`.
 * @see {@link https://peps.python.org/pep-3156/#datagram-protocols | PEP 3156 § Datagram Protocols}
 */
export interface DatagramProtocol extends BaseProtocol {
  /** Called with the transport once the endpoint is ready. */
  connectionMade?(transport: DatagramTransport): void;
  /** A datagram arrived from `addr`. */
  datagramReceived?(data: Uint8Array, addr: SockAddr): void;
  /**
   * A send or receive failed (possibly transiently); the endpoint stays open. The error is an
   * `OSError`, such as `ConnectionRefusedError` on a connected endpoint or `PermissionError` for a
   * broadcast without `allowBroadcast`.
   */
  errorReceived?(exc: Error): void;
}

/**
 * A subprocess protocol (PEP § Subprocess Protocol).
 * @see {@link https://peps.python.org/pep-3156/#subprocess-protocol | PEP 3156 § Subprocess Protocol}
 */
export interface SubprocessProtocol extends BaseProtocol {
  /** Called with the transport once the pipes are connected. */
  connectionMade?(transport: SubprocessTransport): void;
  /** Data arrived on the child's stdout (1) or stderr (2). */
  pipeDataReceived?(fd: 1 | 2, data: Uint8Array): void;
  /** Pipe `fd` closed; called once per pipe. */
  pipeConnectionLost?(fd: 0 | 1 | 2, exc: Error | null): void;
  /** The process exited. */
  processExited?(): void;
}
