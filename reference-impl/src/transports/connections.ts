/**
 * Stream connections and servers (PEP 3156 § Internet connections): `createConnection`,
 * `createServer`, their Unix-socket twins, and `startTls`, on `node:net` and `node:tls`.
 *
 * `createConnection` resolves after `connectionMade` has run, as CPython does (the PEP says it has
 * not yet been called; the spec page explains the choice).
 * @module
 */
import {
  type Server as NetServer,
  connect as netConnect,
  createServer as netCreateServer,
  type Socket,
} from 'node:net';
import * as tls from 'node:tls';
import { NotImplementedError, OSError, ValueError } from '../exceptions.js';
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
import { lookupAll } from './dns.js';
import { mapNodeError } from './errors.js';
import { Server } from './server.js';
import { asLoopCallback, SocketTransport } from './socket-transport.js';

function sslOptions(ssl: SSLOption | undefined): Record<string, unknown> | null {
  if (ssl === undefined || ssl === false || ssl === null) return null;
  if (ssl === true) return {};
  if (typeof ssl === 'object') return ssl;
  throw new TypeError('ssl must be true, false or an object of node:tls options');
}

/** Connects a TCP or TLS socket; resolves once connected (and the handshake is done). */
function connectSocket(
  options: Record<string, unknown>,
  ssl: Record<string, unknown> | null,
): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket: Socket = ssl
      ? tls.connect({ ...ssl, ...options })
      : netConnect({
          ...(options as object),
          allowHalfOpen: true,
        } as unknown as import('node:net').NetConnectOpts);
    const event = ssl ? 'secureConnect' : 'connect';
    const onError = (error: Error) => {
      socket.destroy();
      reject(mapNodeError(error));
    };
    socket.once('error', onError);
    socket.once(event, () => {
      socket.off('error', onError);
      resolve(socket);
    });
  });
}

/** Runs the protocol factory as a loop callback; its error is returned as a rejection. */
function makeProtocol<P>(loop: AbstractEventLoop, factory: ProtocolFactory<P>): P {
  let protocol: P | undefined;
  const error = asLoopCallback(loop, () => {
    protocol = factory();
  });
  if (error !== undefined) throw error;
  return protocol as P;
}

/** Wraps a connected socket and resolves `future` once `connectionMade` has run. */
function finishConnection<P extends Protocol>(
  loop: AbstractEventLoop,
  future: Future<[Transport, P]>,
  socket: Socket,
  factory: ProtocolFactory<P>,
  isTls: boolean,
): void {
  if (future.done()) {
    socket.destroy();
    return;
  }
  let protocol: P;
  try {
    protocol = makeProtocol(loop, factory);
  } catch (error) {
    socket.destroy();
    future._setExceptionUnchecked(error);
    return;
  }
  const transport = new SocketTransport(loop, socket, protocol, {
    tls: isTls,
    onMade: () => {
      if (!future.done()) future.setResult([transport, protocol]);
    },
  });
}

