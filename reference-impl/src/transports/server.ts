/**
 * Server: what `createServer` and `createUnixServer` return (PEP 3156 § Servers).
 *
 * Invariants: `close()` stops accepting and leaves accepted connections alone; `waitClosed()`
 * completes once the server is closed and every connection it accepted has been lost (asyncio
 * 3.12's behaviour; the PEP's text says the same).
 * @module
 */

import { lstatSync, renameSync, unlinkSync } from 'node:fs';
import type { Server as NetServer } from 'node:net';
import { CancelledError, RuntimeError } from '../exceptions.js';
import { Future } from '../futures.js';
import type { AbstractEventLoop, ServerSocket, Server as ServerSpec, SockAddr } from '../spec/events.js';
import type { Coroutine, Future as FutureSpec } from '../spec/futures.js';
import { addressTuple, type ConnectionOwner, type SocketTransport } from './socket-transport.js';

/** Device and inode of the file at `path` (not following links), or `null` if there is none. */
function identity(path: string | null): { dev: number; ino: number } | null {
  if (path === null || path.startsWith('\0')) return null; // Linux abstract namespace: no file
  try {
    const st = lstatSync(path);
    return { dev: st.dev, ino: st.ino };
  } catch {
    return null;
  }
}

/** The address of one listening socket, as the spec exposes it. */
class ListeningSocket implements ServerSocket {
  readonly #server: NetServer;
  constructor(server: NetServer) {
    this.#server = server;
  }
  /** The bound address: `[host, port]`, `[host, port, flowinfo, scopeid]` or a Unix path. */
  getsockname(): SockAddr {
    const a = this.#server.address();
    if (a === null) return '';
    if (typeof a === 'string') return a;
    return addressTuple(a.address, a.port, a.family);
  }
  /** AF_INET (2), AF_INET6 (10) or AF_UNIX (1). */
  get family(): number {
    const a = this.#server.address();
    if (typeof a === 'string') return 1;
    return a?.family === 'IPv6' ? 10 : 2;
  }
}

/**
 * A listening server.
 * @example
 * ```ts
 * import { getRunningLoop, NodeServer, Protocol, run, type Transport } from 'pep3156';
 * class Hello extends Protocol {
 *   override connectionMade(transport: Transport): void {
 *     transport.write(new TextEncoder().encode('hello\n'));
 *     transport.close();
 *   }
 * }
 * await run(async () => {
 *   const server = await getRunningLoop().createServer(() => new Hello(), '127.0.0.1', 0);
 *   console.log(server instanceof NodeServer, server.isServing()); // true true
 *   console.log(server.sockets.map((s) => s.getsockname())); // [ [ '127.0.0.1', <a free port> ] ]
 *   server.close(); // stops accepting; open connections stay open
 *   await server.waitClosed();
 * });
 * ```
 * @see {@link https://peps.python.org/pep-3156/#servers | PEP 3156 § Servers}
 */
export class Server implements ServerSpec, ConnectionOwner, AsyncDisposable {
  readonly #loop: AbstractEventLoop;
  readonly #servers: NetServer[];
  readonly #listen: (server: NetServer) => Promise<void>;
  readonly #unixPath: string | null;
  readonly #transports = new Set<SocketTransport>();
  #serving = false;
  #closed = false;
  #waiters: Future<void>[] = [];
  #serveForever: Future<void> | null = null;
  #starting: Promise<void> | null = null;
  /** Device and inode of the Unix socket file this server bound, to know it is still ours. */
  #unixIdentity: { dev: number; ino: number } | null = null;

  /** @internal */
  constructor(
    loop: AbstractEventLoop,
    servers: NetServer[],
    listen: (server: NetServer) => Promise<void>,
    unixPath: string | null = null,
  ) {
    this.#loop = loop;
    this.#servers = servers;
    this.#listen = listen;
    this.#unixPath = unixPath;
  }

