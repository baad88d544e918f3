/**
 * The event loop, its handles, the policy and the exception-handler context
 * (PEP 3156 § Event Loop Interface Specification).
 *
 * Type-only: importing this module brings in no runtime code.
 * @module
 */
import type { Coroutine, Future, Task, TaskBody } from './futures.js';
import type { BaseProtocol, DatagramProtocol, Protocol, SubprocessProtocol } from './protocols.js';
import type {
  DatagramTransport,
  ReadTransport,
  SubprocessTransport,
  Transport,
  WriteTransport,
} from './transports.js';

/** A callback with positional arguments, as every loop scheduling method takes it (PEP § Callback Style). */
export type Callback<A extends unknown[]> = (...args: A) => void;

/**
 * A scheduled callback, returned by `callSoon`, `callLater`, `callAt` and `callSoonThreadsafe`.
 * @see {@link https://peps.python.org/pep-3156/#handles | PEP 3156 § Handles}
 */
export interface Handle {
  /** Stops the callback from running if it has not run yet. Idempotent. */
  cancel(): void;
  /** Whether `cancel()` was called (asyncio 3.7+). */
  cancelled(): boolean;
}

/** A {@link Handle} for a timed callback (`callLater`, `callAt`). */
export interface TimerHandle extends Handle {
  /** The scheduled time, in the loop's {@link AbstractEventLoop.time} clock (seconds). */
  when(): number;
}

/**
 * What is passed to the exception handler (PEP § Exceptions). `message` is always present; the
 * other keys are present when they apply.
 */
export interface ExceptionContext {
  /** A human-readable description of what went wrong. */
  message: string;
  /** The exception thrown, if any. */
  exception?: unknown;
  /** The future (or task) involved, if any. */
  future?: Future<unknown>;
  /** The task involved, if any. */
  task?: Task<unknown>;
  /** The handle whose callback threw, if any. */
  handle?: Handle;
  /** The protocol involved, if any. */
  protocol?: BaseProtocol;
  /** The transport involved, if any. */
  transport?: unknown;
  /** The socket involved, if any. */
  socket?: unknown;
  /** In debug mode: the stack where the handle or future was created. */
  sourceTraceback?: string;
  /** Any further implementation-defined detail. */
  [key: string]: unknown;
}

/**
 * An exception handler: called as `handler(loop, context)`, the signature CPython uses (the PEP
 * shows `handler(context)`; this spec follows CPython so handlers can tell loops apart).
 */
export type ExceptionHandler = (loop: AbstractEventLoop, context: ExceptionContext) => void;

/** A task factory installed with `setTaskFactory`: builds the Task for `createTask`. */
export type TaskFactory = <T>(
  loop: AbstractEventLoop,
  coro: TaskBody<T>,
  options?: CreateTaskOptions,
) => Task<T>;

/** Options for `createTask`. */
export interface CreateTaskOptions {
  /** The task's name; defaults to `Task-N`. */
  name?: string;
}

/** Something that can run functions off the loop's thread (PEP § Thread interaction). */
export interface Executor {
  /** Runs `fn(...args)` elsewhere and resolves with its result. */
  submit<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): PromiseLike<Awaited<R>>;
  /** Releases the executor's resources; with `wait`, after the running calls finish. */
  shutdown(wait?: boolean): PromiseLike<void> | void;
}

/** One `getaddrinfo` result: `[family, type, proto, canonname, sockaddr]` as in Python. */
export type AddrInfo = [family: number, type: number, proto: number, canonname: string, sockaddr: SockAddr];

/** A socket address: `[host, port]` (IPv4) or `[host, port, flowinfo, scopeid]` (IPv6), or a path. */
export type SockAddr =
  | [host: string, port: number]
  | [host: string, port: number, flowinfo: number, scopeid: number]
  | string;

/** Options for `getaddrinfo`, keyword-only in Python. */
export interface GetAddrInfoOptions {
  /** `AF_UNSPEC` (0, default), `AF_INET` (2) or `AF_INET6` (10). */
  family?: number;
  /** Socket type, copied into the results (`SOCK_STREAM` 1, `SOCK_DGRAM` 2). */
  type?: number;
  /** Protocol number, copied into the results. */
  proto?: number;
  /** `AI_*` flags. */
  flags?: number;
}