/** `createConnection(protocolFactory, host, port, options)`: tries every address of `host` in turn. */
export function createConnection<P extends Protocol>(
  loop: AbstractEventLoop,
  protocolFactory: ProtocolFactory<P>,
  host: string | null | undefined,
  port: number | null | undefined,
  options: CreateConnectionOptions = {},
): FutureSpec<[Transport, P]> {
  const future = new Future<[Transport, P]>(loop);
  const fail = (error: unknown) => {
    if (!future.done()) future._setExceptionUnchecked(error);
  };
  try {
    if (typeof protocolFactory !== 'function')
      throw new TypeError('createConnection: protocolFactory must be a function');
    const ssl = sslOptions(options.ssl);
    if (options.serverHostname !== undefined && ssl === null)
      throw new ValueError('serverHostname is only meaningful with ssl');
    if (options.sock !== undefined) {
      if (host != null || port != null) throw new ValueError('host and port must not be given with sock');
      const sock = options.sock as Socket;
      if (ssl !== null) {
        const secure = tls.connect({ ...ssl, socket: sock, servername: options.serverHostname });
        secure.once('secureConnect', () => finishConnection(loop, future, secure, protocolFactory, true));
        secure.once('error', (e) => fail(mapNodeError(e)));
      } else {
        finishConnection(loop, future, sock, protocolFactory, false);
      }
      return future;
    }
    if (host == null || port == null)
      throw new ValueError('createConnection: host and port are required unless sock is given');
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new TypeError(`createConnection: bad port ${port}`);
    const attempt = async (): Promise<void> => {
      const addresses = await lookupAll(host, options.family);
      const errors: Error[] = [];
      for (const a of addresses) {
        if (future.done()) return;
        const connectOptions: Record<string, unknown> = { host: a.address, port };
        if (options.localAddr) {
          connectOptions.localAddress = options.localAddr[0];
          connectOptions.localPort = options.localAddr[1] || undefined;
        }
        if (ssl !== null)
          connectOptions.servername = options.serverHostname ?? (/^[\d.:]+$/.test(host) ? undefined : host);
        try {
          const socket = await connectSocket(connectOptions, ssl);
          finishConnection(loop, future, socket, protocolFactory, ssl !== null);
          return;
        } catch (error) {
          errors.push(error as Error);
        }
      }
      if (errors.length === 1) throw errors[0];
      throw new OSError(`Multiple exceptions: ${errors.map((e) => e.message).join(', ')}`, {
        code: (errors[0] as OSError)?.code,
      });
    };
    attempt().catch(fail);
  } catch (error) {
    fail(error);
  }
  return future;
}

