// spec-tests/tests/server/server-object.test.ts: PEP 3156 § Servers, asyncio's Server
// > close(): Stop listening for new connections. ... wait_closed(): A coroutine that blocks until the
// > server is closed and all connections are dropped. (asyncio adds is_serving, start_serving,
// > serve_forever, close_clients, abort_clients and get_loop.)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { errorName } from '../support/index.js';
import { bytes, listen, Recorder, until } from '../support/net.js';

const dir = mkdtempSync(path.join(tmpdir(), 'pep3156-unix-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

section('server', 'Servers', () => {
  statement(
    'server.close.idempotent',
    'close() may be called again; afterwards isServing() is false and sockets is empty',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const srv = yield* listen(loop);
          const before = [srv.server.isServing(), srv.server.sockets.length > 0];
          srv.server.close();
          srv.server.close();
          yield* srv.server.waitClosed();
          return [
            ...before,
            srv.server.isServing(),
            srv.server.sockets.length,
            srv.server.getLoop() === loop,
          ];
        })(),
      );
      expect(got).toEqual([true, true, false, 0, true]);
    },
  );

  statement(
    'server.wait-closed.before-and-after',
    'waitClosed() called before close() waits for it; called after close() with no connections it completes',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const srv = yield* listen(loop);
          const early = srv.server.waitClosed();
          const f = loop.createFuture<void>();
          loop.callLater(0.02, () => f.setResult(undefined));
          yield* f;
          const earlyDoneBeforeClose = early.done();
          srv.server.close();
          yield* early;
          const late = srv.server.waitClosed();
          yield* late;
          return [earlyDoneBeforeClose, early.done(), late.done()];
        })(),
      );
      expect(got).toEqual([false, true, true]);
    },
  );

  statement(
    'server.serve-forever.once',
    'serveForever() while it already runs, or on a closed server, fails with RuntimeError',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const server = yield* loop.createServer(() => new Recorder(), '127.0.0.1', 0);
          const forever = server.serveForever();
          let second = 'ran';
          try {
            yield* server.serveForever();
          } catch (e) {
            second = errorName(e);
          }
          const firstStillRunning = !forever.done();
          server.close();
          try {
            yield* forever;
          } catch {
            // cancelled by close()
          }
          let closed = 'ran';
          try {
            yield* server.serveForever();
          } catch (e) {
            closed = errorName(e);
          }
          return [second, firstStillRunning, closed];
        })(),
      );
      expect(got).toEqual(['RuntimeError', true, 'RuntimeError']);
    },
  );

  statement(
    'server.serving.idempotent',
    'startServing() on a serving server, or twice at once, changes nothing and completes',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const server = yield* loop.createServer(() => new Recorder(), '127.0.0.1', 0, {
            startServing: false,
          });
          const a = server.startServing();
          const b = server.startServing();
          yield* a;
          yield* b;
          yield* server.startServing();
          const serving = server.isServing();
          const [, port] = server.sockets[0].getsockname() as [string, number];
          const [t] = yield* loop.createConnection(() => new Recorder(), '127.0.0.1', port);
          t.close();
          server.close();
          return [serving, server.sockets.length];
        })(),
      );
      expect(got).toEqual([true, 0]);
    },
  );

  statement(
    'server.clients.only-accepted',
    'closeClients() and abortClients() close only the connections the server accepted, not the server',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const srv = yield* listen(loop);
          const a = new Recorder();
          const b = new Recorder();
          yield* loop.createConnection(() => a, '127.0.0.1', srv.port);
          yield* loop.createConnection(() => b, '127.0.0.1', srv.port);
          yield* until(loop, () => srv.accepted.length === 2);
          srv.server.closeClients();
          yield* until(
            loop,
            () => a.events.includes('connectionLost') && b.events.includes('connectionLost'),
          );
          const serving = srv.server.isServing();
          const c = new Recorder();
          const [t] = yield* loop.createConnection(() => c, '127.0.0.1', srv.port);
          yield* until(loop, () => srv.accepted.length === 3);
          srv.server.abortClients();
          yield* until(loop, () => c.events.includes('connectionLost'));
          const stillServing = srv.server.isServing();
          t.close();
          srv.server.close();
          yield* srv.server.waitClosed();
          return [serving, stillServing];
        })(),
      );
      expect(got).toEqual([true, true]);
    },
  );
});

