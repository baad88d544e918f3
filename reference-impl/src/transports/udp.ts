/**
 * Datagram endpoints (PEP 3156 § Datagram Transports, § Datagram Protocols) on `node:dgram`.
 *
 * Protocol calls: `connectionMade → (datagramReceived | errorReceived)* → connectionLost`, with
 * `connectionLost` exactly once; `errorReceived` reports a (possibly transient) error and leaves
 * the endpoint open.
 * @module
 */
import { createSocket, Socket as DgramSocket, type RemoteInfo } from 'node:dgram';
import { Socket as NetSocket } from 'node:net';
import { NotImplementedError, ValueError } from '../exceptions.js';
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
import { AF_INET6, lookupAll, portNumber } from './dns.js';
import { mapNodeError } from './errors.js';
import { FlowControl } from './flow-control.js';
import { checkProtocol, guarded } from './guard.js';
import { addressTuple, asLoopCallback } from './socket-transport.js';

/**
 * A datagram transport over a `dgram.Socket`.
 * @example
 * ```ts
 * import { DatagramProtocol, getRunningLoop, run, UdpTransport } from 'pep3156';
 * await run(async () => {
 *   const [transport] = await getRunningLoop().createDatagramEndpoint(() => new DatagramProtocol(), {
 *     remoteAddr: ['127.0.0.1', 9999],
 *   });
 *   console.log(transport instanceof UdpTransport); // true
 *   transport.sendto(new TextEncoder().encode('ping')); // to remoteAddr; no connection, no reply needed
 *   transport.close();
 * });
 * ```
 */
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
  readonly #flow: FlowControl = new FlowControl(this);

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
    // Nothing thrown in a socket event reaches Node: it is reported and the endpoint aborted.
    const on = <A extends unknown[]>(fn: (...args: A) => void) =>
      guarded(loop, 'Unexpected error in a socket event of a datagram transport', fn, () => this.abort());
    socket.on(
      'message',
      on((msg: Buffer, rinfo: RemoteInfo) => {
        if (this.#closing || loop.isClosed()) return;
        const addr = addressTuple(rinfo.address, rinfo.port, rinfo.family);
        if (this.#made && loop.isRunning()) this.#call('datagramReceived', msg, addr);
        else loop.callSoon(() => this.#closing || this.#call('datagramReceived', msg, addr));
      }),
    );
    socket.on(
      'error',
      on((error: Error) => {
        if (!this.#closing && !loop.isClosed())
          loop.callSoon(() => this.#call('errorReceived', mapNodeError(error)));
      }),
    );
    socket.on(
      'close',
      on(() => this.#scheduleLost()),
    );
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
      else this.#flow.maybeResume();
    };
    if (this.#remote !== null) this.#socket.send(data, done);
    else this.#socket.send(data, target[1], target[0], done);
    this.#flow.maybePause();
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
    }
    // libuv closes the descriptor at once; asyncio's _call_connection_lost is scheduled with
    // call_soon, so connectionLost comes in the next iteration, not when Node's 'close' event does.
    this.#scheduleLost();
  }

  /** Whether the endpoint is closing or closed. */
  isClosing(): boolean {
    return this.#closing;
  }

  /** Bytes handed to `sendto` and not yet sent. */
  getWriteBufferSize(): number {
    return this.#buffered;
  }

  /**
   * Sets the flow-control marks (defaults: high 64 KiB, low high/4), as asyncio's datagram transport
   * has them: `pauseWriting` inside the `sendto` that takes the unsent bytes above `high`,
   * `resumeWriting` once Node has sent them down to `low`.
   * @throws {@link ValueError} unless `0 <= low <= high`.
   */
  setWriteBufferLimits(high?: number, low?: number): void {
    this.#flow.setLimits(high, low);
  }

  /** The current `[low, high]` marks. */
  getWriteBufferLimits(): [low: number, high: number] {
    return [this.#flow.low, this.#flow.high];
  }

  /** Calls pauseWriting/resumeWriting while the endpoint is open (the flow control's hook). @internal */
  _callProtocol(method: 'pauseWriting' | 'resumeWriting'): void {
    if (this.#made && !this.#closing) this.#call(method);
  }

  /**
   * `sockname`, `peername`, `socket`. `peername` is `null` (not the default) on an endpoint without a
   * remote address, as asyncio's is `None`.
   */
  getExtraInfo<T = unknown>(name: string, defaultValue?: T): T | unknown {
    try {
      if (name === 'socket') return this.#socket;
      if (name === 'sockname') {
        const a = this.#socket.address();
        return addressTuple(a.address, a.port, a.family);
      }
      if (name === 'peername') return this.#remote;
    } catch {
      return defaultValue;
    }
    return defaultValue;
  }

  /** Replaces the protocol. @throws TypeError if `protocol` is not an object. */
  setProtocol(protocol: BaseProtocol): void {
    checkProtocol(protocol, 'setProtocol');
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

function checkAddr(addr: unknown, what: string): [string, number] | null {
  if (addr === undefined || addr === null) return null;
  if (!Array.isArray(addr) || typeof addr[0] !== 'string')
    throw new TypeError(`createDatagramEndpoint: ${what} must be [host, port]`);
  portNumber(addr[1], `createDatagramEndpoint: ${what}`);
  return [addr[0], Number(addr[1])];
}

/**
 * `createDatagramEndpoint(protocolFactory, options)`: a UDP endpoint.
 * @remarks `localAddr` is bound, `remoteAddr` connected (then `peername` is set and `sendto` may
 * omit the address); with both, the local address of the remote one's family is used. With neither,
 * `family` must be given, and the socket is bound to an ephemeral port of every interface.
 * `allowBroadcast` sets `SO_BROADCAST`. With `sock` (a `node:dgram` socket, bound or not) no other
 * address option may be given.
 * @throws TypeError (rejects) for `reuseAddress` (asyncio 3.11 removed the parameter), a bad
 * factory, address or `sock`; {@link ValueError} for address options with `sock`, a `sock` that is a
 * stream socket, or no address and no family; {@link NotImplementedError} for `reusePort`;
 * {@link OSError} when binding or connecting fails.
 * @see {@link https://peps.python.org/pep-3156/#internet-connections | PEP 3156 § Internet connections}
 */
export function createDatagramEndpoint<P extends DatagramProtocol>(
  loop: AbstractEventLoop,
  protocolFactory: ProtocolFactory<P>,
  options: CreateDatagramEndpointOptions = {},
): FutureSpec<[DatagramTransport, P]> {
  const future = new Future<[DatagramTransport, P]>(loop);
  const go = async () => {
    if (typeof protocolFactory !== 'function')
      throw new TypeError('createDatagramEndpoint: protocolFactory must be a function');
    let socket: DgramSocket;
    let remoteAddr: [string, number] | null = null;
    // asyncio 3.11 removed reuse_address (3.8.1-3.10 refused True with ValueError): like any
    // unknown keyword argument, it is a TypeError whatever its value.
    if (options.reuseAddress !== undefined)
      throw new TypeError(
        'createDatagramEndpoint: reuseAddress is not an option (SO_REUSEADDR lets other sockets steal datagrams)',
      );
    if (options.sock !== undefined) {
      const { sock, ...rest } = options;
      if (Object.values(rest).some((v) => v !== undefined && v !== null && v !== false && v !== 0))
        throw new ValueError(
          'createDatagramEndpoint: socket modifier options can not be used when sock is specified',
        );
      if (sock instanceof NetSocket)
        throw new ValueError('createDatagramEndpoint: a datagram socket was expected, got a stream socket');
      if (!(sock instanceof DgramSocket))
        throw new TypeError('createDatagramEndpoint: sock must be a node:dgram socket');
      socket = sock;
      let bound = true;
      try {
        socket.address();
      } catch {
        bound = false;
      }
      if (!bound) await bindTo(socket, undefined, 0);
      try {
        const r = socket.remoteAddress();
        remoteAddr = [r.address, r.port];
      } catch {
        remoteAddr = null;
      }
    } else {
      if (options.reusePort)
        throw new NotImplementedError('createDatagramEndpoint: reusePort is not supported by Node.js 20');
      const localAddr = checkAddr(options.localAddr, 'localAddr');
      const remoteWanted = checkAddr(options.remoteAddr, 'remoteAddr');
      if (localAddr === null && remoteWanted === null && !options.family)
        throw new ValueError('createDatagramEndpoint: unexpected address family (give an address or family)');
      const remotes = remoteWanted ? await lookupAll(remoteWanted[0], options.family, false) : null;
      const locals = localAddr ? await lookupAll(localAddr[0], options.family) : null;
      let remote = remotes?.[0] ?? null;
      let local = locals?.[0] ?? null;
      if (remotes !== null && locals !== null) {
        // asyncio tries the address pairs whose families match.
        const pair = remotes
          .map((r) => [r, locals.find((l) => l.family === r.family)] as const)
          .find(([, l]) => l !== undefined);
        if (pair === undefined)
          throw new ValueError('createDatagramEndpoint: localAddr and remoteAddr have no family in common');
        [remote, local] = [pair[0], pair[1] ?? null];
      }
      const v6 =
        (local ?? remote)?.family === 6 || (local === null && remote === null && options.family === AF_INET6);
      socket = createSocket({ type: v6 ? 'udp6' : 'udp4' });
      try {
        await bindTo(socket, local?.address, localAddr?.[1] ?? 0);
        if (options.allowBroadcast) socket.setBroadcast(true);
        if (remote !== null && remoteWanted !== null) {
          const target: [string, number] = [remote.address, remoteWanted[1]];
          await new Promise<void>((resolve, reject) => {
            socket.connect(target[1], target[0], (e?: Error) => (e ? reject(mapNodeError(e)) : resolve()));
          });
          remoteAddr = target;
        }
      } catch (error) {
        socket.close();
        throw error;
      }
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
    try {
      checkProtocol(protocol, 'createDatagramEndpoint');
    } catch (bad) {
      socket.close();
      throw bad;
    }
    // Cancelled meanwhile, or a late completion for a closed loop: dropped, the socket closed.
    if (future.done() || loop.isClosed()) {
      socket.close();
      return;
    }
    const transport = new UdpTransport(loop, socket, protocol as P, remoteAddr, () => {
      if (!future.done()) future.setResult([transport, protocol as P]);
    });
  };
  go().catch((error: unknown) => {
    if (!future.done() && !loop.isClosed()) future._setExceptionUnchecked(error);
  });
  return future;
}

function bindTo(socket: DgramSocket, address: string | undefined, port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onError = (e: Error) => reject(mapNodeError(e));
    socket.once('error', onError);
    socket.bind({ address, port }, () => {
      socket.off('error', onError);
      resolve();
    });
  });
}
