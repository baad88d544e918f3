/**
 * Stream connections and servers (PEP 3156 § Internet connections): `createConnection`,
 * `createServer`, their Unix-socket twins, and `startTls`, on `node:net` and `node:tls`.
 *
 * `createConnection` resolves after `connectionMade` has run, as CPython does (the PEP says it has
 * not yet been called; the spec page explains the choice).
 * @module
 */
import { lstatSync, unlinkSync } from 'node:fs';
import {
  isIP,
  Server as NetServer,
  Socket as NetSocket,
  connect as netConnect,
  createServer as netCreateServer,
  type Socket,
} from 'node:net';
import * as tls from 'node:tls';
import {
  CancelledError,
  ConnectionAbortedError,
  ConnectionResetError,
  NotImplementedError,
  OSError,
  ValueError,
} from '../exceptions.js';
import { Future } from '../futures.js';
import type {
  AbstractEventLoop,
  CreateConnectionOptions,
  CreateServerOptions,
  ProtocolFactory,
  SSLOption,
  StartTlsOptions,
} from '../spec/events.js';
import type { Future as FutureSpec } from '../spec/futures.js';
import type { Protocol } from '../spec/protocols.js';
import type { Transport } from '../spec/transports.js';
import { lookupAll, portNumber } from './dns.js';
import { mapNodeError } from './errors.js';
import { checkProtocol, guarded } from './guard.js';
import { Server } from './server.js';
import { asLoopCallback, SocketTransport } from './socket-transport.js';

function sslOptions(ssl: SSLOption | undefined): Record<string, unknown> | null {
  if (ssl === undefined || ssl === false || ssl === null) return null;
  if (ssl === true) return {};
  if (typeof ssl === 'object') return ssl;
  throw new TypeError('ssl must be true, false or an object of node:tls options');
}

/** asyncio's `SSL_HANDSHAKE_TIMEOUT`: seconds a TLS handshake may take when no timeout is given. */
const SSL_HANDSHAKE_TIMEOUT = 60;

/**
 * Checks `sslHandshakeTimeout` as asyncio does (only with `ssl`, a positive number of seconds) and
 * returns it, or the 60 s default with `ssl`, or `undefined` without.
 */
function handshakeTimeout(value: number | undefined, hasSsl: boolean, what: string): number | undefined {
  if (value === undefined || value === null) return hasSsl ? SSL_HANDSHAKE_TIMEOUT : undefined;
  if (!hasSsl) throw new ValueError(`${what}: sslHandshakeTimeout is only meaningful with ssl`);
  if (typeof value !== 'number' || Number.isNaN(value))
    throw new TypeError(`${what}: sslHandshakeTimeout must be a number of seconds, got ${String(value)}`);
  if (!(value > 0))
    throw new ValueError(`${what}: sslHandshakeTimeout should be a positive number, got ${value}`);
  return value;
}

/** asyncio's error when the TLS handshake outlasts `sslHandshakeTimeout`. */
function handshakeTimedOut(seconds: number): ConnectionAbortedError {
  return new ConnectionAbortedError(
    `SSL handshake is taking longer than ${seconds} seconds: aborting the connection`,
    { code: 'ECONNABORTED' },
  );
}

/**
 * Connects a TCP or TLS socket (or wraps `options.socket` in TLS); resolves once connected and the
 * handshake is done. `track` hears of the socket while it is pending (so a cancel can destroy it)
 * and of `null` once it settles. A socket destroyed from outside rejects with CancelledError.
 */
function connectSocket(
  options: Record<string, unknown>,
  ssl: Record<string, unknown> | null,
  timeout: number | undefined,
  track: (socket: Socket | null) => void = () => {},
): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket: Socket = ssl
      ? tls.connect({ ...ssl, ...options })
      : netConnect({
          ...(options as object),
          allowHalfOpen: true,
        } as unknown as import('node:net').NetConnectOpts);
    track(socket);
    const event = ssl ? 'secureConnect' : 'connect';
    let timer: ReturnType<typeof setTimeout> | undefined;
    let settled = false;
    const settle = () => {
      settled = true;
      clearTimeout(timer);
      socket.off('error', onError);
      socket.off('close', onClose);
      track(null);
    };
    const onError = (error: Error) => {
      if (settled) return;
      settle();
      socket.destroy();
      reject(mapNodeError(error));
    };
    const onClose = () => {
      if (settled) return;
      settle();
      reject(new CancelledError('the connection attempt was cancelled'));
    };
    const startTimer = () => {
      if (timeout !== undefined && !settled)
        timer = setTimeout(() => onError(handshakeTimedOut(timeout)), timeout * 1000);
    };
    if (ssl && timeout !== undefined) {
      if (options.socket !== undefined || !socket.connecting) startTimer();
      else socket.once('connect', startTimer);
    }
    socket.once('error', onError);
    socket.once('close', onClose);
    socket.once(event, () => {
      if (settled) return;
      settle();
      resolve(socket);
    });
  });
}

