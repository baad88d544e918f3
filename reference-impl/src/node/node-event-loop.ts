/**
 * The Node.js event loop: {@link BaseEventLoop} on the Node host, plus what needs Node: signals
 * here, and I/O methods that delegate to src/transports and the other src/node modules.
 * @module
 */

import { BaseEventLoop } from '../events/base-event-loop.js';
import { ValueError } from '../exceptions.js';
import type {
  AddrInfo,
  Callback,
  CreateConnectionOptions,
  CreateDatagramEndpointOptions,
  CreateServerOptions,
  Executor,
  GetAddrInfoOptions,
  ProtocolFactory,
  Server,
  SockAddr,
  SSLOption,
  StartTlsOptions,
  SubprocessOptions,
} from '../spec/events.js';
import type { Future } from '../spec/futures.js';
import type { BaseProtocol, DatagramProtocol, Protocol, SubprocessProtocol } from '../spec/protocols.js';
import type {
  DatagramTransport,
  ReadTransport,
  SubprocessTransport,
  Transport,
  WriteTransport,
} from '../spec/transports.js';
import * as connections from '../transports/connections.js';
import * as dns from '../transports/dns.js';
import * as pipes from '../transports/pipes.js';
import * as sockets from '../transports/sockets.js';
import * as udp from '../transports/udp.js';
import * as executors from './executor.js';
import { nodeHost } from './node-host.js';
import { os } from './node-modules.js';
import * as subprocess from './subprocess.js';

const UNCATCHABLE = new Set(['SIGKILL', 'SIGSTOP']);

/**
 * The reference event loop on Node.js.
 * @example
 * ```ts
 * import { type Coroutine, NodeEventLoop, sleep } from 'pep3156';
 * function* main(): Coroutine<string> {
 *   yield* sleep(0.01);
 *   return 'done';
 * }
 * const loop = new NodeEventLoop(); // what newEventLoop() makes on Node
 * console.log(await loop.runUntilComplete(main())); // done
 * loop.close();
 * ```
 * @see {@link https://peps.python.org/pep-3156/#event-loop-methods-overview | PEP 3156 § Event Loop Methods Overview}
 */
export class NodeEventLoop extends BaseEventLoop {
  readonly #signals = new Map<string, () => void>();

  /** Creates a loop on the Node host. Prefer `newEventLoop()`. */
  constructor() {
    super(nodeHost());
  }

  /** Resolves `host`/`port` with the system resolver (`dns.lookup`). */
  override getaddrinfo(
    host: string | null,
    port: number | string | null,
    options?: GetAddrInfoOptions,
  ): Future<AddrInfo[]> {
    return dns.getaddrinfo(this, host, port, options);
  }

  /** Resolves a socket address to `[host, service]` (`dns.lookupService`). */
  override getnameinfo(sockaddr: SockAddr, flags?: number): Future<[host: string, port: string]> {
    return dns.getnameinfo(this, sockaddr, flags);
  }

  /** Connects over TCP (or TLS); resolves to `[transport, protocol]` after `connectionMade` ran. */
  override createConnection<P extends Protocol>(
    protocolFactory: ProtocolFactory<P>,
    host?: string | null,
    port?: number | null,
    options?: CreateConnectionOptions,
  ): Future<[Transport, P]> {
    return connections.createConnection(this, protocolFactory, host, port, options);
  }

  /** Listens on TCP (or TLS) on every address of `host`. */
  override createServer(
    protocolFactory: ProtocolFactory<Protocol>,
    host?: string | string[] | null,
    port?: number | null,
    options?: CreateServerOptions,
  ): Future<Server> {
    return connections.createServer(this, protocolFactory, host, port, options);
  }

  /** Connects to a Unix domain socket. */
  override createUnixConnection<P extends Protocol>(
    protocolFactory: ProtocolFactory<P>,
    path: string,
    options?: Omit<CreateConnectionOptions, 'family' | 'localAddr' | 'sock'>,
  ): Future<[Transport, P]> {
    return connections.createUnixConnection(this, protocolFactory, path, options);
  }

