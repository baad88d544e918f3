/**
 * Streams (PEP 3156 § Convenience Utilities; asyncio's streams module): `StreamReader`,
 * `StreamWriter`, `openConnection`, `startServer` and their Unix twins, built on the loop's
 * public transport methods.
 *
 * Every blocking method returns a Future: `yield*` it in a generator coroutine, `await` it in an
 * async function. Imports no `node:` module.
 * @module
 */
import { getRunningLoop } from './events/running-loop.js';
import { Future } from './futures.js';
import type {
  AbstractEventLoop,
  CreateConnectionOptions,
  CreateServerOptions,
  Server,
} from './spec/events.js';
import type { Future as FutureSpec } from './spec/futures.js';
import { StreamReader } from './stream-reader.js';
import { type ClientConnected, StreamReaderProtocol, StreamWriter } from './stream-writer.js';

export { DEFAULT_LIMIT, StreamReader, type StreamReaderOptions } from './stream-reader.js';
export {
  type ClientConnected,
  StreamReaderProtocol,
  type StreamStartTlsOptions,
  StreamWriter,
} from './stream-writer.js';

/** Options of {@link openConnection} and {@link startServer}: the reader limit plus the loop's options. */
export interface StreamOptions {
  /**
   * The StreamReader buffer limit.
   * @defaultValue 65536 (64 KiB)
   */
  limit?: number;
  /** The loop; default: the running loop. */
  loop?: AbstractEventLoop;
}

function chain<A, B>(loop: AbstractEventLoop, source: FutureSpec<A>, map: (a: A) => B): FutureSpec<B> {
  const out = new Future<B>(loop);
  source.addDoneCallback(() => {
    if (out.done()) return;
    if (source.cancelled()) {
      out.cancel();
      return;
    }
    const error = source.exception();
    if (error !== null) out.setException(error);
    else out.setResult(map(source.result()));
  });
  out.addDoneCallback(() => {
    if (out.cancelled()) source.cancel();
  });
  return out;
}

/**
 * Connects to `host:port` (the loop's `createConnection`, with its options such as `ssl`, or `sock`
 * with `host` and `port` null) and resolves to `[reader, writer]`.
 * @throws (from the Future) what `createConnection` fails with, e.g. ConnectionRefusedError.
 * @example
 * ```ts
 * import { openConnection, run } from 'pep3156';
 * async function main(): Promise<string> {
 *   const [reader, writer] = await openConnection('python.org', 80);
 *   writer.write(new TextEncoder().encode('HEAD / HTTP/1.0\r\nHost: python.org\r\n\r\n'));
 *   const status = new TextDecoder().decode(await reader.readline());
 *   writer.close();
 *   await writer.waitClosed();
 *   return status.trimEnd();
 * }
 * console.log(await run(main)); // HTTP/1.0 200 OK, or whatever the server answers
 * ```
 * @see {@link https://peps.python.org/pep-3156/#convenience-utilities | PEP 3156 § Convenience Utilities}
 */
export function openConnection(
  host: string | null,
  port: number | null,
  options: StreamOptions & CreateConnectionOptions = {},
): FutureSpec<[StreamReader, StreamWriter]> {
  const { limit, loop: given, ...rest } = options;
  const loop = given ?? getRunningLoop();
  const reader = new StreamReader({ limit, loop });
  const protocol = new StreamReaderProtocol(reader, null, loop);
  return chain(
    loop,
    loop.createConnection(() => protocol, host, port, rest),
    ([transport]) => [reader, new StreamWriter(transport, protocol, reader, loop)],
  );
}