/**
 * Runs the protocol factory as a loop callback and checks what it returned: its error, or a
 * TypeError for a result that is not an object, is thrown.
 */
function makeProtocol<P>(loop: AbstractEventLoop, factory: ProtocolFactory<P>, what: string): P {
  let protocol: P | undefined;
  const error = asLoopCallback(loop, () => {
    protocol = factory();
  });
  if (error !== undefined) throw error;
  checkProtocol(protocol, what);
  return protocol as P;
}

/** Wraps a connected socket and resolves `future` once `connectionMade` has run. */
function finishConnection<P extends Protocol>(
  loop: AbstractEventLoop,
  future: Future<[Transport, P]>,
  socket: Socket,
  factory: ProtocolFactory<P>,
  isTls: boolean,
  extra?: Record<string, unknown>,
): void {
  // Cancelled meanwhile, or a late completion for a closed loop: dropped, the socket closed.
  if (future.done() || loop.isClosed()) {
    socket.destroy();
    return;
  }
  let protocol: P;
  try {
    protocol = makeProtocol(loop, factory, 'createConnection');
  } catch (error) {
    socket.destroy();
    future._setExceptionUnchecked(error);
    return;
  }
  const transport = new SocketTransport(loop, socket, protocol, {
    tls: isTls,
    extra,
    onMade: () => {
      if (!future.done()) future.setResult([transport, protocol]);
      // Cancelled between the connect and connectionMade: the caller never sees the transport.
      else transport.close();
    },
  });
}

/** asyncio's rule for several failed attempts: the one error, or one OSError naming them all. */
function combinedError(errors: Error[]): Error {
  const [first] = errors;
  if (first !== undefined && errors.every((e) => e.message === first.message)) return first;
  return new OSError(`Multiple exceptions: ${errors.map((e) => e.message).join(', ')}`, {
    code: (first as OSError | undefined)?.code,
    cause: first,
  });
}

/**
 * `createConnection(protocolFactory, host, port, options)`: tries every address of `host` in turn.
 * @remarks Addresses are tried one after another in the resolver's order (no Happy Eyeballs). When
 * all fail, the error is the single error if they all say the same, else an {@link OSError}
 * "Multiple exceptions: …" naming each attempt. Cancelling the returned future destroys the socket
 * being connected.
 * @throws TypeError (rejects) for a bad factory, port or `sock`; {@link ValueError} for `sock` with
 * host/port, no host/port without `sock`, `serverHostname` or `sslHandshakeTimeout` without `ssl`,
 * `ssl` with `sock` but no `serverHostname`; {@link ConnectionAbortedError} when the handshake times out.
 * @see {@link https://peps.python.org/pep-3156/#internet-connections | PEP 3156 § Internet connections}
 */