  /** Listens on a Unix domain socket. */
  override createUnixServer(
    protocolFactory: ProtocolFactory<Protocol>,
    path: string,
    options?: Omit<CreateServerOptions, 'family' | 'reuseAddress' | 'reusePort' | 'sock'>,
  ): Future<Server> {
    return connections.createUnixServer(this, protocolFactory, path, options);
  }

  /** Creates a UDP endpoint. */
  override createDatagramEndpoint<P extends DatagramProtocol>(
    protocolFactory: ProtocolFactory<P>,
    options?: CreateDatagramEndpointOptions,
  ): Future<[DatagramTransport, P]> {
    return udp.createDatagramEndpoint(this, protocolFactory, options);
  }

  /** Upgrades a live connection to TLS. */
  override startTls(
    transport: Transport,
    protocol: Protocol,
    sslContext: SSLOption,
    options?: StartTlsOptions,
  ): Future<Transport> {
    return connections.startTls(this, transport, protocol, sslContext, options);
  }

  /** Wraps the read end of a pipe (a Readable or a file descriptor). */
  override connectReadPipe<P extends Protocol>(
    protocolFactory: ProtocolFactory<P>,
    pipe: unknown,
  ): Future<[ReadTransport, P]> {
    return pipes.connectReadPipe(this, protocolFactory, pipe);
  }

  /** Wraps the write end of a pipe (a Writable or a file descriptor). */
  override connectWritePipe<P extends BaseProtocol>(
    protocolFactory: ProtocolFactory<P>,
    pipe: unknown,
  ): Future<[WriteTransport, P]> {
    return pipes.connectWritePipe(this, protocolFactory, pipe);
  }

  /**
   * Calls `callback(...args)` as a loop callback whenever `signal` (a name such as `'SIGINT'`)
   * arrives; replaces an earlier handler for it.
   * @throws TypeError if `signal` is not a string or `callback` not a function; {@link ValueError}
   *   for an unknown or uncatchable signal (SIGKILL, SIGSTOP).
   * @see {@link https://peps.python.org/pep-3156/#signal-callbacks | PEP 3156 § Signal callbacks}
   */
  override addSignalHandler<A extends unknown[]>(signal: string, callback: Callback<A>, ...args: A): void {
    if (typeof signal !== 'string')
      throw new TypeError(`addSignalHandler: signal must be a name such as 'SIGINT'`);
    if (typeof callback !== 'function') throw new TypeError('addSignalHandler: callback must be a function');
    if (!(signal in os.constants.signals)) throw new ValueError(`addSignalHandler: unknown signal ${signal}`);
    if (UNCATCHABLE.has(signal)) throw new ValueError(`addSignalHandler: ${signal} cannot be caught`);
    if (this.isClosed()) throw new ValueError('addSignalHandler: the event loop is closed');
    this.removeSignalHandler(signal);
    const listener = () => {
      if (!this.isClosed()) this.callSoonThreadsafe(callback, ...args);
    };
    this.#signals.set(signal, listener);
    process.on(signal as NodeJS.Signals, listener);
  }

  /** Removes the handler for `signal`; returns whether there was one. */
  override removeSignalHandler(signal: string): boolean {
    const listener = this.#signals.get(signal);
    if (listener === undefined) return false;
    this.#signals.delete(signal);
    process.off(signal as NodeJS.Signals, listener);
    return true;
  }

  /**
   * Calls `callback(...args)` whenever the `net.Socket` or `net.Server` `fd` is ready for reading
   * (data or EOF is buffered, it failed, or a connection is waiting); replaces an earlier reader.
   * @throws {@link NotImplementedError} for a numeric file descriptor, which Node cannot watch;
   *   TypeError for anything else that is not a socket, or a callback that is not a function.
   * @see {@link https://peps.python.org/pep-3156/#i-o-callbacks | PEP 3156 § I/O Callbacks}
   */
  override addReader<A extends unknown[]>(fd: unknown, callback: Callback<A>, ...args: A): void {
    sockets.addWatch(this, 'reader', fd, callback as Callback<unknown[]>, args);
  }