/** A factory of protocols, called with no arguments. */
export type ProtocolFactory<P> = () => P;

/** TLS options: `true` for a default verifying client context, or Node `tls` options. */
export type SSLOption = boolean | Record<string, unknown>;

/** Options for `createConnection` (PEP § Internet connections). */
export interface CreateConnectionOptions {
  /** Use TLS. */
  ssl?: SSLOption;
  /** The host name to verify against the certificate and send as SNI; only with `ssl`. */
  serverHostname?: string;
  /** Address family to restrict resolution to. */
  family?: number;
  /** Local `[host, port]` to bind before connecting. */
  localAddr?: [host: string, port: number];
  /**
   * A connected socket to wrap instead of connecting (then `host`/`port` must be omitted): on Node a
   * `net.Socket`, TCP or Unix.
   */
  sock?: unknown;
  /** Seconds to wait for the TLS handshake (a positive number; only with `ssl`). */
  sslHandshakeTimeout?: number;
}

/** Options for `createServer` (PEP § Internet connections). */
export interface CreateServerOptions {
  /** Address family. */
  family?: number;
  /** Listen backlog; default 100. */
  backlog?: number;
  /** Serve TLS with these server options. */
  ssl?: SSLOption;
  /**
   * Allow binding an address in TIME_WAIT (default true on Unix). Node always sets `SO_REUSEADDR`
   * on listening TCP sockets, so `false` cannot be honoured.
   */
  reuseAddress?: boolean;
  /** Allow several servers on the same port; Node 20 has none for TCP (`NotImplementedError`). */
  reusePort?: boolean;
  /**
   * A listening TCP `net.Server` to serve instead of binding (then `host` and `port` must be omitted);
   * the server closes it when closed.
   */
  sock?: unknown;
  /** Start accepting at once (default true). */
  startServing?: boolean;
  /** Seconds to wait for each accepted connection's TLS handshake (default 60); only with `ssl`. */
  sslHandshakeTimeout?: number;
}

/** Options for `createDatagramEndpoint` (PEP § Internet connections). */
export interface CreateDatagramEndpointOptions {
  /** Local `[host, port]` to bind. */
  localAddr?: [host: string, port: number];
  /** Remote `[host, port]` to connect to; `sendto` may then omit the address. */
  remoteAddr?: [host: string, port: number];
  /** Address family. */
  family?: number;
  /** Allow sending to broadcast addresses (`SO_BROADCAST`). */
  allowBroadcast?: boolean;
  /** Allow several endpoints on the same port; Node 20 has no `SO_REUSEPORT` (`NotImplementedError`). */
  reusePort?: boolean;
  /**
   * Refused whatever its value: a `TypeError`, as in asyncio 3.11+, which removed the parameter
   * (3.8.1–3.10 refused `true` with `ValueError`: `SO_REUSEADDR` on UDP lets other processes steal
   * datagrams).
   */
  reuseAddress?: boolean;
  /** A `node:dgram` socket to use instead of creating one (then no address option may be given). */
  sock?: unknown;
}

/** Options for `startTls`. */
export interface StartTlsOptions {
  /** True when the upgraded side is the server. */
  serverSide?: boolean;
  /** Host name for verification and SNI (client side). */
  serverHostname?: string;
  /** Seconds to wait for the handshake (default 60). */
  sslHandshakeTimeout?: number;
}

/** Standard stream settings for subprocesses: a pipe, `/dev/null`, merged into stdout, or inherited. */
export type StdioOption = 'pipe' | 'devnull' | 'stdout' | 'inherit';

/** Options for `subprocessExec` / `subprocessShell` (PEP § Pipes and Subprocesses). */
export interface SubprocessOptions {
  /** stdin: default `'pipe'`. */
  stdin?: StdioOption;
  /** stdout: default `'pipe'`. */
  stdout?: StdioOption;
  /** stderr: default `'pipe'`; `'stdout'` merges it into stdout. */
  stderr?: StdioOption;
  /** Working directory. */
  cwd?: string;
  /** Environment. */
  env?: Record<string, string | undefined>;
}