export function createConnection<P extends Protocol>(
  loop: AbstractEventLoop,
  protocolFactory: ProtocolFactory<P>,
  host: string | null | undefined,
  port: number | null | undefined,
  options: CreateConnectionOptions = {},
): FutureSpec<[Transport, P]> {
  const future = new Future<[Transport, P]>(loop);
  let pending: Socket | null = null;
  const track = (socket: Socket | null) => {
    pending = socket;
  };
  future.addDoneCallback(() => {
    if (future.cancelled() && pending !== null) pending.destroy();
  });
  const fail = (error: unknown) => {
    // A late failure for a closed loop is dropped: nothing may run on it any more.
    if (!future.done() && !loop.isClosed()) future._setExceptionUnchecked(error);
  };
  try {
    if (typeof protocolFactory !== 'function')
      throw new TypeError('createConnection: protocolFactory must be a function');
    const ssl = sslOptions(options.ssl);
    if (options.serverHostname !== undefined && ssl === null)
      throw new ValueError('createConnection: serverHostname is only meaningful with ssl');
    const timeout = handshakeTimeout(options.sslHandshakeTimeout, ssl !== null, 'createConnection');
    if (options.sock !== undefined) {
      if (host != null || port != null)
        throw new ValueError('createConnection: host/port and sock can not be specified at the same time');
      if (!(options.sock instanceof NetSocket))
        throw new TypeError('createConnection: sock must be a connected net.Socket');
      const sock = options.sock;
      if (ssl !== null) {
        if (options.serverHostname === undefined)
          throw new ValueError('createConnection: you must set serverHostname when using ssl without a host');
        connectSocket({ socket: sock, servername: options.serverHostname }, ssl, timeout, track).then(
          (secure) => finishConnection(loop, future, secure, protocolFactory, true),
          fail,
        );
      } else {
        finishConnection(loop, future, sock, protocolFactory, false);
      }
      return future;
    }
    if (host == null || port == null)
      throw new ValueError('createConnection: host and port were not specified and no sock specified');
    const portNum = portNumber(port, 'createConnection');
    const attempt = async (): Promise<void> => {
      const addresses = await lookupAll(host, options.family, false);
      const locals = options.localAddr ? await lookupAll(options.localAddr[0], options.family) : null;
      const errors: Error[] = [];
      for (const a of addresses) {
        if (future.done()) return;
        const connectOptions: Record<string, unknown> = { host: a.address, port: portNum };
        if (options.localAddr && locals !== null) {
          const local = locals.find((l) => l.family === a.family);
          if (local === undefined) {
            errors.push(new OSError(`no matching local address with family=${a.family} found`));
            continue;
          }
          connectOptions.localAddress = local.address;
          connectOptions.localPort = options.localAddr[1] || undefined;
        }
        if (ssl !== null)
          connectOptions.servername = options.serverHostname ?? (isIP(host) !== 0 ? undefined : host);
        try {
          const socket = await connectSocket(connectOptions, ssl, timeout, track);
          finishConnection(loop, future, socket, protocolFactory, ssl !== null);
          return;
        } catch (error) {
          if (future.done()) return;
          errors.push(error as Error);
        }
      }
      throw combinedError(errors);
    };
    attempt().catch(fail);
  } catch (error) {
    fail(error);
  }
  return future;
}

/**
 * `createUnixConnection(protocolFactory, path, options)`: connects to a Unix domain socket.
 * @throws TypeError (rejects) for a path that is not a string; {@link ValueError} for
 * `serverHostname`/`sslHandshakeTimeout` without `ssl`, or `ssl` without `serverHostname`;
 * {@link NotImplementedError} for a `sock` option (not offered: `createConnection` wraps a connected
 * Unix socket with `sock`).
 * @see {@link https://peps.python.org/pep-3156/#internet-connections | PEP 3156 § Internet connections}
 */
export function createUnixConnection<P extends Protocol>(
  loop: AbstractEventLoop,
  protocolFactory: ProtocolFactory<P>,
  path: string,
  options: Omit<CreateConnectionOptions, 'family' | 'localAddr' | 'sock'> = {},
): FutureSpec<[Transport, P]> {
  const future = new Future<[Transport, P]>(loop);
  let pending: Socket | null = null;
  future.addDoneCallback(() => {
    if (future.cancelled() && pending !== null) pending.destroy();
  });
  let ssl: Record<string, unknown> | null;
  let timeout: number | undefined;
  try {
    if (typeof protocolFactory !== 'function')
      throw new TypeError('createUnixConnection: protocolFactory must be a function');
    if (typeof path !== 'string') throw new TypeError('createUnixConnection: path must be a string');
    if ((options as { sock?: unknown }).sock !== undefined)
      throw new NotImplementedError(
        'createUnixConnection: sock is not supported; pass a connected net.Socket to createConnection(factory, null, null, { sock })',
      );
    ssl = sslOptions(options.ssl);
    if (options.serverHostname !== undefined && ssl === null)
      throw new ValueError('createUnixConnection: serverHostname is only meaningful with ssl');
    if (ssl !== null && options.serverHostname === undefined)
      throw new ValueError('createUnixConnection: you must set serverHostname when using ssl without a host');
    timeout = handshakeTimeout(options.sslHandshakeTimeout, ssl !== null, 'createUnixConnection');
  } catch (error) {
    future._setExceptionUnchecked(error);
    return future;
  }
  const connectOptions: Record<string, unknown> = { path };
  if (ssl !== null) connectOptions.servername = options.serverHostname;
  connectSocket(connectOptions, ssl, timeout, (s) => {
    pending = s;
  }).then(
    // Node keeps no path on a Unix socket: the client's end is unnamed (''), the peer is `path`,
    // as Python's getsockname()/getpeername() report them.
    (socket) =>
      finishConnection(loop, future, socket, protocolFactory, ssl !== null, { peername: path, sockname: '' }),
    (error: unknown) => {
      if (!future.done() && !loop.isClosed()) future._setExceptionUnchecked(error);
    },
  );
  return future;
}

