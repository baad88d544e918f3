// The argument checks the reference makes beyond asyncio's in createConnection and createServer:
// TypeError (and NotImplementedError for reusePort) before any socket call, where asyncio raises
// OverflowError or AttributeError from the socket call, truncates, or checks the factory only when
// it calls it. Reference-level statements (docs/spec/connections.mdx, docs/spec/servers.mdx).
import type { Socket } from 'node:net';
import { expect, it } from 'vitest';
import {
  type AbstractEventLoop,
  type BaseProtocol,
  type Coroutine,
  type Future,
  newEventLoop,
  Protocol,
  type Server,
  type Transport,
} from '../src/index.js';

type Outcome = Record<string, string>;

/** Runs each call in a task of `loop` (then closed) and names what it failed with ('ok' when it did not). */
async function outcomes(
  loop: AbstractEventLoop,
  cases: (port: number) => [string, () => Coroutine<{ close(): void }>][],
): Promise<Outcome> {
  try {
    return await loop.runUntilComplete(
      loop.createTask(
        (function* (): Coroutine<Outcome> {
          const server = yield* loop.createServer(() => new Protocol(), '127.0.0.1', 0);
          const [, port] = server.sockets[0].getsockname() as [string, number];
          const out: Outcome = {};
          for (const [what, call] of cases(port)) {
            try {
              const made = yield* call();
              made.close();
              out[what] = 'ok';
            } catch (e) {
              out[what] = e instanceof Error ? e.name : typeof e;
            }
          }
          server.close();
          yield* server.waitClosed();
          return out;
        })(),
      ),
    );
  } finally {
    loop.close();
  }
}

it('[connect.ref.argument-types] createConnection: TypeError for a bad port, a sock that is not a net.Socket, a factory that is not a function', async () => {
  const loop = newEventLoop();
  const f = () => new Protocol();
  const got = await outcomes(loop, (port) => [
    ['port 70000', () => wrap(loop.createConnection(f, '127.0.0.1', 70000))],
    ['port 1.5', () => wrap(loop.createConnection(f, '127.0.0.1', 1.5))],
    ['sock not a socket', () => wrap(loop.createConnection(f, null, null, { sock: {} as Socket }))],
    ['factory', () => wrap(loop.createConnection(42 as unknown as () => Protocol, '127.0.0.1', port))],
  ]);
  expect(got).toEqual({
    'port 70000': 'TypeError',
    'port 1.5': 'TypeError',
    'sock not a socket': 'TypeError',
    factory: 'TypeError',
  });
});

it('[server.ref.create-arguments] createServer: NotImplementedError for reusePort; TypeError for a negative backlog, a bad port, a factory that is not a function', async () => {
  const loop = newEventLoop();
  const f = () => new Protocol();
  const got = await outcomes(loop, () => [
    ['reusePort', () => serving(loop.createServer(f, '127.0.0.1', 0, { reusePort: true }))],
    ['backlog -1', () => serving(loop.createServer(f, '127.0.0.1', 0, { backlog: -1 }))],
    ['port 70000', () => serving(loop.createServer(f, '127.0.0.1', 70000))],
    ['factory', () => serving(loop.createServer(null as unknown as () => Protocol, '127.0.0.1', 0))],
  ]);
  expect(got).toEqual({
    reusePort: 'NotImplementedError',
    'backlog -1': 'TypeError',
    'port 70000': 'TypeError',
    factory: 'TypeError',
  });
});

/** A createConnection future as a coroutine that returns the transport (closable). */
function* wrap(future: Future<[Transport, BaseProtocol]>): Coroutine<Transport> {
  const [t] = yield* future;
  return t;
}

/** A createServer future as a coroutine that returns the server. */
function* serving(future: Future<Server>): Coroutine<Server> {
  return yield* future;
}