/**
 * A listening server, returned by `createServer` and `createUnixServer` (PEP § Servers).
 * @see {@link https://peps.python.org/pep-3156/#servers | PEP 3156 § Servers}
 */
export interface Server {
  /** Stops accepting connections; accepted connections stay open. Idempotent. */
  close(): void;
  /**
   * Completes once the server is closed and every accepted connection has finished.
   * @remarks Called before `close()`, it waits for it. CPython 3.4–3.11 returned at once when called
   * after `close()`; this spec follows the PEP and CPython 3.12.
   */
  waitClosed(): Future<void>;
  /**
   * The addresses the server listens on; empty once closed, and, on Node, until `startServing()` for
   * a server created with `startServing: false`.
   * @remarks Node exposes no listening socket objects: each entry has `getsockname()` and `family`.
   */
  readonly sockets: readonly ServerSocket[];
  /** Whether the server is accepting connections. */
  isServing(): boolean;
  /**
   * Starts accepting connections, if it was created with `startServing: false`; on a server that
   * already serves, changes nothing.
   * @throws `OSError` (rejects) when an address cannot be bound (on Node binding happens here).
   */
  startServing(): Future<void>;
  /**
   * Starts accepting and completes only when the server is closed; cancelling it closes the server.
   * @throws `RuntimeError` (rejects) while another `serveForever()` runs or on a closed server.
   */
  serveForever(): Future<void>;
  /** Closes every accepted connection gracefully (asyncio 3.13); the server goes on accepting. */
  closeClients(): void;
  /** Aborts every accepted connection (asyncio 3.13); the server goes on accepting. */
  abortClients(): void;
  /** The loop the server belongs to. */
  getLoop(): AbstractEventLoop;
}

/** A listening socket as the spec exposes it: its address. */
export interface ServerSocket {
  /** The bound address, as `getsockname()` would report it. */
  getsockname(): SockAddr;
  /** The address family. */
  readonly family: number;
}

/**
 * The event loop (PEP 3156 § Event Loop Interface Specification).
 *
 * @remarks Callbacks run one at a time. Methods that Python specifies as coroutines return a
 * {@link Future}, which a generator coroutine waits on with `yield*` and an async function with
 * `await`. Times are in seconds.
 *
 * Differs from CPython: JavaScript cannot block the thread, so {@link AbstractEventLoop.runForever}
 * and {@link AbstractEventLoop.runUntilComplete} return Promises.
 * @see {@link https://peps.python.org/pep-3156/#event-loop-methods-overview | PEP 3156 § Event Loop Methods Overview}
 */
export interface AbstractEventLoop {
  // ---- Starting, stopping and closing -------------------------------------------------------
  /**
   * Runs until `stop()` is called. Returns a Promise that resolves when the loop stops.
   * @throws `RuntimeError` (rejects) if the loop is already running or closed.
   */
  runForever(): Promise<void>;
  /**
   * Runs until `future` is done and resolves with its result (or rejects with its exception). A
   * coroutine is wrapped in a Task first.
   * @throws `RuntimeError` (rejects) if the loop is already running, is closed, or stops before the
   *   future is done.
   */
  runUntilComplete<T>(future: Future<T> | TaskBody<T>): Promise<T>;
  /** Stops the loop after the current iteration; a later run resumes with nothing lost. */
  stop(): void;
  /** Whether the loop is running. */
  isRunning(): boolean;
  /**
   * Closes the loop: drops pending callbacks and releases resources. Idempotent.
   * @throws `RuntimeError` if the loop is running.
   */
  close(): void;
  /** Whether `close()` was called. */
  isClosed(): boolean;
  /** Cancels the default executor's work and shuts it down (asyncio 3.9+). */
  shutdownDefaultExecutor(): Future<void>;

