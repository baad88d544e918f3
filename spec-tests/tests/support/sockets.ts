/**
 * Helpers for the sockets section: socket objects from the adapter's hooks, connected pairs made
 * with the loop's own `sockConnect`/`sockAccept`, and a way to read a bad call's error whether the
 * loop throws it or rejects the returned future.
 * @module
 */
import type { AbstractEventLoop, Coroutine, Future } from 'pep3156/spec';
import type { ConformanceAdapter, SocketHooks } from '../../src/adapter.js';

/** The adapter's socket hooks; the section cannot run without them. */
export function hooksOf(adapter: ConformanceAdapter): SocketHooks {
  if (adapter.sockets === undefined)
    throw new Error("the sockets section needs adapter.sockets (or declare 'sockets' unsupported)");
  return adapter.sockets;
}

/** A listening socket, closed by `closeAll`. */
export async function listening(h: SocketHooks, opened: unknown[]): Promise<{ sock: unknown; port: number }> {
  const listener = await h.listenTcp();
  opened.push(listener.sock);
  return listener;
}

/**
 * Runs `body` with the adapter's hooks, a listening socket and the list of sockets to close, then
 * closes them all, whether `body` passed or failed.
 */
export async function withListener(
  adapter: ConformanceAdapter,
  body: (h: SocketHooks, listener: { sock: unknown; port: number }, opened: unknown[]) => Promise<void>,
): Promise<void> {
  const h = hooksOf(adapter);
  const opened: unknown[] = [];
  const listener = await listening(h, opened);
  try {
    await body(h, listener, opened);
  } finally {
    closeAll(h, opened);
  }
}

/** A connected pair: `client` (made by the hook, connected with sockConnect) and `conn` (accepted). */
export function* connectedPair(
  loop: AbstractEventLoop,
  h: SocketHooks,
  listener: { sock: unknown; port: number },
  opened: unknown[],
): Coroutine<{ client: unknown; conn: unknown }> {
  const client = h.newTcpSocket();
  opened.push(client);
  const accepting = loop.sockAccept(listener.sock);
  yield* loop.sockConnect(client, ['127.0.0.1', listener.port]);
  const [conn] = yield* accepting;
  opened.push(conn);
  return { client, conn };
}

/** Closes every socket in `opened`, the last opened first. */
export function closeAll(h: SocketHooks, opened: unknown[]): void {
  for (const sock of opened.reverse()) h.close(sock);
  opened.length = 0;
}

/** Receives from `sock` until `total` bytes have come (or EOF), checking each call's bound `n`. */
export function* recvAll(
  loop: AbstractEventLoop,
  sock: unknown,
  total: number,
  n = 65536,
): Coroutine<Uint8Array> {
  const parts: Uint8Array[] = [];
  let got = 0;
  while (got < total) {
    const chunk = yield* loop.sockRecv(sock, n);
    if (chunk.length === 0) break;
    if (chunk.length > n) throw new Error(`sockRecv(sock, ${n}) returned ${chunk.length} bytes`);
    parts.push(chunk);
    got += chunk.length;
  }
  const all = new Uint8Array(got);
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return all;
}

/**
 * The error of a call that must fail: what it throws, or what its returned future fails with (the
 * sock methods are coroutines in asyncio, so a loop may report bad arguments either way).
 */
export function* failureOf(loop: AbstractEventLoop, call: () => Future<unknown>): Coroutine<unknown> {
  let future: Future<unknown>;
  try {
    future = call();
  } catch (error) {
    return error;
  }
  const settled = loop.createFuture<unknown>();
  future.addDoneCallback((f) => {
    if (f.cancelled()) settled.setResult(new Error('the future was cancelled'));
    else settled.setResult(f.exception() ?? new Error('expected a failure, but the call succeeded'));
  });
  return yield* settled;
}

/** Lets `count` loop iterations pass (a callback that is ready runs once in each). */
export function* iterations(loop: AbstractEventLoop, count: number): Coroutine<void> {
  for (let i = 0; i < count; i++) {
    const f = loop.createFuture<void>();
    loop.callSoon(() => f.setResult(undefined));
    yield* f;
  }
}

/** Text of bytes. */
export const text = (data: Uint8Array): string => new TextDecoder().decode(data);