function acceptInto(
  loop: AbstractEventLoop,
  server: () => Server,
  factory: ProtocolFactory<Protocol>,
  isTls: boolean,
) {
  const accept = (socket: Socket) => {
    if (loop.isClosed()) {
      socket.destroy();
      return;
    }
    // Secure now: half-open from here on, so the protocol hears eofReceived before anything closes.
    socket.allowHalfOpen = true;
    let protocol: Protocol;
    try {
      protocol = makeProtocol(loop, factory, 'server');
    } catch (error) {
      loop.callExceptionHandler({
        message: 'Error in protocol factory of a server',
        exception: error,
        socket,
      });
      socket.destroy();
      return;
    }
    // An accepted Unix socket: named by the server's path, its peer unnamed (''), as in Python.
    const bound =
      socket.remoteAddress === undefined
        ? (socket as Socket & { server?: NetServer }).server?.address()
        : null;
    const extra = typeof bound === 'string' ? { sockname: bound, peername: '' } : undefined;
    new SocketTransport(loop, socket, protocol, { owner: server(), tls: isTls, extra });
  };
  return (socket: Socket) =>
    guarded(loop, 'Error while accepting a connection', accept, () => socket.destroy())(socket);
}

/** Where a listener binds, for error messages: `['127.0.0.1', 8080]`, or a path. */
/** What `listenOn` binds: an address, a Unix path, or the handle of a listening server. */
type ListenOptions = { host?: string; port?: number; path?: string; handle?: unknown; backlog?: number };

function describeBind(options: ListenOptions): string {
  if (options.path !== undefined) return JSON.stringify(options.path);
  return `[${JSON.stringify(options.host ?? '')}, ${options.port ?? 0}]`;
}

function listenOn(server: NetServer, options: ListenOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => {
      const mapped = mapNodeError(error);
      if (mapped instanceof OSError && mapped.code !== undefined && options.handle === undefined) {
        // asyncio's wording: which address could not be bound, with the system's reason.
        reject(
          new (mapped.constructor as typeof OSError)(
            `error while attempting to bind on address ${describeBind(options)}: ${mapped.message}`,
            { code: mapped.code, errno: mapped.errno, cause: error },
          ),
        );
      } else reject(mapped);
    };
    server.once('error', onError);
    const listening = () => {
      server.off('error', onError);
      resolve();
    };
    // A handle (a listening net.Server given as sock) is taken only in the positional form.
    if (options.handle !== undefined) server.listen(options.handle, options.backlog, listening);
    else server.listen(options, listening);
  });
}

function checkBacklog(backlog: unknown, what: string): number {
  if (backlog === undefined) return 100;
  if (typeof backlog !== 'number' || !Number.isInteger(backlog) || backlog < 0)
    throw new TypeError(`${what}: backlog must be a non-negative integer, got ${String(backlog)}`);
  return backlog;
}

/**
 * node:tls server options for `ssl`, with asyncio's 60 s handshake timeout unless told otherwise.
 * Not half-open while handshaking: a client that gives up on the handshake (it rejected the
 * certificate) sends its FIN, and a half-open socket would sit in CLOSE-WAIT until the handshake
 * timeout. {@link acceptInto} makes the socket half-open once it is secure, as every transport is.
 */
function tlsServerOptions(ssl: Record<string, unknown>, timeout: number | undefined): tls.TlsOptions {
  return {
    ...ssl,
    allowHalfOpen: false,
    handshakeTimeout: (timeout ?? SSL_HANDSHAKE_TIMEOUT) * 1000,
  } as tls.TlsOptions;
}

/**
 * A node:tls server whose failed or timed-out handshakes close the connection quietly, as asyncio's
 * do (an `OSError` in a handshake is logged only in debug mode); no protocol is made for them.
 */