  // ---- Basic callbacks ---------------------------------------------------------------------
  /**
   * Arranges for `callback(...args)` to run once, soon. Callbacks scheduled with `callSoon` run in
   * the order they were scheduled; one scheduled during an iteration runs in the next one.
   * @throws `TypeError` if `callback` is not a function; `RuntimeError` if the loop is closed.
   */
  callSoon<A extends unknown[]>(callback: Callback<A>, ...args: A): Handle;
  /**
   * Arranges for `callback(...args)` to run once, about `delay` seconds from now.
   * @remarks Same as `callAt(time() + delay, ...)`. Timers due at the same time run in an order the
   * PEP leaves undefined. `Infinity` is accepted, as asyncio accepts it: such a callback never runs.
   * @throws `TypeError` if `callback` is not a function or `delay` is not a number (or is `NaN`).
   */
  callLater<A extends unknown[]>(delay: number, callback: Callback<A>, ...args: A): TimerHandle;
  /** Arranges for `callback(...args)` to run once, at loop time `when` (seconds). */
  callAt<A extends unknown[]>(when: number, callback: Callback<A>, ...args: A): TimerHandle;
  /** The loop's clock: monotonic seconds with an unspecified epoch. */
  time(): number;
  /** Creates a Future bound to this loop. */
  createFuture<T>(): Future<T>;
  /** Wraps a coroutine in a Task bound to this loop (through the task factory if one is set). */
  createTask<T>(coro: TaskBody<T>, options?: CreateTaskOptions): Task<T>;
  /** Sets the factory `createTask` uses; `null` restores the default. */
  setTaskFactory(factory: TaskFactory | null): void;
  /** The factory `createTask` uses, or `null` for the default. */
  getTaskFactory(): TaskFactory | null;

  // ---- Thread interaction ------------------------------------------------------------------
  /**
   * Like `callSoon`, but may be called from outside the loop's callbacks (a Worker message, a
   * Node callback): it wakes the loop. The only method safe to call from elsewhere.
   */
  callSoonThreadsafe<A extends unknown[]>(callback: Callback<A>, ...args: A): Handle;
  /**
   * Runs `fn(...args)` in `executor` (the default one if `null`) and returns a Future of the result.
   * @remarks Differs from CPython: JavaScript threads share no memory, so the default executor runs
   * functions in `worker_threads`; `fn` must be self-contained (its source is sent to the worker).
   */
  runInExecutor<A extends unknown[], R>(
    executor: Executor | null,
    fn: (...args: A) => R,
    ...args: A
  ): Future<Awaited<R>>;
  /** Replaces the default executor. */
  setDefaultExecutor(executor: Executor): void;

  // ---- Internet name lookups ---------------------------------------------------------------
  /**
   * Resolves `host`/`port` to a list of `[family, type, proto, canonname, sockaddr]`, without
   * blocking the loop.
   * @remarks `family` is honoured (`AF_UNSPEC`, `AF_INET`, `AF_INET6`); `type` and `proto` are copied
   * into the results; `flags` (`AI_PASSIVE`, `AI_NUMERICHOST`, `AI_CANONNAME`) are honoured. A
   * `null` host is the wildcard address with `AI_PASSIVE`, the loopback address without it.
   * @throws `gaierror` (rejects) when the name does not resolve or `family` is not one of the three;
   * `TypeError` for a bad port (a service name such as `'http'` included: Node has no service
   * database) or a family that is not an integer.
   * @see {@link https://peps.python.org/pep-3156/#internet-name-lookups | PEP 3156 § Internet name lookups}
   */
  getaddrinfo(
    host: string | null,
    port: number | string | null,
    options?: GetAddrInfoOptions,
  ): Future<AddrInfo[]>;
  /**
   * Resolves a socket address to `[host, service]`.
   * @remarks With `NI_NUMERICHOST | NI_NUMERICSERV` the numeric address and port come back as
   * strings without any lookup. The host of `sockaddr` must be a numeric address.
   * @throws `gaierror` (rejects) when the host is not a numeric address or the lookup fails;
   * `TypeError` for a `sockaddr` that is not `[host, port]` with a valid port.
   * @see {@link https://peps.python.org/pep-3156/#internet-name-lookups | PEP 3156 § Internet name lookups}
   */
  getnameinfo(sockaddr: SockAddr, flags?: number): Future<[host: string, port: string]>;

