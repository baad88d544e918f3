// spec-tests/tests/server/server.test.ts: PEP 3156 § Servers
// > close(): Stop listening for new connections. ... wait_closed(): A coroutine that blocks until the
// > server is closed and all connections are dropped.
import { expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { errorName } from '../support/index.js';
import { listen, Recorder, until } from '../support/net.js';

section('server', 'Servers', () => {
  statement(
    'server.sockets.address',
    'a server listening on port 0 reports its bound address in sockets',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const srv = yield* listen(loop);
          const out = [
            srv.server.sockets.length,
            srv.server.sockets[0].getsockname(),
            srv.server.isServing(),
            srv.server.getLoop() === loop,
          ];
          srv.server.close();
          return out;
        })(),
      );
      expect(got[0]).toBeGreaterThanOrEqual(1);
      expect((got[1] as [string, number])[0]).toBe('127.0.0.1');
      expect((got[1] as [string, number])[1]).toBeGreaterThan(0);
      expect(got.slice(2)).toEqual([true, true]);
    },
  );

  statement(
    'server.close.keeps-connections',
    'close() stops accepting but leaves accepted connections working',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const srv = yield* listen(loop);
          const client = new Recorder();
          const [t] = yield* loop.createConnection(() => client, '127.0.0.1', srv.port);
          yield* until(loop, () => srv.accepted.length === 1);
          srv.server.close();
          const serving = srv.server.isServing();
          let refused = 'connected';
          try {
            yield* loop.createConnection(() => new Recorder(), '127.0.0.1', srv.port);
          } catch (e) {
            refused = errorName(e);
          }
          (srv.accepted[0] as Recorder).transport?.write(new TextEncoder().encode('still open'));
          yield* until(loop, () => client.text() === 'still open');
          t.close();
          return [serving, refused, client.text()];
        })(),
      );
      expect(got).toEqual([false, 'ConnectionRefusedError', 'still open']);
    },
  );

  statement(
    'server.wait-closed.connections',
    'waitClosed completes only once the server is closed and its connections are gone',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const srv = yield* listen(loop);
          const [t] = yield* loop.createConnection(() => new Recorder(), '127.0.0.1', srv.port);
          yield* until(loop, () => srv.accepted.length === 1);
          const waiting = srv.server.waitClosed();
          srv.server.close();
          const f = loop.createFuture<void>();
          loop.callLater(0.02, () => f.setResult(undefined));
          yield* f;
          const doneWhileConnected = waiting.done();
          t.close();
          yield* waiting;
          return [doneWhileConnected, waiting.done()];
        })(),
      );
      expect(got).toEqual([false, true]);
    },
  );

  statement(
    'server.serving.start',
    'a server created with startServing false accepts only after startServing()',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const server = yield* loop.createServer(() => new Recorder(), '127.0.0.1', 0, {
            startServing: false,
          });
          const before = server.isServing();
          yield* server.startServing();
          const after = server.isServing();
          const [, port] = server.sockets[0].getsockname() as [string, number];
          const [t] = yield* loop.createConnection(() => new Recorder(), '127.0.0.1', port);
          t.close();
          server.close();
          return [before, after];
        })(),
      );
      expect(got).toEqual([false, true]);
    },
  );

  statement(
    'server.clients.close',
    'closeClients() closes every accepted connection',
    async ({ loop, run }) => {
      // Two connections, so that closing only the first or the last one is caught.
      const clients = [new Recorder(), new Recorder()];
      await run(
        (function* () {
          const srv = yield* listen(loop);
          for (const client of clients) yield* loop.createConnection(() => client, '127.0.0.1', srv.port);
          yield* until(loop, () => srv.accepted.length === 2);
          srv.server.close();
          srv.server.closeClients();
          yield* until(loop, () => clients.every((c) => c.events.includes('connectionLost')));
          yield* srv.server.waitClosed();
        })(),
      );
      for (const client of clients) expect(client.events.at(-1)).toBe('connectionLost');
    },
  );
});