/**
 * Starts a server (the loop's `createServer`, with its options such as `ssl`) that calls
 * `clientConnected(reader, writer)` for each connection; a generator coroutine it returns runs as a
 * task, and a Promise (an async function) is watched.
 * @example
 * ```ts
 * import { type Coroutine, run, startServer, type StreamReader, type StreamWriter } from 'pep3156';
 * function* echo(reader: StreamReader, writer: StreamWriter): Coroutine<void> {
 *   // One task per connection: echo each line until the client closes.
 *   for (;;) {
 *     const line = yield* reader.readline();
 *     if (line.length === 0) break;
 *     writer.write(line);
 *     yield* writer.drain();
 *   }
 *   writer.close();
 * }
 * await run(async () => {
 *   const server = await startServer(echo, '127.0.0.1', 8888);
 *   console.log('serving on', server.sockets[0].getsockname()); // [ '127.0.0.1', 8888 ]
 *   await server.serveForever(); // until the task is cancelled (Ctrl-C)
 * });
 * ```
 * @see {@link https://peps.python.org/pep-3156/#convenience-utilities | PEP 3156 § Convenience Utilities}
 */
export function startServer(
  clientConnected: ClientConnected,
  host: string | string[] | null,
  port: number | null,
  options: StreamOptions & CreateServerOptions = {},
): FutureSpec<Server> {
  const { limit, loop: given, ...rest } = options;
  const loop = given ?? getRunningLoop();
  return loop.createServer(
    () => new StreamReaderProtocol(new StreamReader({ limit, loop }), clientConnected, loop),
    host,
    port,
    rest,
  );
}

/**
 * Connects to the Unix socket at `path` and resolves to `[reader, writer]`.
 * @example
 * ```ts
 * import { tmpdir } from 'node:os';
 * import path from 'node:path';
 * import { openUnixConnection, run, startUnixServer } from 'pep3156';
 * const socketPath = path.join(tmpdir(), `greeter-${process.pid}.sock`);
 * async function main(): Promise<string> {
 *   const server = await startUnixServer((_reader, writer) => {
 *     writer.write(new TextEncoder().encode('hello over a Unix socket\n'));
 *     writer.close();
 *   }, socketPath);
 *   const [reader, writer] = await openUnixConnection(socketPath);
 *   const line = new TextDecoder().decode(await reader.readline());
 *   writer.close();
 *   server.close();
 *   await server.waitClosed();
 *   return line.trimEnd();
 * }
 * console.log(await run(main)); // hello over a Unix socket
 * ```
 * @see {@link https://peps.python.org/pep-3156/#convenience-utilities | PEP 3156 § Convenience Utilities}
 */
export function openUnixConnection(
  path: string,
  options: StreamOptions & Omit<CreateConnectionOptions, 'family' | 'localAddr' | 'sock'> = {},
): FutureSpec<[StreamReader, StreamWriter]> {
  const { limit, loop: given, ...rest } = options;
  const loop = given ?? getRunningLoop();
  const reader = new StreamReader({ limit, loop });
  const protocol = new StreamReaderProtocol(reader, null, loop);
  return chain(
    loop,
    loop.createUnixConnection(() => protocol, path, rest),
    ([transport]) => [reader, new StreamWriter(transport, protocol, reader, loop)],
  );
}

/**
 * Starts a server on the Unix socket at `path`, as {@link startServer} does on TCP.
 * @example
 * ```ts
 * import { tmpdir } from 'node:os';
 * import path from 'node:path';
 * import { run, startUnixServer, type StreamReader, type StreamWriter } from 'pep3156';
 * async function handle(reader: StreamReader, writer: StreamWriter): Promise<void> {
 *   const request = new TextDecoder().decode(await reader.readline());
 *   writer.write(new TextEncoder().encode(`you said ${request}`));
 *   writer.close();
 * }
 * await run(async () => {
 *   const server = await startUnixServer(handle, path.join(tmpdir(), 'app.sock'));
 *   await server.serveForever();
 * });
 * ```
 * @see {@link https://peps.python.org/pep-3156/#convenience-utilities | PEP 3156 § Convenience Utilities}
 */
export function startUnixServer(
  clientConnected: ClientConnected,
  path: string,
  options: StreamOptions & Omit<CreateServerOptions, 'family' | 'reuseAddress' | 'reusePort' | 'sock'> = {},
): FutureSpec<Server> {
  const { limit, loop: given, ...rest } = options;
  const loop = given ?? getRunningLoop();
  return loop.createUnixServer(
    () => new StreamReaderProtocol(new StreamReader({ limit, loop }), clientConnected, loop),
    path,
    rest,
  );
}