  /**
   * The addresses the server listens on: empty once closed, and (on Node, which cannot bind without
   * listening) before a server created with `startServing: false` starts serving.
   */
  get sockets(): readonly ServerSocket[] {
    if (this.#closed) return [];
    return this.#servers.filter((s) => s.address() !== null).map((s) => new ListeningSocket(s));
  }

  /** Stops accepting connections; accepted connections stay open. Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#serving = false;
    if (this.#unixPath === null) for (const s of this.#servers) s.close();
    else this.#closeUnix(this.#unixPath);
    if (this.#serveForever !== null && !this.#serveForever.done()) this.#serveForever.cancel();
    this.#wakeUpIfDone();
  }

  /** Completes once the server is closed and every accepted connection is finished. */
  waitClosed(): FutureSpec<void> {
    const waiter = new Future<void>(this.#loop);
    this.#waiters.push(waiter);
    this.#wakeUpIfDone();
    return waiter;
  }

  /**
   * Whether the server accepts connections: from the `startServing()` call on (as asyncio's, which
   * listens at once; Node binds a moment later, and a start that fails makes it false again) until
   * `close()`.
   */
  isServing(): boolean {
    return this.#serving || (this.#starting !== null && !this.#closed);
  }

  /**
   * Starts accepting (for a server created with `startServing: false`). Idempotent: a server that
   * already serves, is starting or is closed completes at once (or with the start under way).
   * @throws {@link OSError} (rejects) when an address cannot be bound (Node binds only now).
   */
  startServing(): FutureSpec<void> {
    const done = new Future<void>(this.#loop);
    if (this.#serving || this.#closed) {
      done.setResult(undefined);
      return done;
    }
    if (this.#starting === null) {
      const starting = Promise.all(this.#servers.map((s) => this.#listen(s))).then(() => {
        this.#serving = !this.#closed;
      });
      this.#starting = starting;
      starting.catch(() => {
        for (const s of this.#servers) if (s.listening) s.close();
        if (this.#starting === starting) this.#starting = null;
      });
    }
    // A late completion for a closed loop is dropped: nothing may run on it any more.
    this.#starting.then(
      () => {
        if (!done.done() && !this.#loop.isClosed()) done.setResult(undefined);
      },
      (error: unknown) => {
        if (!done.done() && !this.#loop.isClosed()) done._setExceptionUnchecked(error);
      },
    );
    return done;
  }

  /**
   * Starts accepting and completes only when the server is closed; cancelling it closes the server.
   * As asyncio's `serve_forever()` coroutine run as a task: a task that waits on an inner future,
   * which `close()` cancels; the task then closes the server, waits for it to be closed and ends
   * cancelled (so whoever waits on it resumes two loop iterations after `close()`, as in asyncio).
   * @throws {@link RuntimeError} (rejects) when `serveForever()` is already running or the server is closed.
   */
  serveForever(): FutureSpec<void> {
    if (this.#serveForever !== null && !this.#serveForever.done()) {
      const failed = new Future<void>(this.#loop);
      failed._setExceptionUnchecked(
        new RuntimeError('serveForever: the server is already being awaited on serveForever()'),
      );
      return failed;
    }
    if (this.#closed) {
      const failed = new Future<void>(this.#loop);
      failed._setExceptionUnchecked(new RuntimeError('serveForever: the server is closed'));
      return failed;
    }
    const inner = new Future<void>(this.#loop);
    this.#serveForever = inner;
    const started = this.startServing(); // at the call, as asyncio's _start_serving()
    started.addDoneCallback(() => {
      if (!started.cancelled() && started.exception() !== null && !inner.done())
        inner._setExceptionUnchecked(started.exception());
    });
    const server = this;
    return this.#loop.createTask(
      (function* (): Coroutine<void> {
        try {
          yield* inner;
        } catch (error) {
          if (error instanceof CancelledError) {
            server.close();
            yield* server.waitClosed();
          }
          throw error;
        } finally {
          if (!inner.done()) inner.cancel();
        }
      })(),
    );
  }

  /** Closes every accepted connection gracefully. */
  closeClients(): void {
    for (const t of [...this.#transports]) t.close();
  }

  /** Aborts every accepted connection. */
  abortClients(): void {
    for (const t of [...this.#transports]) t.abort();
  }

  /** The loop the server belongs to. */
  getLoop(): AbstractEventLoop {
    return this.#loop;
  }

  /** `await using server = …`: closes the server and waits for it. */
  async [Symbol.asyncDispose](): Promise<void> {
    this.close();
    await this.waitClosed();
  }

  /** Notes which file the Unix socket was bound as (right after it is bound). @internal */
  _boundUnix(): void {
    this.#unixIdentity = identity(this.#unixPath);
  }

  /**
   * Closes a Unix listener and removes its socket file only if it is still ours (asyncio 3.13's
   * `cleanup_socket` compares the inode). libuv unlinks the path when the listener closes, whatever
   * is there, so a file that replaced ours is moved aside for that moment and put back.
   */
  #closeUnix(path: string): void {
    const now = identity(path);
    const ours = this.#unixIdentity;
    const replaced = now !== null && (ours === null || now.dev !== ours.dev || now.ino !== ours.ino);
    let aside: string | null = null;
    if (replaced) {
      try {
        aside = `${path}.${process.pid}.${Date.now()}.aside`;
        renameSync(path, aside);
      } catch {
        aside = null; // cannot move it (no write access to the directory): libuv cannot unlink it either
      }
    }
    for (const s of this.#servers) s.close();
    if (aside !== null) renameSync(aside, path);
    else if (!replaced) {
      try {
        unlinkSync(path);
      } catch {
        // already gone (libuv removed it)
      }
    }
  }

  /** @internal */
  _markServing(): void {
    this.#serving = !this.#closed;
  }

  /** @internal */
  _attach(transport: SocketTransport): void {
    this.#transports.add(transport);
  }

  /** @internal */
  _detach(transport: SocketTransport): void {
    this.#transports.delete(transport);
    this.#wakeUpIfDone();
  }

  #wakeUpIfDone(): void {
    if (!this.#closed || this.#transports.size > 0 || this.#loop.isClosed()) return;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const w of waiters) if (!w.done()) w.setResult(undefined);
  }
}
