/**
 * Base classes for protocols (PEP 3156 § Protocols): every method is a no-op, so a protocol
 * overrides only what it needs. User code implements protocols; transports call them.
 *
 * Call order for a stream protocol: `connectionMade → dataReceived* → eofReceived? → connectionLost`.
 * @module
 */
import type { SockAddr } from './spec/events.js';
import type * as spec from './spec/protocols.js';
import type { BaseTransport, DatagramTransport, SubprocessTransport, Transport } from './spec/transports.js';

/** Callbacks every protocol receives; all no-ops here. */
export class BaseProtocol implements spec.BaseProtocol {
  /** The connection is set up. */
  connectionMade(_transport: BaseTransport): void {}
  /** The connection is gone: `null` after a clean close or EOF, the error otherwise. */
  connectionLost(_exc: Error | null): void {}
  /** The transport's write buffer grew above its high-water mark. */
  pauseWriting(): void {}
  /** The transport's write buffer drained to its low-water mark. */
  resumeWriting(): void {}
}

/**
 * A stream protocol: `connectionMade → dataReceived* → eofReceived? → connectionLost`.
 * @example
 * ```ts
 * import { Protocol, type Transport } from 'pep3156';
 * class Echo extends Protocol {
 *   transport!: Transport;
 *   override connectionMade(transport: Transport): void {
 *     this.transport = transport;
 *   }
 *   override dataReceived(data: Uint8Array): void {
 *     this.transport.write(data);
 *   }
 * }
 * export default Echo;
 * ```
 * @see {@link https://peps.python.org/pep-3156/#stream-protocols | PEP 3156 § Stream Protocols}
 */
export class Protocol extends BaseProtocol implements spec.Protocol {
  /** The connection is set up; keep the transport to write with. */
  override connectionMade(_transport: Transport): void {}
  /** A non-empty chunk arrived; chunk boundaries carry no meaning. */
  dataReceived(_data: Uint8Array): void {}
  /** The peer half-closed; return `true` to keep writing, anything else closes the transport. */
  eofReceived(): boolean | undefined {
    return undefined;
  }
}

/** A stream protocol that receives into its own buffer (asyncio 3.7+). */
export abstract class BufferedProtocol extends BaseProtocol implements spec.BufferedProtocol {
  /** The connection is set up. */
  override connectionMade(_transport: Transport): void {}
  /** A buffer to receive into; `sizeHint` is how many bytes are waiting (-1 if unknown). */
  abstract getBuffer(sizeHint: number): Uint8Array;
  /** `nbytes` bytes were written at the start of the last buffer. */
  abstract bufferUpdated(nbytes: number): void;
  /** As {@link Protocol.eofReceived}. */
  eofReceived(): boolean | undefined {
    return undefined;
  }
}

/** A datagram protocol: `connectionMade → (datagramReceived | errorReceived)* → connectionLost`. */
export class DatagramProtocol extends BaseProtocol implements spec.DatagramProtocol {
  /** The endpoint is ready. */
  override connectionMade(_transport: DatagramTransport): void {}
  /** A datagram arrived from `addr`. */
  datagramReceived(_data: Uint8Array, _addr: SockAddr): void {}
  /** A send or receive failed; the endpoint stays open. */
  errorReceived(_exc: Error): void {}
}

/** A subprocess protocol (PEP § Subprocess Protocol). */
export class SubprocessProtocol extends BaseProtocol implements spec.SubprocessProtocol {
  /** The pipes are connected. */
  override connectionMade(_transport: SubprocessTransport): void {}
  /** Data arrived on the child's stdout (1) or stderr (2). */
  pipeDataReceived(_fd: 1 | 2, _data: Uint8Array): void {}
  /** Pipe `fd` closed. */
  pipeConnectionLost(_fd: 0 | 1 | 2, _exc: Error | null): void {}
  /** The process exited. */
  processExited(): void {}
}
