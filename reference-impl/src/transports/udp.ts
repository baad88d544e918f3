/**
 * Datagram endpoints (PEP 3156 § Datagram Transports, § Datagram Protocols) on `node:dgram`.
 *
 * Protocol calls: `connectionMade → (datagramReceived | errorReceived)* → connectionLost`, with
 * `connectionLost` exactly once; `errorReceived` reports a (possibly transient) error and leaves
 * the endpoint open.
 * @module
 */
import { createSocket, type Socket as DgramSocket } from 'node:dgram';
import { RuntimeError, ValueError } from '../exceptions.js';
import { Future } from '../futures.js';
import type {
  AbstractEventLoop,
  CreateDatagramEndpointOptions,
  ProtocolFactory,
  SockAddr,
} from '../spec/events.js';
import type { Future as FutureSpec } from '../spec/futures.js';
import type { BaseProtocol, DatagramProtocol } from '../spec/protocols.js';
import type { DatagramTransport } from '../spec/transports.js';
import { AF_INET6, lookupAll } from './dns.js';
import { mapNodeError } from './errors.js';
import { addressTuple, asLoopCallback } from './socket-transport.js';

/** A datagram transport over a `dgram.Socket`. */
export class UdpTransport implements DatagramTransport {
  readonly #loop: AbstractEventLoop;
  readonly #socket: DgramSocket;
  #protocol: DatagramProtocol;
  readonly #remote: [string, number] | null;
  #closing = false;
  #lost = false;
  #buffered = 0;
  /** Sends handed to Node whose callback has not come yet. */
  #pending = 0;
  /** close() was called while sends were pending: close the socket once they are done. */
  #closeWhenFlushed = false;
  #lostError: Error | null = null;
  #made = false;

