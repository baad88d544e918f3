// The reference's wrapped socket methods and I/O callbacks on Node's socket objects, beyond the
// suite: which objects they take, what a numeric file descriptor gets, and the errors of misuse;
// and where they are stricter than CPython (reference-level statements, see docs/spec/node-differences.mdx):
// a callback that is not a function is refused at once, and the sock methods refuse a socket a
// transport wraps at once, not only when they would have to wait.
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

it('[sockets.node.objects] the methods take net.Socket and net.Server; sockAccept gives a net.Socket', async () => {
  const loop = loopOf();
  const [server, port] = await listen();
  const out = await loop.runUntilComplete(
    (function* () {
      const { client, conn } = yield* connected(loop, server, port);
      yield* loop.sockSendall(conn, new TextEncoder().encode('hi'));
      const got = yield* loop.sockRecv(client, 10);
      return { conn, got: new TextDecoder().decode(got) };
    })(),
  );
  expect(out.conn).toBeInstanceOf(net.Socket);
  expect(out.got).toBe('hi');
});

it('[sockets.node.fd] a numeric fd or an object with fileno() gets NotImplementedError, saying what to use', () => {
  const loop = loopOf();
  const cb = () => {};
  const cases: [string, () => unknown][] = [
    ['addReader', () => loop.addReader(0, cb)],
    ['addWriter', () => loop.addWriter(1, cb)],
    ['removeReader', () => loop.removeReader(0)],
    ['removeWriter', () => loop.removeWriter({ fileno: () => 1 })],
  ];
  for (const [name, call] of cases) {
    let error: unknown;
    try {
      call();
    } catch (e) {
      error = e;
    }
    expect((error as Error)?.name, name).toBe('NotImplementedError');
    expect((error as Error).message, name).toMatch(/net\.Socket/);
  }
});

it('[sockets.node.errors] sendall after close is a BrokenPipeError; connecting a connected socket an OSError; bad sizes a ValueError', async () => {
  const loop = loopOf();
  const [server, port] = await listen();
  const out = await loop.runUntilComplete(
    (function* () {
      const { client } = yield* connected(loop, server, port);
      const names: string[] = [];
      const fail = function* (f: ReturnType<typeof loop.sockRecv> | ReturnType<typeof loop.sockConnect>) {
        try {
          yield* f;
          names.push('resolved');
        } catch (e) {
          names.push((e as Error).name);
        }
      };
      yield* fail(loop.sockConnect(client, ['127.0.0.1', port]));
      yield* fail(loop.sockRecv(client, -1));
      yield* fail(loop.sockConnect(new net.Socket(), ['127.0.0.1', 70000]));
      client.destroy();
      yield* fail(loop.sockSendall(client, new Uint8Array(3)));
      yield* fail(loop.sockRecv(client, 3));
      return names;
    })(),
  );
  expect(out).toEqual(['OSError', 'ValueError', 'ValueError', 'BrokenPipeError', 'OSError']);
});

it('[sockets.node.close] close() drops the loop\u2019s readers and writers, and the socket can still be read', async () => {
  const loop = loopOf();
  const [server, port] = await listen();
  const { client, conn } = await loop.runUntilComplete(connected(loop, server, port));
  loop.addReader(conn, () => {});
  loop.addWriter(conn, () => {});
  loop.close();
  const other = loopOf();
  expect(other.removeReader(conn)).toBe(false);
  client.write('after');
  const got = await other.runUntilComplete(other.sockRecv(conn, 10));
  expect(new TextDecoder().decode(got)).toBe('after');
});

it('[sockets.node.objects] a Unix socket path works with sockConnect, and sockAccept gives the address ""', async () => {
  const loop = loopOf();
  const path = `/tmp/pep3156-sockets-${process.pid}-${Date.now()}.sock`;
  const server = net.createServer();
  opened.push(server);
  await new Promise<void>((resolve) => server.listen(path, resolve));
  const out = await loop.runUntilComplete(
    (function* () {
      const client = new net.Socket();
      opened.push(client);
      const accepting = loop.sockAccept(server);
      yield* loop.sockConnect(client, path);
      const [conn, address] = yield* accepting;
      opened.push(conn as net.Socket);
      return address;
    })(),
  );
  expect(out).toBe('');
});

it('[sockets.node.errors] a reset by the peer fails a waiting sockRecv with ConnectionResetError and makes a reader ready', async () => {
  const loop = loopOf();
  const [server, port] = await listen();
  const out = await loop.runUntilComplete(
    (function* () {
      const { client, conn } = yield* connected(loop, server, port);
      let readerCalls = 0;
      loop.addReader(client, () => {
        readerCalls += 1;
        loop.removeReader(client);
      });
      const waiting = loop.sockRecv(client, 10);
      conn.resetAndDestroy();
      let name = 'resolved';
      try {
        yield* waiting;
      } catch (e) {
        name = (e as Error).name;
      }
      const f = loop.createFuture<void>();
      loop.callLater(0.01, () => f.setResult(undefined));
      yield* f;
      return { name, readerCalls };
    })(),
  );
  expect(out.name).toBe('ConnectionResetError');
  expect(out.readerCalls).toBe(1);
});

it('[sockets.node.objects] a writer waits while the socket\u2019s buffer is over its limit, and runs after drain', async () => {
  const loop = loopOf();
  const [server, port] = await listen();
  const out = await loop.runUntilComplete(
    (function* () {
      const { client, conn } = yield* connected(loop, server, port);
      conn.pause();
      const sending = loop.sockSendall(client, new Uint8Array(8 * 1024 * 1024));
      const needDrain = client.writableNeedDrain;
      let calls = 0;
      loop.addWriter(client, () => {
        calls += 1;
      });
      const f = loop.createFuture<void>();
      loop.callLater(0.02, () => f.setResult(undefined));
      yield* f;
      const whileFull = calls;
      conn.resume();
      yield* sending;
      // Bounded by loop time: a writer that is never called fails here, not by the test timeout.
      for (const deadline = loop.time() + 4; calls === 0; ) {
        if (loop.time() > deadline) throw new Error('the writer never ran after drain');
        const g = loop.createFuture<void>();
        loop.callLater(0.002, () => g.setResult(undefined));
        yield* g;
      }
      loop.removeWriter(client);
      return { needDrain, whileFull };
    })(),
  );
  expect(out.needDrain).toBe(true);
  expect(out.whileFull).toBe(0);
});

// ---- stricter than CPython (reference-level statements)

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