function tlsServer(options: tls.TlsOptions, onConnection: (socket: Socket) => void): tls.Server {
  const server = tls.createServer(options, onConnection);
  server.on('tlsClientError', (_error, socket) => socket.destroy());
  return server;
}

/**
 * `createServer(protocolFactory, host, port, options)`: one listener per address of `host`.
 * @remarks `host` may be a name, an address, a list of them, or `null`/`''` for every interface
 * (`0.0.0.0` and `::`, the IPv6 one with `IPV6_V6ONLY`, skipped where the host has no IPv6). Each
 * address is bound on its own, as asyncio does, so port 0 gives each listener its own port. Node
 * always sets `SO_REUSEADDR` on listening TCP sockets, so `reuseAddress` cannot turn it off; Node 20
 * has no `SO_REUSEPORT` for TCP. With `startServing: false`, Node binds only at `startServing()`.
 * @throws TypeError (rejects) for a bad factory, port, backlog or `sock`; {@link ValueError} for
 * `sock` with host/port or `sslHandshakeTimeout` without `ssl`; {@link NotImplementedError} for
 * `reusePort` or a `sock` that is a listening Unix server (Node takes over only TCP listeners);
 * {@link OSError} (code `EADDRINUSE`, …) when an address cannot be bound.
 * @see {@link https://peps.python.org/pep-3156/#internet-connections | PEP 3156 § Internet connections}
 */
export function createServer(
  loop: AbstractEventLoop,
  protocolFactory: ProtocolFactory<Protocol>,
  host: string | string[] | null | undefined,
  port: number | null | undefined,
  options: CreateServerOptions = {},
): FutureSpec<Server> {
  const future = new Future<Server>(loop);
  const go = async (): Promise<void> => {
    if (typeof protocolFactory !== 'function')
      throw new TypeError('createServer: protocolFactory must be a function');
    if (options.reusePort)
      throw new NotImplementedError('createServer: reusePort is not supported by Node.js 20');
    if (options.ssl === true)
      throw new TypeError('createServer: ssl must be an object of node:tls server options (key, cert, …)');
    const ssl = sslOptions(options.ssl);
    const timeout = handshakeTimeout(options.sslHandshakeTimeout, ssl !== null, 'createServer');
    const backlog = checkBacklog(options.backlog, 'createServer');
    let server: Server | null = null;
    const make = () => {
      const onConnection = acceptInto(loop, () => server as Server, protocolFactory, ssl !== null);
      const s = ssl
        ? tlsServer(tlsServerOptions(ssl, timeout), onConnection)
        : netCreateServer({ allowHalfOpen: true }, onConnection);
      // Errors while binding reject the listen; only later ones reach the exception handler.
      s.on('error', (error) => {
        if (s.listening)
          loop.callExceptionHandler({ message: 'Server error', exception: mapNodeError(error) });
      });
      return s;
    };
    type Listen = { server: NetServer; options: ListenOptions; optional?: boolean };
    let listens: Listen[];
    if (options.sock !== undefined) {
      if (host != null || port != null)
        throw new ValueError('createServer: host/port and sock can not be specified at the same time');
      if (!(options.sock instanceof NetServer) || options.sock.address() === null)
        throw new TypeError('createServer: sock must be a listening net.Server');
      // Node hands a listening handle to another net.Server only for TCP: a Unix one would be
      // opened twice and fail with EEXIST, so it is refused here with the reason.
      if (typeof options.sock.address() === 'string')
        throw new NotImplementedError(
          'createServer: sock must be a listening TCP net.Server; Node cannot take over a listening Unix socket',
        );
      listens = [{ server: make(), options: { handle: options.sock, backlog } }];
    } else {
      const portNum = portNumber(port, 'createServer');
      const hosts =
        host === undefined || host === null || host === '' ? [null] : Array.isArray(host) ? host : [host];
      const addresses: { address: string; family: number; optional: boolean }[] = [];
      for (const h of hosts) {
        for (const a of await lookupAll(h, options.family, true))
          if (!addresses.some((b) => b.address === a.address))
            addresses.push({ ...a, optional: h === null && a.family === 6 });
      }
      listens = addresses.map((a) => ({
        server: make(),
        options: { host: a.address, port: portNum, backlog, ipv6Only: a.family === 6 },
        optional: a.optional,
      }));
    }
    const startAll = async (list: Listen[]): Promise<void> => {
      const results = await Promise.allSettled(list.map((l) => listenOn(l.server, l.options)));
      const failed = results.findIndex(
        (r, i) => r.status === 'rejected' && !(list[i]?.optional && isNoIpv6(r.reason)),
      );
      if (failed >= 0) {
        for (const l of list) if (l.server.listening) l.server.close();
        throw (results[failed] as PromiseRejectedResult).reason;
      }
    };
    // A wildcard IPv6 listener that the host cannot bind (no IPv6) is dropped, as asyncio skips it.
    const isNoIpv6 = (error: unknown) =>
      error instanceof OSError &&
      ['EAFNOSUPPORT', 'EADDRNOTAVAIL', 'EPROTONOSUPPORT'].includes(error.code ?? '');
    const byServer = new Map(listens.map((l) => [l.server, l]));
    server = new Server(
      loop,
      listens.map((l) => l.server),
      (s) =>
        listenOn(s, (byServer.get(s) as Listen).options).catch((error: unknown) => {
          if (!((byServer.get(s) as Listen).optional && isNoIpv6(error))) throw error;
        }),
    );
    if (options.startServing !== false) {
      await startAll(listens);
      server._markServing();
    }
    // Cancelled meanwhile, or a late completion for a closed loop: the server is closed, not handed out.
    if (future.done() || loop.isClosed()) server.close();
    else future.setResult(server);
  };
  go().catch((error: unknown) => {
    if (!future.done() && !loop.isClosed()) future._setExceptionUnchecked(error);
  });
  return future;
}