  // ---- Internet connections ----------------------------------------------------------------
  /**
   * Connects to `host:port` and resolves to `[transport, protocol]` once `connectionMade` has run.
   * @remarks The PEP says `connection_made()` has not yet been called when the coroutine completes;
   * this spec follows CPython, which runs it first. The addresses `host` resolves to are tried in
   * turn. With `sock` (and `null` host and port) an already connected socket is wrapped. Cancelling
   * the future closes whatever was being set up.
   * @throws Through the future, never synchronously: `ConnectionRefusedError` and the other
   * `OSError` subclasses of a failed connect, `gaierror` for a host that does not resolve,
   * `ValueError` for inconsistent options (`sock` with host or port, `serverHostname` or
   * `sslHandshakeTimeout` without `ssl`, `ssl` over `sock` without `serverHostname`), `TypeError`
   * for a bad port, `sock` or factory, `ConnectionAbortedError` when the TLS handshake times out.
   * @see {@link https://peps.python.org/pep-3156/#internet-connections | PEP 3156 § Internet connections}
   */
  createConnection<P extends Protocol>(
    protocolFactory: ProtocolFactory<P>,
    host?: string | null,
    port?: number | null,
    options?: CreateConnectionOptions,
  ): Future<[Transport, P]>;
  /**
   * Listens on `host:port` (every address it resolves to) and resolves to a {@link Server} once it
   * listens.
   * @remarks The protocol factory is called once per accepted connection. `host` may be a list;
   * `null` or `''` listens on all interfaces (`0.0.0.0` and `::`). Each address gets its own
   * listening socket.
   * @throws Through the future: `OSError` (code `EADDRINUSE`, …) when an address cannot be bound,
   * `gaierror` for a host that does not resolve, `NotImplementedError` for `reusePort` (Node 20),
   * `ValueError` for `sock` with host or port or `sslHandshakeTimeout` without `ssl`, `TypeError`
   * for `ssl: true` (a server needs its certificate), a bad port, backlog, `sock` or factory.
   * @see {@link https://peps.python.org/pep-3156/#internet-connections | PEP 3156 § Internet connections}
   */
  createServer(
    protocolFactory: ProtocolFactory<Protocol>,
    host?: string | string[] | null,
    port?: number | null,
    options?: CreateServerOptions,
  ): Future<Server>;
  /**
   * Connects to a Unix domain socket at `path` and resolves to `[transport, protocol]` once
   * `connectionMade` has run.
   * @remarks The transport reports `peername` as `path` and `sockname` as `''`; it can half-close.
   * There is no `sock` option: `createConnection` wraps a connected Unix socket with `sock`.
   * @throws Through the future: `FileNotFoundError` when nothing is at `path`,
   * `ConnectionRefusedError` for a socket file no server listens on, `ValueError` for `ssl` without
   * `serverHostname`, `TypeError` for a path that is not a string.
   * @see {@link https://peps.python.org/pep-3156/#internet-connections | PEP 3156 § Internet connections}
   */
  createUnixConnection<P extends Protocol>(
    protocolFactory: ProtocolFactory<P>,
    path: string,
    options?: Omit<CreateConnectionOptions, 'family' | 'localAddr' | 'sock'>,
  ): Future<[Transport, P]>;
  /**
   * Listens on a Unix domain socket at `path` and resolves to a {@link Server}.
   * @remarks A socket file already at `path` is removed before binding, and the server removes its
   * socket file on `close()`. There is no `sock` option: on Node a listening Unix socket cannot be
   * taken over.
   * @throws Through the future: `OSError` (code `EADDRINUSE`) when `path` is a file of another kind,
   * `TypeError` for a path that is not a string.
   * @see {@link https://peps.python.org/pep-3156/#servers | PEP 3156 § Servers}
   */
  createUnixServer(
    protocolFactory: ProtocolFactory<Protocol>,
    path: string,
    options?: Omit<CreateServerOptions, 'family' | 'reuseAddress' | 'reusePort' | 'sock'>,
  ): Future<Server>;
  /**
   * Creates a UDP endpoint and resolves to `[transport, protocol]` once `connectionMade` has run.
   * @remarks `localAddr` is bound, `remoteAddr` connected (then `sendto` needs no address).
   * @throws Through the future: `ValueError` for address options with `sock`, a stream socket as
   * `sock`, or for no address and no family; `NotImplementedError` for `reusePort` (Node 20);
   * `TypeError` for `reuseAddress` (asyncio 3.11+ has no such parameter), a bad address, `sock` or
   * factory; `OSError` when binding or connecting fails.
   * @see {@link https://peps.python.org/pep-3156/#internet-connections | PEP 3156 § Internet connections}
   */
  createDatagramEndpoint<P extends DatagramProtocol>(
    protocolFactory: ProtocolFactory<P>,
    options?: CreateDatagramEndpointOptions,
  ): Future<[DatagramTransport, P]>;
  /**
   * Upgrades a live connection to TLS and resolves to the new transport (asyncio 3.7+).
   * @remarks From the call on the old transport is closing and drops writes; the protocol keeps
   * working with the new transport, without a second `connectionMade`. If the handshake fails, the
   * connection is closed and the protocol is not called again.
   * @throws Through the future: `TypeError` when `sslContext` is not `true` or an object of TLS
   * options (or is `true` with `serverSide`), `ValueError` for a non-positive `sslHandshakeTimeout`, `ConnectionAbortedError` when
   * the handshake outlasts it (default 60 s), the handshake's error otherwise.
   * @see {@link https://peps.python.org/pep-3156/#internet-connections | PEP 3156 § Internet connections}
   */
  startTls(
    transport: Transport,
    protocol: Protocol,
    sslContext: SSLOption,
    options?: StartTlsOptions,
  ): Future<Transport>;