  /** @internal */
  constructor(
    loop: AbstractEventLoop,
    socket: DgramSocket,
    protocol: DatagramProtocol,
    remote: [string, number] | null,
    onMade: () => void,
  ) {
    this.#loop = loop;
    this.#socket = socket;
    this.#protocol = protocol;
    this.#remote = remote;
    socket.on('message', (msg, rinfo) => {
      if (this.#closing) return;
      const addr = addressTuple(rinfo.address, rinfo.port, rinfo.family);
      if (this.#made && loop.isRunning()) this.#call('datagramReceived', msg, addr);
      else loop.callSoon(() => this.#closing || this.#call('datagramReceived', msg, addr));
    });
    socket.on('error', (error) => {
      if (!this.#closing) loop.callSoon(() => this.#call('errorReceived', mapNodeError(error)));
    });
    socket.on('close', () => this.#scheduleLost());
    loop.callSoon(() => {
      this.#made = true;
      this.#call('connectionMade', this);
      onMade();
    });
  }

  /**
   * Sends one datagram. `addr` may be omitted when the endpoint has a remote address, and must equal
   * it if given.
   * @throws TypeError for data that is not a Uint8Array; {@link ValueError} for a missing or mismatched address.
   */
  sendto(data: Uint8Array, addr?: SockAddr | null): void {
    if (!(data instanceof Uint8Array)) throw new TypeError('sendto: data must be a Uint8Array');
    if (this.#closing) return;
    let target: [string, number] | null = this.#remote;
    if (addr !== undefined && addr !== null) {
      if (!Array.isArray(addr)) throw new ValueError('sendto: addr must be [host, port]');
      if (this.#remote !== null && (addr[0] !== this.#remote[0] || addr[1] !== this.#remote[1])) {
        throw new ValueError(`sendto: addr must be ${this.#remote.join(':')} for a connected endpoint`);
      }
      target = [addr[0], addr[1]];
    }
    if (target === null) throw new ValueError('sendto: addr is required for an endpoint without remoteAddr');
    this.#buffered += data.length;
    this.#pending += 1;
    const done = (error: Error | null) => {
      this.#buffered -= data.length;
      this.#pending -= 1;
      if (error && !this.#closing)
        this.#loop.callSoon(() => this.#call('errorReceived', mapNodeError(error)));
      if (this.#pending === 0 && this.#closeWhenFlushed) this.#closeSocket();
    };
    if (this.#remote !== null) this.#socket.send(data, done);
    else this.#socket.send(data, target[1], target[0], done);
  }

  /** Closes at once, dropping what is not sent yet; `connectionLost(null)` follows. */
  abort(): void {
    this.#closing = true;
    this.#closeSocket();
  }

  /**
   * Closes the endpoint once the datagrams already handed to `sendto` are sent (Node sends them a
   * tick later, so closing at once would drop them); `connectionLost(null)` follows.
   */
  close(): void {
    if (this.#closing) return;
    this.#closing = true;
    if (this.#pending > 0) this.#closeWhenFlushed = true;
    else this.#closeSocket();
  }

  #closeSocket(): void {
    this.#closeWhenFlushed = false;
    try {
      this.#socket.close();
    } catch {
      // already closed: the 'close' event came or will come
      this.#scheduleLost();
    }
  }

  /** Whether the endpoint is closing or closed. */
  isClosing(): boolean {
    return this.#closing;
  }

  /** Bytes handed to `sendto` and not yet sent. */
  getWriteBufferSize(): number {
    return this.#buffered;
  }

  /** `sockname`, `peername`, `socket`. */
  getExtraInfo<T = unknown>(name: string, defaultValue?: T): T | unknown {
    try {
      if (name === 'socket') return this.#socket;
      if (name === 'sockname') {
        const a = this.#socket.address();
        return addressTuple(a.address, a.port, a.family);
      }
      if (name === 'peername') return this.#remote ?? defaultValue;
    } catch {
      return defaultValue;
    }
    return defaultValue;
  }

  /** Replaces the protocol. */
  setProtocol(protocol: BaseProtocol): void {
    this.#protocol = protocol as DatagramProtocol;
  }

  /** The protocol. */
  getProtocol(): BaseProtocol {
    return this.#protocol;
  }

  #call(method: string, ...args: unknown[]): void {
    const protocol = this.#protocol as unknown as Record<string, ((...a: unknown[]) => void) | undefined>;
    const fn = protocol[method];
    if (typeof fn !== 'function') return;
    const error = asLoopCallback(this.#loop, () => fn.apply(protocol, args));
    if (error !== undefined) {
      this.#loop.callExceptionHandler({
        message: `Fatal error on datagram transport: protocol.${method}() call failed`,
        exception: error,
        transport: this,
        protocol: this.#protocol,
      });
      // The endpoint closes with the error (its connectionLost gets it), dropping unsent datagrams.
      if (!this.#closing && method !== 'connectionLost') {
        this.#lostError = error instanceof Error ? error : new Error(String(error));
        this.abort();
      }
    }
  }

  #scheduleLost(): void {
    if (this.#lost) return;
    this.#lost = true;
    this.#closing = true;
    if (this.#loop.isClosed()) return;
    this.#loop.callSoon(() => {
      if (this.#made) this.#call('connectionLost', this.#lostError);
    });
  }
}

/** `createDatagramEndpoint(protocolFactory, options)`. */
export function createDatagramEndpoint<P extends DatagramProtocol>(
  loop: AbstractEventLoop,
  protocolFactory: ProtocolFactory<P>,
  options: CreateDatagramEndpointOptions = {},
): FutureSpec<[DatagramTransport, P]> {
  const future = new Future<[DatagramTransport, P]>(loop);
  const go = async () => {
    if (typeof protocolFactory !== 'function')
      throw new TypeError('createDatagramEndpoint: protocolFactory must be a function');
    if (options.reusePort) throw new RuntimeError('reusePort is not supported by Node.js 20');
    const local = options.localAddr ? (await lookupAll(options.localAddr[0], options.family))[0] : null;
    const remote = options.remoteAddr ? (await lookupAll(options.remoteAddr[0], options.family))[0] : null;
    const v6 = options.family === AF_INET6 || (local ?? remote)?.family === 6;
    const socket = createSocket({ type: v6 ? 'udp6' : 'udp4' });
    await new Promise<void>((resolve, reject) => {
      socket.once('error', (e) => reject(mapNodeError(e)));
      socket.bind({ address: local?.address, port: options.localAddr?.[1] ?? 0 }, () => resolve());
    });
    if (options.allowBroadcast) socket.setBroadcast(true);
    let remoteAddr: [string, number] | null = null;
    if (remote !== null && options.remoteAddr) {
      remoteAddr = [remote.address, options.remoteAddr[1]];
      await new Promise<void>((resolve, reject) => {
        socket.connect(options.remoteAddr?.[1] as number, remote.address, (e?: Error) =>
          e ? reject(mapNodeError(e)) : resolve(),
        );
      });
    }
    socket.removeAllListeners('error');
    let protocol: P | undefined;
    const error = asLoopCallback(loop, () => {
      protocol = protocolFactory();
    });
    if (error !== undefined) {
      socket.close();
      throw error;
    }
    const transport = new UdpTransport(loop, socket, protocol as P, remoteAddr, () => {
      if (!future.done()) future.setResult([transport, protocol as P]);
    });
  };
  go().catch((error: unknown) => {
    if (!future.done()) future._setExceptionUnchecked(error);
  });
  return future;
}
