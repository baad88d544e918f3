/**
 * Wrapped socket methods and I/O callbacks (PEP 3156 § Wrapped Socket Methods, § I/O Callbacks)
 * emulated on Node's socket objects: `net.Socket` (a connected or connecting TCP or Unix socket)
 * and `net.Server` (a listening socket), the objects that play Python's `socket` role.
 *
 * Invariants:
 * - Bytes are read out of a socket only to settle a `sockRecv`/`sockRecvInto` waiter that is not
 *   done, in the same tick: a cancelled waiter takes nothing, and what is not asked for stays in
 *   the socket's own buffer, in order, for the next call (or for a transport that wraps it later).
 * - While nothing waits on a socket and no reader is registered, this module keeps no `readable`
 *   listener on it, so the socket is in Node's paused mode and a transport may take it over
 *   (`createConnection({ sock })`); only the listeners for `error`, `end`, `close`, `connect` and
 *   `drain` stay, and they only record state (so an error never goes unhandled).
 * - Connections a listening socket accepts while no `sockAccept` waits are queued, in order.
 * - Reader and writer callbacks are level-triggered, as with `select()`: while the socket stays
 *   ready, the callback runs once per loop iteration until it is removed.
 * - Node events settle futures and schedule callbacks only while the loop is open.
 * @module
 */
import { Server as NetServer, Socket } from 'node:net';
import { BrokenPipeError, NotImplementedError, OSError, RuntimeError, ValueError } from '../exceptions.js';
import { Future } from '../futures.js';
import type { AbstractEventLoop, Callback, Handle, SockAddr } from '../spec/events.js';
import type { Future as FutureSpec } from '../spec/futures.js';
import { mapNodeError } from './errors.js';

/** A reader or writer callback, registered on one loop. */
interface Watch {
  readonly loop: AbstractEventLoop;
  readonly callback: Callback<unknown[]>;
  readonly args: unknown[];
  /** The scheduled run, if any. */
  handle: Handle | null;
}

/** A pending `sockRecv` (`into` null) or `sockRecvInto`. */
interface RecvWaiter {
  readonly future: Future<Uint8Array | number>;
  readonly n: number;
  readonly into: Uint8Array | null;
}

/** What this module keeps about one socket or listening socket. */
interface Watched {
  reader: Watch | null;
  writer: Watch | null;
  /** Whether the socket is ready for reading (data, EOF, an error, a queued connection). */
  readable(): boolean;
  /** Whether the socket can take a write without exceeding its buffer (or has failed). */
  writable(): boolean;
  /** Called when the set of waiters or watches changed. */
  update(): void;
}

/** Settles `future` unless it is done or its loop is closed. */
function settle<T>(future: Future<T>, outcome: { value: T } | { error: unknown }): void {
  if (future.done() || future.getLoop().isClosed()) return;
  if ('value' in outcome) future.setResult(outcome.value);
  else future._setExceptionUnchecked(outcome.error);
}

/** A future of `loop` that already failed with `error` (the sock methods are coroutines in asyncio). */
function failed<T>(loop: AbstractEventLoop, error: unknown): FutureSpec<T> {
  const future = new Future<T>(loop);
  future._setExceptionUnchecked(error);
  return future;
}

/** Errors of writes to a socket that is closed or shut down, as asyncio reports them. */
const BROKEN = new Set(['EPIPE', 'ERR_STREAM_DESTROYED', 'ERR_STREAM_WRITE_AFTER_END', 'ERR_SOCKET_CLOSED']);

function mapWriteError(error: unknown): Error {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (typeof code === 'string' && BROKEN.has(code) && !(error instanceof OSError))
    return new BrokenPipeError((error as Error).message, { code, cause: error });
  return mapNodeError(error);
}

// ---- Per-socket state -------------------------------------------------------------------------