section('server', 'Servers', () => {
  statement(
    'server.unix.socket-file',
    'createUnixServer removes a stale socket file before binding, refuses another kind of file, and removes its file on close',
    async ({ loop, run }) => {
      const stale = path.join(dir, 'stale.sock');
      // A socket file left behind by a process that died without closing its server.
      spawnSync(
        process.execPath,
        [
          '-e',
          `require('node:net').createServer().listen(${JSON.stringify(stale)}, () => process.kill(process.pid, 'SIGKILL'))`,
        ],
        { stdio: 'ignore', timeout: 10_000 },
      );
      const plain = path.join(dir, 'plain.txt');
      writeFileSync(plain, 'not a socket');
      const staleBefore = existsSync(stale);
      const got = await run(
        (function* () {
          const accepted: Recorder[] = [];
          const server = yield* loop.createUnixServer(() => {
            const p = new Recorder();
            accepted.push(p);
            return p;
          }, stale);
          const [t] = yield* loop.createUnixConnection(() => new Recorder(), stale);
          t.write(bytes('over unix'));
          yield* until(loop, () => accepted[0]?.text() === 'over unix');
          t.close();
          const name = [server.sockets[0]?.getsockname(), server.sockets[0]?.family];
          server.close();
          yield* server.waitClosed();
          const removed = !existsSync(stale);
          let refused: unknown[] = ['listening'];
          try {
            const other = yield* loop.createUnixServer(() => new Recorder(), plain);
            other.close();
          } catch (e) {
            refused = [errorName(e), (e as { code?: unknown }).code];
          }
          return [name, removed, refused, existsSync(plain)];
        })(),
      );
      expect(staleBefore, 'the fixture left a socket file').toBe(true);
      expect(got).toEqual([[stale, 1], true, ['OSError', 'EADDRINUSE'], true]);
    },
    { features: ['unix'] },
  );
  statement(
    'server.unix.close-keeps-replaced',
    'close() leaves alone a file that replaced the socket file at its path',
    async ({ loop, run }) => {
      const where = path.join(dir, 'replaced.sock');
      const got = await run(
        (function* () {
          const server = yield* loop.createUnixServer(() => new Recorder(), where);
          // Another program takes the path over while the server still listens.
          rmSync(where);
          writeFileSync(where, 'not ours');
          server.close();
          yield* server.waitClosed();
          return existsSync(where) ? readFileSync(where, 'utf8') : 'removed';
        })(),
      );
      expect(got, 'the replacing file is still there').toBe('not ours');
    },
    { features: ['unix'] },
  );

  statement(
    'server.unix.connect-errors',
    'createUnixConnection: TypeError for a path that is not a string, ValueError for ssl without serverHostname, FileNotFoundError for no file, ConnectionRefusedError for a socket file nobody listens on',
    async ({ loop, run }) => {
      const dead = path.join(dir, 'dead.sock');
      spawnSync(
        process.execPath,
        [
          '-e',
          `require('node:net').createServer().listen(${JSON.stringify(dead)}, () => process.kill(process.pid, 'SIGKILL'))`,
        ],
        { stdio: 'ignore', timeout: 10_000 },
      );
      const names = await run(
        (function* () {
          const f = () => new Recorder();
          const cases: [string, () => ReturnType<typeof loop.createUnixConnection>][] = [
            ['path', () => loop.createUnixConnection(f, 42 as unknown as string)],
            ['ssl', () => loop.createUnixConnection(f, dead, { ssl: true })],
            ['missing', () => loop.createUnixConnection(f, path.join(dir, 'missing.sock'))],
            ['dead', () => loop.createUnixConnection(f, dead)],
          ];
          const out: Record<string, string> = {};
          for (const [what, call] of cases) {
            try {
              const [t] = yield* call();
              t.close();
              out[what] = 'connected';
            } catch (e) {
              out[what] = errorName(e);
            }
          }
          return out;
        })(),
      );
      expect(existsSync(dead), 'the fixture left a socket file').toBe(true);
      expect(names).toEqual({
        path: 'TypeError',
        ssl: 'ValueError',
        missing: 'FileNotFoundError',
        dead: 'ConnectionRefusedError',
      });
    },
    { features: ['unix'] },
  );
});
