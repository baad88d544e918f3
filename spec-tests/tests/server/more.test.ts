// spec-tests/tests/server/more.test.ts: PEP 3156 § Servers, § Internet connections (more options)
import { createServer as netServer, Socket } from 'node:net';
import { expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { bytes, listen, Recorder, until } from '../support/net.js';

section('server', 'Servers', () => {
  statement(
    'server.serve-forever.cancel',
    'serveForever completes only when the server is closed',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const server = yield* loop.createServer(() => new Recorder(), '127.0.0.1', 0, {
            startServing: false,
          });
          const forever = server.serveForever();
          const f = loop.createFuture<void>();
          loop.callLater(0.01, () => f.setResult(undefined));
          yield* f;
          const servingWhileRunning = server.isServing();
          const doneWhileRunning = forever.done();
          server.close();
          try {
            yield* forever;
          } catch {
            // cancelled by close(), as asyncio does
          }
          return [servingWhileRunning, doneWhileRunning, forever.done(), server.isServing()];
        })(),
      );
      expect(got).toEqual([true, false, true, false]);
    },
  );

  statement(
    'server.serve-forever.close-timing',
    'close() wakes serveForever, which ends cancelled a loop iteration later, not inside close()',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const server = yield* loop.createServer(() => new Recorder(), '127.0.0.1', 0);
          const forever = server.serveForever();
          for (let i = 0; i < 2; i++) {
            const f = loop.createFuture<void>();
            loop.callSoon(() => f.setResult(undefined));
            yield* f;
          }
          const order: string[] = [];
          forever.addDoneCallback(() => order.push('serveForever done'));
          server.close();
          const atClose = forever.done();
          loop.callSoon(() => {
            order.push('soon 1');
            loop.callSoon(() => order.push('soon 2'));
          });
          try {
            yield* forever;
          } catch {
            // cancelled by close()
          }
          yield* until(loop, () => order.length >= 3);
          return { atClose, order: order.slice(0, 3), cancelled: forever.cancelled() };
        })(),
      );
      expect(got).toEqual({
        atClose: false,
        order: ['soon 1', 'serveForever done', 'soon 2'],
        cancelled: true,
      });
    },
  );

  statement(
    'server.clients.abort',
    'abortClients() aborts every accepted connection',
    async ({ loop, run }) => {
      // Two connections, so that aborting only the first or the last one is caught.
      const clients = [new Recorder(), new Recorder()];
      await run(
        (function* () {
          const srv = yield* listen(loop);
          for (const client of clients) yield* loop.createConnection(() => client, '127.0.0.1', srv.port);
          yield* until(loop, () => srv.accepted.length === 2);
          srv.server.abortClients();
          yield* until(loop, () => clients.every((c) => c.events.includes('connectionLost')));
          srv.server.close();
        })(),
      );
      for (const client of clients) expect(client.events.at(-1)).toBe('connectionLost');
    },
  );
});

section('protocol', 'Internet connections', () => {
  statement(
    'protocol.connect.ipv6-loopback',
    'createConnection and createServer work over IPv6 loopback (::1) when the host has it',
    async ({ loop, run }) => {
      // Skip only if this host has no IPv6 loopback at all (checked with node:net, not the loop).
      const hasV6 = await new Promise<boolean>((resolve) => {
        const s = netServer();
        s.once('error', () => resolve(false));
        s.listen(0, '::1', () => s.close(() => resolve(true)));
      });
      if (!hasV6) return;
      const client = new Recorder();
      const got = await run(
        (function* () {
          const server = yield* loop.createServer(() => new Recorder(), '::1', 0);
          const [host, port] = server.sockets[0].getsockname() as [string, number];
          const [t] = yield* loop.createConnection(() => client, '::1', port);
          const peer = t.getExtraInfo('peername') as unknown[];
          t.close();
          yield* until(loop, () => client.events.includes('connectionLost'));
          server.close();
          return [host, peer.length, peer[1] === port];
        })(),
      );
      expect(got).toEqual(['::1', 4, true]);
    },
  );

  statement(
    'protocol.connect.local-addr-and-sock',
    'createConnection binds localAddr, and wraps a connected socket given as sock',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const srv = yield* listen(loop);
          const [t1] = yield* loop.createConnection(() => new Recorder(), '127.0.0.1', srv.port, {
            localAddr: ['127.0.0.1', 0],
          });
          const local = (t1.getExtraInfo('sockname') as [string, number])[0];
          t1.close();
          const raw = new Socket();
          yield* (function* () {
            const ready = loop.createFuture<void>();
            raw.connect(srv.port, '127.0.0.1', () =>
              loop.callSoonThreadsafe(() => ready.setResult(undefined)),
            );
            yield* ready;
          })();
          const wrapped = new Recorder();
          const [t2] = yield* loop.createConnection(() => wrapped, null, null, { sock: raw });
          t2.write(bytes('via sock'));
          yield* until(loop, () => srv.accepted.some((p) => (p as Recorder).text() === 'via sock'));
          t2.close();
          srv.server.close();
          return [local, wrapped.events[0]];
        })(),
      );
      expect(got).toEqual(['127.0.0.1', 'connectionMade']);
    },
  );
});