/** Removes a socket file left at `path` by an earlier server, as asyncio does; other files stay. */
function removeStaleSocket(path: string): void {
  if (path.startsWith('\0')) return; // Linux abstract namespace: no file
  try {
    if (lstatSync(path).isSocket()) unlinkSync(path);
  } catch {
    // nothing there (or not ours to look at): bind reports what is wrong
  }
}

/**
 * `createUnixServer(protocolFactory, path, options)`: listens on a Unix socket.
 * @remarks As asyncio does, a socket file already at `path` is removed before binding (a file of
 * another kind makes the bind fail with `EADDRINUSE`), and the socket file is removed on `close()`
 * (asyncio 3.13's `cleanup_socket`).
 * @throws TypeError (rejects) for a path that is not a string or a bad backlog; {@link OSError} when binding fails;
 * {@link NotImplementedError} for a `sock` option (not offered: Node cannot take over a listening
 * Unix socket).
 * @see {@link https://peps.python.org/pep-3156/#internet-connections | PEP 3156 § Internet connections}
 */
export function createUnixServer(
  loop: AbstractEventLoop,
  protocolFactory: ProtocolFactory<Protocol>,
  path: string,
  options: Omit<CreateServerOptions, 'family' | 'reuseAddress' | 'reusePort' | 'sock'> = {},
): FutureSpec<Server> {
  const future = new Future<Server>(loop);
  let ssl: Record<string, unknown> | null;
  let listenOptions: { path: string; backlog: number };
  let timeout: number | undefined;
  try {
    if (typeof protocolFactory !== 'function')
      throw new TypeError('createUnixServer: protocolFactory must be a function');
    if (typeof path !== 'string') throw new TypeError('createUnixServer: path must be a string');
    if ((options as { sock?: unknown }).sock !== undefined)
      throw new NotImplementedError(
        'createUnixServer: sock is not supported (Node cannot take over a listening Unix socket); give the path instead',
      );
    if (options.ssl === true)
      throw new TypeError(
        'createUnixServer: ssl must be an object of node:tls server options (key, cert, …)',
      );
    ssl = sslOptions(options.ssl);
    timeout = handshakeTimeout(options.sslHandshakeTimeout, ssl !== null, 'createUnixServer');
    listenOptions = { path, backlog: checkBacklog(options.backlog, 'createUnixServer') };
  } catch (error) {
    future._setExceptionUnchecked(error);
    return future;
  }
  let server: Server | null = null;
  const onConnection = acceptInto(loop, () => server as Server, protocolFactory, ssl !== null);
  const net = ssl
    ? tlsServer(tlsServerOptions(ssl, timeout), onConnection)
    : netCreateServer({ allowHalfOpen: true }, onConnection);
  net.on('error', (error) => {
    if (net.listening) loop.callExceptionHandler({ message: 'Server error', exception: mapNodeError(error) });
  });
  const listen = () => {
    removeStaleSocket(path);
    return listenOn(net, listenOptions).then(() => (server as Server)._boundUnix());
  };
  server = new Server(loop, [net], listen, path);
  if (options.startServing === false) {
    future.setResult(server);
    return future;
  }
  listen().then(
    () => {
      (server as Server)._markServing();
      if (!future.done() && !loop.isClosed()) future.setResult(server as Server);
      else (server as Server).close();
    },
    (error: unknown) => {
      if (!future.done() && !loop.isClosed()) future._setExceptionUnchecked(error);
    },
  );
  return future;
}