  // ---- Wrapped socket methods and I/O callbacks (optional) -------------------------------
  /**
   * Calls `callback(...args)` whenever `fd` is ready for reading; replaces a reader registered
   * earlier for the same `fd`.
   * @remarks Level-triggered, as with `select()`: while `fd` stays ready the callback runs once per
   * loop iteration, until it is removed. The callback runs as a loop callback, so what it throws
   * goes to the exception handler. Differs from CPython: on Node, `fd` is a socket object
   * (`net.Socket`: data or EOF is buffered, or it failed; `net.Server`: a connection is waiting),
   * never a number.
   * @throws TypeError if `fd` is not a socket object of the loop's kind or `callback` is not a
   *   function; `NotImplementedError` for what the loop cannot watch (on Node: a numeric file
   *   descriptor, or an object with `fileno()`); `RuntimeError` if the loop is closed or a live
   *   transport uses the socket.
   * @see {@link https://peps.python.org/pep-3156/#i-o-callbacks | PEP 3156 § I/O Callbacks}
   */
  addReader<A extends unknown[]>(fd: unknown, callback: Callback<A>, ...args: A): void;
  /**
   * Stops watching `fd` for reading.
   * @returns Whether a reader was registered (and is now removed).
   * @throws As {@link AbstractEventLoop.addReader} for an `fd` of the wrong kind.
   * @see {@link https://peps.python.org/pep-3156/#i-o-callbacks | PEP 3156 § I/O Callbacks}
   */
  removeReader(fd: unknown): boolean;
  /**
   * Calls `callback(...args)` whenever `fd` is ready for writing; replaces a writer registered
   * earlier for the same `fd`.
   * @remarks As {@link AbstractEventLoop.addReader}. On Node, a `net.Socket` is ready when it is
   * connected and can take a write without exceeding its buffer (`writableNeedDrain` is false), or
   * when it failed.
   * @throws As {@link AbstractEventLoop.addReader}.
   * @see {@link https://peps.python.org/pep-3156/#i-o-callbacks | PEP 3156 § I/O Callbacks}
   */
  addWriter<A extends unknown[]>(fd: unknown, callback: Callback<A>, ...args: A): void;
  /**
   * Stops watching `fd` for writing.
   * @returns Whether a writer was registered (and is now removed).
   * @throws As {@link AbstractEventLoop.addReader} for an `fd` of the wrong kind.
   * @see {@link https://peps.python.org/pep-3156/#i-o-callbacks | PEP 3156 § I/O Callbacks}
   */
  removeWriter(fd: unknown): boolean;
  /**
   * Receives up to `n` bytes from the connected socket `sock`.
   * @remarks Resolves with the bytes already received (at most `n`), or waits for the next ones;
   * resolves with an empty array at EOF. Calls are served in order. A call cancelled before it
   * resolved takes no bytes: they stay for the next call, or for a transport that wraps `sock`
   * later. On Node, `sock` is a `net.Socket`.
   * @returns A Future of a `Uint8Array` of 0 to `n` bytes.
   * @throws Through the Future: TypeError if `sock` is not a socket or `n` not an integer,
   *   `ValueError` if `n` is negative, `RuntimeError` if a live transport uses the socket, an
   *   `OSError` subclass if the socket failed.
   * @see {@link https://peps.python.org/pep-3156/#wrapped-socket-methods | PEP 3156 § Wrapped Socket Methods}
   */
  sockRecv(sock: unknown, n: number): Future<Uint8Array>;
  /**
   * Receives up to `buf.length` bytes from `sock` into `buf` (asyncio 3.7+).
   * @remarks As {@link AbstractEventLoop.sockRecv}; the bytes go to the start of `buf`.
   * @returns A Future of the number of bytes written into `buf` (0 at EOF).
   * @throws Through the Future: TypeError if `buf` is not a `Uint8Array`; otherwise as `sockRecv`.
   * @see {@link https://peps.python.org/pep-3156/#wrapped-socket-methods | PEP 3156 § Wrapped Socket Methods}
   */
  sockRecvInto(sock: unknown, buf: Uint8Array): Future<number>;
  /**
   * Sends all of `data` on `sock`.
   * @remarks Resolves once the socket has taken every byte (on Node: the write callback ran).
   * Cancelling the Future does not unsend what was handed over.
   * @throws Through the Future: TypeError if `sock` is not a socket or `data` not a `Uint8Array`;
   *   `RuntimeError` if a live transport uses the socket; `BrokenPipeError` (or another `OSError` subclass) if the socket is closed or failed.
   * @see {@link https://peps.python.org/pep-3156/#wrapped-socket-methods | PEP 3156 § Wrapped Socket Methods}
   */
  sockSendall(sock: unknown, data: Uint8Array): Future<void>;
  /**
   * Connects the unconnected socket `sock` to `address` (`[host, port]` or a Unix socket path).
   * @remarks On Node, `sock` is a `new net.Socket()`; once connected it may be used with the other
   * methods, or wrapped in a transport with `createConnection(factory, null, null, { sock })`.
   * @throws Through the Future: TypeError for a bad `sock` or `address`, `ValueError` for a port out
   *   of range, `ConnectionRefusedError` (or another `OSError` subclass) if connecting fails.
   * @see {@link https://peps.python.org/pep-3156/#wrapped-socket-methods | PEP 3156 § Wrapped Socket Methods}
   */
  sockConnect(sock: unknown, address: SockAddr): Future<void>;
  /**
   * Accepts a connection on the listening socket `sock`; resolves to `[conn, address]`.
   * @remarks `conn` is a connected socket of the same kind as those `sockRecv` takes, and `address`
   * the peer's address. Calls are served in order. On Node, `sock` is a listening `net.Server`;
   * connections it accepts while no call waits are queued for the next calls.
   * @throws Through the Future: TypeError if `sock` is not a listening socket; an `OSError` if it
   *   failed or was closed.
   * @see {@link https://peps.python.org/pep-3156/#wrapped-socket-methods | PEP 3156 § Wrapped Socket Methods}
   */
  sockAccept(sock: unknown): Future<[conn: unknown, address: SockAddr]>;

