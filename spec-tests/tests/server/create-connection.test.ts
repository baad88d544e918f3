// spec-tests/tests/server/create-connection.test.ts: PEP 3156 § Internet connections
// > create_connection(protocol_factory, host, port, <options>). ... sock: An optional socket ... If
// > this is given, host and port must be omitted. ... server_hostname: ... only meaningful with ssl.
import { expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { errorName } from '../support/index.js';
import { listen, Recorder, until } from '../support/net.js';

section('server', 'Internet connections', () => {
  statement(
    'connect.arguments.errors',
    'createConnection refuses bad arguments: ValueError for sock with host, no address, options without ssl',
    async ({ loop, run }) => {
      const { Socket } = await import('node:net');
      const names = await run(
        (function* () {
          const srv = yield* listen(loop);
          const f = () => new Recorder();
          const cases: [string, () => ReturnType<typeof loop.createConnection>][] = [
            ['sock with host', () => loop.createConnection(f, '127.0.0.1', srv.port, { sock: new Socket() })],
            ['no host, no sock', () => loop.createConnection(f, null, null)],
            [
              'serverHostname without ssl',
              () => loop.createConnection(f, '127.0.0.1', srv.port, { serverHostname: 'localhost' }),
            ],
            [
              'timeout without ssl',
              () => loop.createConnection(f, '127.0.0.1', srv.port, { sslHandshakeTimeout: 1 }),
            ],
            [
              'ssl timeout 0',
              () => loop.createConnection(f, '127.0.0.1', srv.port, { ssl: true, sslHandshakeTimeout: 0 }),
            ],
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
          srv.server.close();
          return out;
        })(),
      );
      expect(names).toEqual({
        'sock with host': 'ValueError',
        'no host, no sock': 'ValueError',
        'serverHostname without ssl': 'ValueError',
        'timeout without ssl': 'ValueError',
        'ssl timeout 0': 'ValueError',
      });
    },
  );

  statement(
    'connect.family',
    'family restricts the addresses tried: an address of another family is a gaierror',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const srv = yield* listen(loop);
          const [t] = yield* loop.createConnection(() => new Recorder(), '127.0.0.1', srv.port, {
            family: 2,
          });
          const peer = (t.getExtraInfo('peername') as unknown[]).length;
          t.close();
          let wrong = 'connected';
          try {
            const [t2] = yield* loop.createConnection(() => new Recorder(), '127.0.0.1', srv.port, {
              family: 10,
            });
            t2.close();
          } catch (e) {
            wrong = errorName(e);
          }
          srv.server.close();
          return [peer, wrong];
        })(),
      );
      expect(got).toEqual([2, 'gaierror']);
    },
  );

  statement(
    'connect.local-addr.port',
    'localAddr binds the given local host and port before connecting',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const srv = yield* listen(loop);
          // Find a free local port: bind one, note it, let it go.
          const probe = yield* loop.createServer(() => new Recorder(), '127.0.0.1', 0);
          const [, free] = probe.sockets[0].getsockname() as [string, number];
          probe.close();
          yield* probe.waitClosed();
          const [t] = yield* loop.createConnection(() => new Recorder(), '127.0.0.1', srv.port, {
            localAddr: ['127.0.0.1', free],
          });
          yield* until(loop, () => srv.accepted.length === 1);
          const sockname = t.getExtraInfo('sockname');
          const seen = (srv.accepted[0] as Recorder).transport?.getExtraInfo('peername');
          t.close();
          srv.server.close();
          return [sockname, seen, free];
        })(),
      );
      expect(got[0]).toEqual(['127.0.0.1', got[2]]);
      expect(got[1], 'the server sees the bound address').toEqual(['127.0.0.1', got[2]]);
    },
  );

  statement(
    'connect.cancel.no-leak',
    'cancelling a pending createConnection makes no protocol and leaves no connection open',
    async ({ loop, run }) => {
      const made: Recorder[] = [];
      const got = await run(
        (function* () {
          const srv = yield* listen(loop);
          const pending = loop.createConnection(
            () => {
              const p = new Recorder();
              made.push(p);
              return p;
            },
            '127.0.0.1',
            srv.port,
          );
          pending.cancel();
          // If the connect had gone through anyway, the server's side would have been accepted; it
          // must be closed again (or never accepted).
          const f = loop.createFuture<void>();
          loop.callLater(0.05, () => f.setResult(undefined));
          yield* f;
          const open = srv.accepted.filter((p) => !(p as Recorder).events.includes('connectionLost')).length;
          srv.server.close();
          return [pending.cancelled(), open];
        })(),
      );
      expect(got).toEqual([true, 0]);
      expect(
        made.filter((p) => !p.events.includes('connectionLost')),
        'no protocol left connected',
      ).toEqual([]);
    },
  );
});