/**
 * `startTls(transport, protocol, sslContext, options)`: upgrades a live connection to TLS and
 * resolves to the new transport; the old one must not be used afterwards.
 * @remarks From the call on, the old transport is closing and drops writes; the protocol gets no
 * second `connectionMade`. If the handshake fails (or outlasts `sslHandshakeTimeout`, default 60 s)
 * the connection is closed, the future rejects and the protocol is not called.
 * @throws TypeError (rejects) when `sslContext` is not `true` or an object of node:tls options, or
 * the transport has no socket; {@link ValueError} for a non-positive `sslHandshakeTimeout`;
 * {@link ConnectionAbortedError} when the handshake times out.
 * @see {@link https://peps.python.org/pep-3156/#internet-connections | PEP 3156 § Internet connections}
 */
export function startTls(
  loop: AbstractEventLoop,
  transport: Transport,
  protocol: Protocol,
  sslContext: SSLOption,
  options: StartTlsOptions = {},
): FutureSpec<Transport> {
  const future = new Future<Transport>(loop);
  try {
    if (sslContext !== true && (sslContext === null || typeof sslContext !== 'object'))
      throw new TypeError(
        `startTls: sslContext must be true or an object of node:tls options, got ${String(sslContext)}`,
      );
    if (sslContext === true && options.serverSide)
      throw new TypeError('startTls: a server needs TLS options with its key and cert, not true');
    const ssl = sslOptions(sslContext) ?? {};
    const timeout = handshakeTimeout(options.sslHandshakeTimeout, true, 'startTls') as number;
    const raw = transport.getExtraInfo('socket') as Socket | undefined;
    if (!(raw instanceof NetSocket) || !(transport instanceof SocketTransport))
      throw new TypeError('startTls: the transport is not a stream socket transport of this loop');
    if (transport.isClosing()) throw new TypeError('startTls: the transport is closing');
    const owner = transport._detachForUpgrade();
    raw.removeAllListeners('data');
    raw.removeAllListeners('end');
    raw.removeAllListeners('close');
    raw.removeAllListeners('error');
    raw.removeAllListeners('drain');
    const secure = options.serverSide
      ? new tls.TLSSocket(raw, { ...ssl, isServer: true } as tls.TLSSocketOptions)
      : tls.connect({ ...ssl, socket: raw, servername: options.serverHostname });
    let settled = false;
    const failed = (error: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      secure.destroy();
      raw.destroy();
      owner?._detach(transport);
      if (!future.done() && !loop.isClosed()) future._setExceptionUnchecked(error);
    };
    const timer = setTimeout(() => failed(handshakeTimedOut(timeout)), timeout * 1000);
    const ready = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (future.done() || loop.isClosed()) {
        secure.destroy();
        owner?._detach(transport);
        return;
      }
      const upgraded = new SocketTransport(loop, secure, protocol, {
        owner,
        tls: true,
        upgrade: true,
        onMade: () => {
          if (!future.done()) future.setResult(upgraded);
        },
      });
      owner?._detach(transport);
    };
    const on = <A extends unknown[]>(fn: (...args: A) => void) =>
      guarded(loop, 'Unexpected error in a startTls socket event', fn, () => secure.destroy());
    secure.once(options.serverSide ? 'secure' : 'secureConnect', on(ready));
    secure.once(
      'error',
      on((error: Error) => failed(mapNodeError(error))),
    );
    secure.once(
      'close',
      on(() => failed(new ConnectionResetError('startTls: the connection closed during the handshake'))),
    );
    future.addDoneCallback(() => {
      if (future.cancelled()) failed(new CancelledError('startTls was cancelled'));
    });
  } catch (error) {
    future._setExceptionUnchecked(error);
  }
  return future;
}