  // ---- Pipes and subprocesses (optional) ---------------------------------------------------
  /**
   * Wraps the read end of a pipe (a Node readable stream or an fd) in a {@link ReadTransport} and
   * resolves to `[transport, protocol]` once `connectionMade` has run.
   * @remarks The protocol receives `dataReceived*`, `eofReceived`, then `connectionLost`.
   * @throws `TypeError` (rejects) for a pipe that is neither a readable stream nor a descriptor, or
   * a factory that is not a function.
   * @see {@link https://peps.python.org/pep-3156/#pipes-and-subprocesses | PEP 3156 § Pipes and Subprocesses}
   */
  connectReadPipe<P extends Protocol>(
    protocolFactory: ProtocolFactory<P>,
    pipe: unknown,
  ): Future<[ReadTransport, P]>;
  /**
   * Wraps the write end of a pipe (a Node writable stream or an fd) in a {@link WriteTransport} and
   * resolves to `[transport, protocol]` once `connectionMade` has run.
   * @remarks The protocol receives only `connectionMade`, the flow-control pair and
   * `connectionLost` (a `BrokenPipeError` when the reader goes away).
   * @throws `TypeError` (rejects) for a pipe that is neither a writable stream nor a descriptor, or
   * a factory that is not a function.
   * @see {@link https://peps.python.org/pep-3156/#pipes-and-subprocesses | PEP 3156 § Pipes and Subprocesses}
   */
  connectWritePipe<P extends BaseProtocol>(
    protocolFactory: ProtocolFactory<P>,
    pipe: unknown,
  ): Future<[WriteTransport, P]>;
  /** Runs `program` with `args` (no shell) and resolves to `[transport, protocol]`. */
  subprocessExec<P extends SubprocessProtocol>(
    protocolFactory: ProtocolFactory<P>,
    program: string,
    args?: readonly string[],
    options?: SubprocessOptions,
  ): Future<[SubprocessTransport, P]>;
  /** Runs `cmd` through the shell and resolves to `[transport, protocol]`. */
  subprocessShell<P extends SubprocessProtocol>(
    protocolFactory: ProtocolFactory<P>,
    cmd: string,
    options?: SubprocessOptions,
  ): Future<[SubprocessTransport, P]>;

