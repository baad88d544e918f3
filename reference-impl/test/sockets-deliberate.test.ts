// Where the reference's socket methods are stricter than CPython (reference-level statements, see
// docs/spec/node-differences.mdx): a callback that is not a function is refused at once, and the
// sock methods refuse a socket a transport wraps at once, not only when they would have to wait.
import * as net from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { type AbstractEventLoop, newEventLoop, Protocol } from '../src/index.js';

const loops: AbstractEventLoop[] = [];
const opened: (net.Socket | net.Server)[] = [];
afterEach(() => {
  for (const s of opened.splice(0)) s instanceof net.Server ? s.close() : s.destroy();
  for (const loop of loops.splice(0)) if (!loop.isClosed()) loop.close();
});

function loopOf(): AbstractEventLoop {
  const loop = newEventLoop();
  loops.push(loop);
  return loop;
}

function listen(): Promise<[net.Server, number]> {
  const server = net.createServer();
  opened.push(server);
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve([server, (server.address() as net.AddressInfo).port])),
  );
}

function* connected(loop: AbstractEventLoop, server: net.Server, port: number) {
  const client = new net.Socket();
  opened.push(client);
  const accepting = loop.sockAccept(server);
  yield* loop.sockConnect(client, ['127.0.0.1', port]);
  const [conn] = yield* accepting;
  opened.push(conn as net.Socket);
  return { client, conn: conn as net.Socket };
}

const nameOf = (fn: () => unknown): string => {
  try {
    fn();
    return 'no error';
  } catch (e) {
    return (e as Error).name;
  }
};

it('[sockets.node.callback-type] addReader and addWriter refuse a callback that is not a function with TypeError', async () => {
  const loop = loopOf();
  const [server, port] = await listen();
  const names = await loop.runUntilComplete(
    (function* () {
      const { conn } = yield* connected(loop, server, port);
      return [
        nameOf(() => loop.addReader(conn, 'nope' as unknown as () => void)),
        nameOf(() => loop.addWriter(conn, null as unknown as () => void)),
        String(loop.removeReader(conn)),
        String(loop.removeWriter(conn)),
      ];
    })(),
  );
  expect(names).toEqual(['TypeError', 'TypeError', 'false', 'false']);
});

it('[sockets.node.exclusive-at-once] sockRecv, sockRecvInto and sockSendall refuse a wrapped socket at once, bytes waiting or not', async () => {
  const loop = loopOf();
  const [server, port] = await listen();
  const names = await loop.runUntilComplete(
    (function* () {
      const { client, conn } = yield* connected(loop, server, port);
      const [transport] = yield* loop.createConnection(() => new Protocol(), null, null, { sock: client });
      yield* loop.sockSendall(conn, new TextEncoder().encode('waiting'));
      const f = loop.createFuture<void>();
      loop.callLater(0.02, () => f.setResult(undefined));
      yield* f;
      const calls = [
        () => loop.sockRecv(client, 1),
        () => loop.sockRecvInto(client, new Uint8Array(4)),
        () => loop.sockSendall(client, new Uint8Array(1)),
      ];
      const out: string[] = [];
      for (const call of calls) {
        try {
          yield* call();
          out.push('no error');
        } catch (e) {
          out.push((e as Error).name);
        }
      }
      transport.close();
      return out;
    })(),
  );
  expect(names).toEqual(['RuntimeError', 'RuntimeError', 'RuntimeError']);
});