/** `createUnixConnection(protocolFactory, path, options)`. */
export function createUnixConnection<P extends Protocol>(
  loop: AbstractEventLoop,
  protocolFactory: ProtocolFactory<P>,
  path: string,
  options: Omit<CreateConnectionOptions, 'family' | 'localAddr'> = {},
): FutureSpec<[Transport, P]> {
  const future = new Future<[Transport, P]>(loop);
  if (typeof path !== 'string') {
    future._setExceptionUnchecked(new TypeError('createUnixConnection: path must be a string'));
    return future;
  }
  let ssl: Record<string, unknown> | null;
  try {
    ssl = sslOptions(options.ssl);
  } catch (error) {
    future._setExceptionUnchecked(error);
    return future;
  }
  connectSocket({ path, servername: options.serverHostname }, ssl).then(
    (socket) => finishConnection(loop, future, socket, protocolFactory, ssl !== null),
    (error: unknown) => {
      if (!future.done()) future._setExceptionUnchecked(error);
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
  return (socket: Socket) => {
    if (loop.isClosed()) {
      socket.destroy();
      return;
    }
    let protocol: Protocol;
    try {
      protocol = makeProtocol(loop, factory);
    } catch (error) {
      loop.callExceptionHandler({
        message: 'Error in protocol factory of a server',
        exception: error,
        socket,
      });
      socket.destroy();
      return;
    }
    new SocketTransport(loop, socket, protocol, { owner: server(), tls: isTls });
  };
}

function listenOn(server: NetServer, options: object): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(mapNodeError(error));
    server.once('error', onError);
    server.listen(options, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

/** `createServer(protocolFactory, host, port, options)`: one listener per address of `host`. */
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
    if (options.reusePort) throw new NotImplementedError('reusePort is not supported by Node.js 20');
    const ssl = sslOptions(options.ssl);
    const backlog = options.backlog ?? 100;
    let server: Server | null = null;
    const make = () => {
      const onConnection = acceptInto(loop, () => server as Server, protocolFactory, ssl !== null);
      const s = ssl
        ? tls.createServer({ ...ssl, allowHalfOpen: true } as tls.TlsOptions, onConnection)
        : netCreateServer({ allowHalfOpen: true }, onConnection);
      s.on('error', (error) =>
        loop.callExceptionHandler({ message: 'Server error', exception: mapNodeError(error) }),
      );
      return s;
    };
    let listens: { server: NetServer; options: object }[];
    if (options.sock !== undefined) {
      if (host != null || port != null) throw new ValueError('host and port must not be given with sock');
      listens = [{ server: make(), options: { handle: options.sock, backlog } }];
    } else {
      const hosts =
        host === undefined || host === null || host === '' ? [null] : Array.isArray(host) ? host : [host];
      const addresses: string[] = [];
      for (const h of hosts) {
        if (h === null) {
          addresses.push('');
          continue;
        }
        for (const a of await lookupAll(h, options.family))
          if (!addresses.includes(a.address)) addresses.push(a.address);
      }
      listens = addresses.map((address) => ({
        server: make(),
        options:
          address === ''
            ? { port: port ?? 0, backlog }
            : { host: address, port: port ?? 0, backlog, ipv6Only: address.includes(':') },
      }));
    }
    const byServer = new Map(listens.map((l) => [l.server, l.options]));
    server = new Server(
      loop,
      listens.map((l) => l.server),
      (s) => listenOn(s, byServer.get(s) as object),
    );
    if (options.startServing !== false) {
      try {
        await Promise.all(listens.map((l) => listenOn(l.server, l.options)));
      } catch (error) {
        for (const l of listens) l.server.close();
        throw error;
      }
      server._markServing();
    }
    if (future.done()) server.close();
    else future.setResult(server);
  };
  go().catch((error: unknown) => {
    if (!future.done()) future._setExceptionUnchecked(error);
  });
  return future;
}

/** `createUnixServer(protocolFactory, path, options)`: listens on a Unix socket, removed on close. */
export function createUnixServer(
  loop: AbstractEventLoop,
  protocolFactory: ProtocolFactory<Protocol>,
  path: string,
  options: Omit<CreateServerOptions, 'family' | 'reuseAddress' | 'reusePort'> = {},
): FutureSpec<Server> {
  const future = new Future<Server>(loop);
  let ssl: Record<string, unknown> | null;
  try {
    if (typeof path !== 'string') throw new TypeError('createUnixServer: path must be a string');
    ssl = sslOptions(options.ssl);
  } catch (error) {
    future._setExceptionUnchecked(error);
    return future;
  }
  let server: Server | null = null;
  const onConnection = acceptInto(loop, () => server as Server, protocolFactory, ssl !== null);
  const net = ssl
    ? tls.createServer(ssl as tls.TlsOptions, onConnection)
    : netCreateServer({ allowHalfOpen: true }, onConnection);
  const listenOptions = { path, backlog: options.backlog ?? 100 };
  server = new Server(loop, [net], (s) => listenOn(s, listenOptions), path);
  if (options.startServing === false) {
    future.setResult(server);
    return future;
  }
  listenOn(net, listenOptions).then(
    () => {
      (server as Server)._markServing();
      if (!future.done()) future.setResult(server as Server);
    },
    (error: unknown) => {
      if (!future.done()) future._setExceptionUnchecked(error);
    },
  );
  return future;
}

/**
 * `startTls(transport, protocol, sslContext, options)`: upgrades a live connection to TLS and
 * resolves to the new transport; the old one must not be used afterwards.
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
    const ssl = sslOptions(sslContext) ?? {};
    const raw = transport.getExtraInfo('socket') as Socket | undefined;
    if (raw === undefined) throw new TypeError('startTls: the transport has no socket');
    raw.removeAllListeners('data');
    raw.removeAllListeners('end');
    raw.removeAllListeners('close');
    raw.removeAllListeners('error');
    raw.removeAllListeners('drain');
    const secure = options.serverSide
      ? new tls.TLSSocket(raw, { ...ssl, isServer: true } as tls.TLSSocketOptions)
      : tls.connect({ ...ssl, socket: raw, servername: options.serverHostname });
    const ready = () => {
      if (future.done()) return;
      const upgraded = new SocketTransport(loop, secure, protocol, {
        tls: true,
        upgrade: true,
        onMade: () => {
          if (!future.done()) future.setResult(upgraded);
        },
      });
    };
    secure.once(options.serverSide ? 'secure' : 'secureConnect', ready);
    secure.once('error', (error) => {
      if (!future.done()) future._setExceptionUnchecked(mapNodeError(error));
    });
  } catch (error) {
    future._setExceptionUnchecked(error);
  }
  return future;
}