  // ---- Signal callbacks (optional) ---------------------------------------------------------
  /**
   * Calls `callback(...args)` (as a loop callback) whenever `signal` arrives; replaces any earlier
   * handler for it.
   * @throws `TypeError`/`ValueError` for an unknown or uncatchable signal (`SIGKILL`);
   *   `NotImplementedError` where signals are unsupported.
   */
  addSignalHandler<A extends unknown[]>(signal: string, callback: Callback<A>, ...args: A): void;
  /** Removes the handler for `signal`; returns whether one was removed. */
  removeSignalHandler(signal: string): boolean;

  // ---- Error handling ----------------------------------------------------------------------
  /** Sets the exception handler; `null` restores the default. */
  setExceptionHandler(handler: ExceptionHandler | null): void;
  /** The current exception handler, or `null` for the default. */
  getExceptionHandler(): ExceptionHandler | null;
  /** The default handler: logs `context` (message, exception, and the other keys). */
  defaultExceptionHandler(context: ExceptionContext): void;
  /**
   * Calls the current handler with `context`. An error thrown by the handler is caught and logged;
   * it never propagates.
   */
  callExceptionHandler(context: ExceptionContext): void;

  // ---- Debug mode --------------------------------------------------------------------------
  /** Whether debug mode is on. */
  getDebug(): boolean;
  /** Turns debug mode on or off. */
  setDebug(enabled: boolean): void;
  /** In debug mode, callbacks that take longer than this many seconds are reported (default 0.1). */
  slowCallbackDuration: number;
}

/**
 * Manages the current event loop per context (PEP § Event Loop Policy).
 * @remarks In Node a context is the main isolate or one Worker.
 * @see {@link https://peps.python.org/pep-3156/#event-loop-policy-getting-and-setting-the-current-event-loop | PEP 3156 § Event Loop Policy}
 */
export interface AbstractEventLoopPolicy {
  /** Returns the current context's loop, creating one lazily if the policy allows; never `null`. */
  getEventLoop(): AbstractEventLoop;
  /** Sets the current context's loop; `null` is allowed (then `getEventLoop()` throws). */
  setEventLoop(loop: AbstractEventLoop | null): void;
  /** Creates a new loop; does not make it current. */
  newEventLoop(): AbstractEventLoop;
}

/** A generator coroutine or Future accepted where the PEP accepts "a coroutine or a Future". */
export type Awaitable<T> = Future<T> | Coroutine<T>;
