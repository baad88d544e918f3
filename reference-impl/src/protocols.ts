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

/**
 * Callbacks every protocol receives; all no-ops here.
 * @example
 * ```ts
 * import { BaseProtocol, type BaseTransport } from 'pep3156';
 * // What every protocol receives: the connection's start and end, and flow control.
 * class Logged extends BaseProtocol {
 *   override connectionMade(transport: BaseTransport): void {
 *     console.log('connected', transport.getExtraInfo('peername'));
 *   }
 *   override connectionLost(exc: Error | null): void {
 *     console.log(exc === null ? 'closed' : `lost: ${exc.message}`);
 *   }
 * }
 * export { Logged };
 * ```
 */
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

/**
 * A stream protocol that receives into its own buffer (asyncio 3.7+).
 * @example
 * ```ts
 * import { BufferedProtocol } from 'pep3156';
 * // Receives into one buffer it owns, without a new Uint8Array per chunk.
 * class Counter extends BufferedProtocol {
 *   readonly #buffer = new Uint8Array(64 * 1024);
 *   received = 0;
 *   getBuffer(_sizeHint: number): Uint8Array {
 *     return this.#buffer;
 *   }
 *   bufferUpdated(nbytes: number): void {
 *     this.received += nbytes;
 *   }
 * }
 * export { Counter };
 * ```
 */
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

/**
 * A datagram protocol: `connectionMade → (datagramReceived | errorReceived)* → connectionLost`.
 * @example
 * ```ts
 * import { DatagramProtocol, type DatagramTransport, getRunningLoop, run } from 'pep3156';
 * import type { SockAddr } from 'pep3156/spec';
 * class EchoUdp extends DatagramProtocol {
 *   transport!: DatagramTransport;
 *   override connectionMade(transport: DatagramTransport): void {
 *     this.transport = transport;
 *   }
 *   override datagramReceived(data: Uint8Array, addr: SockAddr): void {
 *     this.transport.sendto(data, addr); // send it back to where it came from
 *   }
 * }
 * await run(async () => {
 *   const loop = getRunningLoop();
 *   const [transport] = await loop.createDatagramEndpoint(() => new EchoUdp(), {
 *     localAddr: ['127.0.0.1', 0],
 *   });
 *   console.log(transport.getExtraInfo('sockname')); // [ '127.0.0.1', <a free port> ]
 *   transport.close();
 * });
 * ```
 */
export class DatagramProtocol extends BaseProtocol implements spec.DatagramProtocol {
  /** The endpoint is ready. */
  override connectionMade(_transport: DatagramTransport): void {}
  /** A datagram arrived from `addr`. */
  datagramReceived(_data: Uint8Array, _addr: SockAddr): void {}
  /** A send or receive failed; the endpoint stays open. */
  errorReceived(_exc: Error): void {}
}

/**
 * A subprocess protocol (PEP § Subprocess Protocol).
 * @example
 * ```ts
 * import { getRunningLoop, run, SubprocessProtocol } from 'pep3156';
 * class Collect extends SubprocessProtocol {
 *   output = '';
 *   readonly exited = getRunningLoop().createFuture<void>();
 *   override pipeDataReceived(fd: 1 | 2, data: Uint8Array): void {
 *     if (fd === 1) this.output += new TextDecoder().decode(data);
 *   }
 *   override processExited(): void {
 *     this.exited.setResult(undefined);
 *   }
 * }
 * const output = await run(async () => {
 *   const loop = getRunningLoop();
 *   const [transport, protocol] = await loop.subprocessExec(() => new Collect(), 'echo', ['hi'], { stdout: 'pipe' });
 *   await protocol.exited;
 *   transport.close();
 *   return protocol.output;
 * });
 * console.log(output); // hi
 * ```
 */
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