  /** Stops watching `fd` for reading; returns whether a reader was removed. */
  override removeReader(fd: unknown): boolean {
    return sockets.removeWatch(this, 'reader', fd);
  }

  /**
   * Calls `callback(...args)` whenever the `net.Socket` `fd` can take a write without exceeding its
   * buffer (or failed); replaces an earlier writer.
   * @throws As {@link NodeEventLoop.addReader}.
   * @see {@link https://peps.python.org/pep-3156/#i-o-callbacks | PEP 3156 § I/O Callbacks}
   */
  override addWriter<A extends unknown[]>(fd: unknown, callback: Callback<A>, ...args: A): void {
    sockets.addWatch(this, 'writer', fd, callback as Callback<unknown[]>, args);
  }

  /** Stops watching `fd` for writing; returns whether a writer was removed. */
  override removeWriter(fd: unknown): boolean {
    return sockets.removeWatch(this, 'writer', fd);
  }

  /** Receives up to `n` bytes from a `net.Socket`; an empty array at EOF. */
  override sockRecv(sock: unknown, n: number): Future<Uint8Array> {
    return sockets.sockRecv(this, sock, n);
  }

  /** Receives up to `buf.length` bytes from a `net.Socket` into `buf`; resolves to their number. */
  override sockRecvInto(sock: unknown, buf: Uint8Array): Future<number> {
    return sockets.sockRecvInto(this, sock, buf);
  }

  /** Sends all of `data` on a `net.Socket`; resolves once Node has taken it. */
  override sockSendall(sock: unknown, data: Uint8Array): Future<void> {
    return sockets.sockSendall(this, sock, data);
  }

  /** Connects an unconnected `net.Socket` to `[host, port]` or a Unix socket path. */
  override sockConnect(sock: unknown, address: SockAddr): Future<void> {
    return sockets.sockConnect(this, sock, address);
  }

  /** Accepts the next connection of a listening `net.Server`: `[conn, address]`. */
  override sockAccept(sock: unknown): Future<[conn: unknown, address: SockAddr]> {
    return sockets.sockAccept(this, sock);
  }

  /** Runs `program` with `args` (no shell) on `node:child_process`. */
  override subprocessExec<P extends SubprocessProtocol>(
    protocolFactory: ProtocolFactory<P>,
    program: string,
    args?: readonly string[],
    options?: SubprocessOptions,
  ): Future<[SubprocessTransport, P]> {
    return subprocess.subprocessExec(this, protocolFactory, program, args, options);
  }

  /** Runs `cmd` through the shell on `node:child_process`. */
  override subprocessShell<P extends SubprocessProtocol>(
    protocolFactory: ProtocolFactory<P>,
    cmd: string,
    options?: SubprocessOptions,
  ): Future<[SubprocessTransport, P]> {
    return subprocess.subprocessShell(this, protocolFactory, cmd, options);
  }

  /** Runs `fn(...args)` in `executor`, or in the default Worker pool when `null`. */
  override runInExecutor<A extends unknown[], R>(
    executor: Executor | null,
    fn: (...args: A) => R,
    ...args: A
  ): Future<Awaited<R>> {
    return executors.runInExecutor(this, executor, fn, ...args);
  }

  /** Replaces the default executor. */
  override setDefaultExecutor(executor: Executor): void {
    executors.setDefaultExecutor(this, executor);
  }

  /** Waits for the default executor's calls, then stops it. */
  override shutdownDefaultExecutor(): Future<void> {
    return executors.shutdownDefaultExecutor(this);
  }

  /** Closes the loop, removes its signal handlers and stops the default executor. */
  override close(): void {
    super.close();
    executors.closeDefaultExecutor(this);
    sockets.closeWatches(this);
    for (const signal of [...this.#signals.keys()]) this.removeSignalHandler(signal);
  }
}