/** The state of one `net.Socket`. */
class SocketState implements Watched {
  readonly sock: Socket;
  reader: Watch | null = null;
  writer: Watch | null = null;
  readonly waiters: RecvWaiter[] = [];
  /** The `end` event was emitted: every byte was read and the peer sent EOF. */
  eof = false;
  error: Error | null = null;
  #listening = false;
  readonly #onReadable = (): void => {
    // A `readable` event with nothing buffered means EOF: reading 0 bytes makes the stream emit `end`.
    if (this.sock.readableLength === 0) this.sock.read(0);
    this.update();
  };

  constructor(sock: Socket) {
    this.sock = sock;
    sock.on('error', (error: Error) => {
      this.error = mapNodeError(error);
      this.update();
    });
    sock.on('end', () => {
      this.eof = true;
      this.update();
    });
    sock.on('close', () => this.update());
    sock.on('connect', () => {
      this.error = null;
      this.eof = false;
      this.update();
    });
    sock.on('drain', () => this.update());
  }

  readable(): boolean {
    return this.sock.readableLength > 0 || this.eof || this.error !== null || this.sock.destroyed;
  }

  writable(): boolean {
    const sock = this.sock;
    if (this.error !== null || sock.destroyed) return true;
    return !sock.pending && sock.writable && !sock.writableNeedDrain;
  }

  /** Serves the waiters in order, then keeps the `readable` listener only while it is needed. */
  update(): void {
    const sock = this.sock;
    while (this.waiters.length > 0) {
      const waiter = this.waiters[0] as RecvWaiter;
      if (waiter.future.done()) {
        this.waiters.shift();
        continue;
      }
      if (waiter.future.getLoop().isClosed()) break;
      if (sock.readableLength > 0) {
        const chunk = sock.read(Math.min(waiter.n, sock.readableLength)) as Buffer | string | null;
        if (chunk === null) break;
        const data = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        this.waiters.shift();
        if (waiter.into === null) {
          settle(waiter.future, { value: new Uint8Array(data) });
        } else {
          waiter.into.set(data);
          settle(waiter.future, { value: data.length });
        }
        continue;
      }
      const empty = waiter.into === null ? new Uint8Array(0) : 0;
      if (this.eof) {
        this.waiters.shift();
        settle(waiter.future, { value: empty });
        continue;
      }
      if (this.error !== null) {
        this.waiters.shift();
        settle(waiter.future, { error: this.error });
        continue;
      }
      if (sock.destroyed) {
        this.waiters.shift();
        settle(waiter.future, { error: new OSError('sockRecv: the socket is closed', { code: 'EBADF' }) });
        continue;
      }
      break;
    }
    // Nothing buffered: ask the stream for more (or for its `end`), without taking any bytes.
    if (this.waiters.length > 0 && sock.readableLength === 0 && !this.eof && !sock.destroyed) sock.read(0);
    const wanted = this.waiters.length > 0 || this.reader !== null;
    if (wanted && !this.#listening) {
      this.#listening = true;
      sock.on('readable', this.#onReadable);
    } else if (!wanted && this.#listening) {
      this.#listening = false;
      sock.off('readable', this.#onReadable);
    }
    scheduleWatch(this, 'reader');
    scheduleWatch(this, 'writer');
  }
}

/** The state of one listening `net.Server`. */
class ServerState implements Watched {
  readonly server: NetServer;
  reader: Watch | null = null;
  writer: Watch | null = null;
  readonly queue: Socket[] = [];
  readonly waiters: Future<[conn: Socket, address: SockAddr]>[] = [];
  error: Error | null = null;
  closed = false;

  constructor(server: NetServer) {
    this.server = server;
    server.on('connection', (conn: Socket) => {
      stateOf(conn);
      this.queue.push(conn);
      this.update();
    });
    server.on('error', (error: Error) => {
      this.error = mapNodeError(error);
      this.update();
    });
    server.on('close', () => {
      this.closed = true;
      this.update();
    });
  }

  readable(): boolean {
    return this.queue.length > 0 || this.error !== null || this.closed;
  }

  writable(): boolean {
    // A listening socket is never writable; an error makes it ready, as select() reports it.
    return this.error !== null;
  }

  update(): void {
    while (this.waiters.length > 0) {
      const waiter = this.waiters[0] as Future<[Socket, SockAddr]>;
      if (waiter.done()) {
        this.waiters.shift();
        continue;
      }
      if (waiter.getLoop().isClosed()) break;
      const conn = this.queue.shift();
      if (conn !== undefined) {
        this.waiters.shift();
        settle(waiter, { value: [conn, peerAddress(conn)] as [Socket, SockAddr] });
        continue;
      }
      const error =
        this.error ??
        (this.closed ? new OSError('sockAccept: the socket is closed', { code: 'EBADF' }) : null);
      if (error === null) break;
      this.waiters.shift();
      settle(waiter, { error });
    }
    scheduleWatch(this, 'reader');
    scheduleWatch(this, 'writer');
  }
}

const states = new WeakMap<Socket | NetServer, SocketState | ServerState>();
/** The sockets each loop has a reader or writer on, so that `close()` can drop them. */
const watchedBy = new WeakMap<AbstractEventLoop, Set<Watched>>();

function stateOf(sock: Socket): SocketState;
function stateOf(sock: NetServer): ServerState;
function stateOf(sock: Socket | NetServer): SocketState | ServerState {
  let state = states.get(sock);
  if (state === undefined) {
    state = sock instanceof Socket ? new SocketState(sock) : new ServerState(sock);
    states.set(sock, state);
  }
  return state;
}

/** The peer address of an accepted connection, as asyncio gives it: `[host, port]`, 4 items for IPv6, `''` for Unix. */
function peerAddress(conn: Socket): SockAddr {
  const host = conn.remoteAddress;
  const port = conn.remotePort;
  if (host === undefined || port === undefined) return '';
  return conn.remoteFamily === 'IPv6' ? [host, port, 0, 0] : [host, port];
}

// ---- Reader and writer callbacks ----------------------------------------------------------

/** Schedules one run of the reader (or writer) if the socket is ready and none is scheduled. */
function scheduleWatch(state: Watched, kind: 'reader' | 'writer'): void {
  const watch = state[kind];
  if (watch === null || watch.handle !== null || watch.loop.isClosed()) return;
  if (!(kind === 'reader' ? state.readable() : state.writable())) return;
  watch.handle = watch.loop.callSoon(() => {
    watch.handle = null;
    if (state[kind] !== watch) return;
    if (!(kind === 'reader' ? state.readable() : state.writable())) return;
    try {
      watch.callback(...watch.args);
    } finally {
      // Level-triggered: still ready, so run again next iteration. An error the callback threw
      // goes on to the loop's exception handler, as for any callback.
      scheduleWatch(state, kind);
    }
  });
}

type Watchable = Socket | NetServer;

/** The socket object behind `fd`, or the error that says why it is not one. */
function watchable(method: string, fd: unknown): Watchable {
  if (fd instanceof Socket || fd instanceof NetServer) return fd;
  if (typeof fd === 'number' || typeof (fd as { fileno?: unknown } | null)?.fileno === 'function')
    throw new NotImplementedError(
      `${method}: Node.js cannot watch a file descriptor for readiness; pass the net.Socket or ` +
        'net.Server itself, or wrap the descriptor in a transport (connectReadPipe, connectWritePipe, ' +
        'createConnection({ sock }))',
    );
  // asyncio's _ensure_fd_no_transport: "Invalid file object" is a ValueError.
  throw new ValueError(
    `${method}: invalid file object: expected a net.Socket or a net.Server, got ${describe(fd)}`,
  );
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'object';
  return typeof value;
}

/**
 * `addReader`/`addWriter`: calls `callback(...args)` whenever `fd` is ready; replaces an earlier
 * callback of the same kind for it.
 */
export function addWatch(
  loop: AbstractEventLoop,
  kind: 'reader' | 'writer',
  fd: unknown,
  callback: Callback<unknown[]>,
  args: unknown[],
): void {
  const method = kind === 'reader' ? 'addReader' : 'addWriter';
  const sock = watchable(method, fd);
  // asyncio checks the callback only in debug mode; the reference always does (reference-level).
  if (typeof callback !== 'function')
    throw new TypeError(`${method}: callback must be a function, got ${describe(callback)}`);
  if (loop.isClosed()) throw new RuntimeError(`${method}: the event loop is closed`);
  if (sock instanceof Socket) checkNoTransport(method, sock);
  const state = sock instanceof Socket ? stateOf(sock) : stateOf(sock);
  removeWatch(loop, kind, sock);
  state[kind] = { loop, callback, args, handle: null };
  let watched = watchedBy.get(loop);
  if (watched === undefined) {
    watched = new Set();
    watchedBy.set(loop, watched);
  }
  watched.add(state);
  state.update();
}

/** `removeReader`/`removeWriter`: whether a callback of this loop was removed. */
export function removeWatch(loop: AbstractEventLoop, kind: 'reader' | 'writer', fd: unknown): boolean {
  const sock = watchable(kind === 'reader' ? 'removeReader' : 'removeWriter', fd);
  const state = states.get(sock);
  const watch = state?.[kind];
  if (state === undefined || watch === null || watch === undefined || watch.loop !== loop) return false;
  watch.handle?.cancel();
  state[kind] = null;
  if (state.reader?.loop !== loop && state.writer?.loop !== loop) watchedBy.get(loop)?.delete(state);
  state.update();
  return true;
}

/** Drops every reader and writer `loop` registered (its `close()`). */
export function closeWatches(loop: AbstractEventLoop): void {
  const watched = watchedBy.get(loop);
  if (watched === undefined) return;
  watchedBy.delete(loop);
  for (const state of watched) {
    for (const kind of ['reader', 'writer'] as const) {
      if (state[kind]?.loop === loop) state[kind] = null;
    }
    state.update();
  }
}

// ---- Wrapped socket methods ---------------------------------------------------------------

function checkSocket(method: string, sock: unknown): asserts sock is Socket {
  if (!(sock instanceof Socket))
    throw new TypeError(`${method}: sock must be a net.Socket, got ${describe(sock)}`);
}

/**
 * Refuses a socket that a live transport reads (asyncio's `_ensure_fd_no_transport`): on Node, one
 * that has `data` listeners and is not destroyed. Reading it here too would steal the transport's bytes.
 */
function checkNoTransport(method: string, sock: Socket): void {
  if (sock.listenerCount('data') > 0 && !sock.destroyed)
    throw new RuntimeError(`${method}: the socket is used by a transport (or read in flowing mode)`);
}

function checkSize(method: string, n: unknown): asserts n is number {
  if (typeof n !== 'number' || !Number.isInteger(n))
    throw new TypeError(`${method}: n must be an integer number of bytes, got ${describe(n)}`);
  if (n < 0) throw new ValueError(`${method}: n must not be negative, got ${n}`);
}

function recv<T extends Uint8Array | number>(
  loop: AbstractEventLoop,
  sock: Socket,
  n: number,
  into: Uint8Array | null,
): FutureSpec<T> {
  const future = new Future<T>(loop);
  if (n === 0) {
    future.setResult((into === null ? new Uint8Array(0) : 0) as T);
    return future;
  }
  const state = stateOf(sock);
  state.waiters.push({ future: future as unknown as Future<Uint8Array | number>, n, into });
  // A cancelled waiter leaves the queue, and the socket stops being read if nothing else waits.
  future.addDoneCallback(() => {
    if (future.cancelled()) state.update();
  });
  state.update();
  return future;
}

/** `sockRecv(sock, n)`: up to `n` bytes already received, or the next ones; empty at EOF. */
export function sockRecv(loop: AbstractEventLoop, sock: unknown, n: number): FutureSpec<Uint8Array> {
  try {
    checkSocket('sockRecv', sock);
    checkSize('sockRecv', n);
    checkNoTransport('sockRecv', sock);
  } catch (error) {
    return failed(loop, error);
  }
  return recv<Uint8Array>(loop, sock, n, null);
}

/** `sockRecvInto(sock, buf)`: like `sockRecv(sock, buf.length)`, into `buf`; the number of bytes. */
export function sockRecvInto(loop: AbstractEventLoop, sock: unknown, buf: Uint8Array): FutureSpec<number> {
  try {
    checkSocket('sockRecvInto', sock);
    if (!(buf instanceof Uint8Array))
      throw new TypeError(`sockRecvInto: buf must be a Uint8Array, got ${describe(buf)}`);
    checkNoTransport('sockRecvInto', sock);
  } catch (error) {
    return failed(loop, error);
  }
  return recv<number>(loop, sock, buf.length, buf);
}

/**
 * `sockSendall(sock, data)`: resolves once Node has taken all of `data`: at once when libuv wrote it
 * synchronously, else when its write callback runs.
 */
export function sockSendall(loop: AbstractEventLoop, sock: unknown, data: Uint8Array): FutureSpec<void> {
  try {
    checkSocket('sockSendall', sock);
    if (!(data instanceof Uint8Array))
      throw new TypeError(`sockSendall: data must be a Uint8Array, got ${describe(data)}`);
    checkNoTransport('sockSendall', sock);
  } catch (error) {
    return failed(loop, error);
  }
  const state = stateOf(sock);
  if (state.error !== null) return failed(loop, state.error);
  const future = new Future<void>(loop);
  if (data.length === 0) {
    future.setResult(undefined);
    return future;
  }
  sock.write(data, (error?: Error | null) => {
    if (error) settle(future, { error: mapWriteError(error) });
    else settle(future, { value: undefined });
  });
  // libuv wrote everything at once (Node defers only the callback): done now, as asyncio's
  // sock_sendall returns without suspending when sock.send() takes all of data.
  if (sock.writableLength === 0 && !sock.connecting && !sock.destroyed && state.error === null)
    settle(future, { value: undefined });
  return future;
}

/** The connect options for `address`, or the error that says what is wrong with it. */
function connectTarget(address: unknown): { path: string } | { host: string; port: number } {
  if (typeof address === 'string') return { path: address };
  if (!Array.isArray(address) || (address.length !== 2 && address.length !== 4))
    throw new TypeError(
      'sockConnect: address must be [host, port], [host, port, flowinfo, scopeid] or a path',
    );
  const [host, port] = address as unknown[];
  if (typeof host !== 'string')
    throw new TypeError(`sockConnect: host must be a string, got ${describe(host)}`);
  if (typeof port !== 'number' || !Number.isInteger(port))
    throw new TypeError(`sockConnect: port must be an integer, got ${describe(port)}`);
  if (port < 0 || port > 65535) throw new ValueError(`sockConnect: port must be 0-65535, got ${port}`);
  return { host, port };
}

/** `sockConnect(sock, address)`: connects an unconnected `net.Socket` to `[host, port]` or a path. */
export function sockConnect(loop: AbstractEventLoop, sock: unknown, address: SockAddr): FutureSpec<void> {
  let target: ReturnType<typeof connectTarget>;
  try {
    checkSocket('sockConnect', sock);
    target = connectTarget(address);
    if (sock.connecting)
      throw new OSError('sockConnect: the socket is already connecting', { code: 'EALREADY' });
    if (!sock.pending) throw new OSError('sockConnect: the socket is already connected', { code: 'EISCONN' });
  } catch (error) {
    return failed(loop, error);
  }
  stateOf(sock);
  const future = new Future<void>(loop);
  const onConnect = (): void => {
    sock.off('error', onError);
    settle(future, { value: undefined });
  };
  const onError = (error: Error): void => {
    sock.off('connect', onConnect);
    settle(future, { error: mapNodeError(error) });
  };
  sock.once('connect', onConnect);
  sock.once('error', onError);
  try {
    sock.connect(target);
  } catch (error) {
    sock.off('connect', onConnect);
    sock.off('error', onError);
    settle(future, { error: mapNodeError(error) });
  }
  return future;
}

/** `sockAccept(server)`: the next connection a listening `net.Server` accepted, with its peer address. */
export function sockAccept(
  loop: AbstractEventLoop,
  server: unknown,
): FutureSpec<[conn: unknown, address: SockAddr]> {
  if (!(server instanceof NetServer))
    return failed(
      loop,
      new TypeError(`sockAccept: sock must be a listening net.Server, got ${describe(server)}`),
    );
  const state = stateOf(server);
  const future = new Future<[conn: Socket, address: SockAddr]>(loop);
  state.waiters.push(future);
  state.update();
  return future;
}
