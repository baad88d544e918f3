// spec-tests/tests/server/create-server.test.ts: PEP 3156 § Internet connections (create_server)
// > create_server(protocol_factory, host, port, <options>). ... host: ... If the host is empty, all
// > interfaces are used ... backlog ... reuse_address ... sock: An optional socket to use instead.
import { createServer as netServer } from 'node:net';
import type { AbstractEventLoop, Server } from 'pep3156/spec';
import { expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { errorName } from '../support/index.js';
import { bytes, Recorder, until } from '../support/net.js';

/** Whether this host has an IPv6 loopback (checked with node:net, not the loop). */
const hasIpv6 = () =>
  new Promise<boolean>((resolve) => {
    const s = netServer();
    s.once('error', () => resolve(false));
    s.listen(0, '::1', () => s.close(() => resolve(true)));
  });

/** Connects to `[host, port]`, sends a word and waits until the server's protocol got it. */
function* roundTrip(loop: AbstractEventLoop, accepted: Recorder[], host: string, port: number, word: string) {
  const [t] = yield* loop.createConnection(() => new Recorder(), host, port);
  t.write(bytes(word));
  yield* until(loop, () => accepted.some((p) => p.text() === word));
  t.close();
}

function recording(): { factory: () => Recorder; accepted: Recorder[] } {
  const accepted: Recorder[] = [];
  return {
    accepted,
    factory: () => {
      const p = new Recorder();
      accepted.push(p);
      return p;
    },
  };
}

section('server', 'Internet connections', () => {
  statement(
    'server.create.arguments',
    'createServer refuses bad arguments: ValueError for sock with host or a timeout without ssl, TypeError for ssl true or a backlog that is not an integer',
    async ({ loop, run }) => {
      const names = await run(
        (function* () {
          const f = () => new Recorder();
          const listening = netServer();
          yield* (function* () {
            const ready = loop.createFuture<void>();
            listening.listen(0, '127.0.0.1', () => loop.callSoonThreadsafe(() => ready.setResult(undefined)));
            yield* ready;
          })();
          const cases: [string, () => ReturnType<typeof loop.createServer>][] = [
            ['sock with host', () => loop.createServer(f, '127.0.0.1', 0, { sock: listening })],
            ['timeout without ssl', () => loop.createServer(f, '127.0.0.1', 0, { sslHandshakeTimeout: 1 })],
            ['ssl true', () => loop.createServer(f, '127.0.0.1', 0, { ssl: true })],
            [
              'backlog string',
              () => loop.createServer(f, '127.0.0.1', 0, { backlog: '5' as unknown as number }),
            ],
          ];
          const out: Record<string, string> = {};
          for (const [what, call] of cases) {
            try {
              const server = yield* call();
              server.close();
              out[what] = 'listening';
            } catch (e) {
              out[what] = errorName(e);
            }
          }
          listening.close();
          return out;
        })(),
      );
      expect(names).toEqual({
        'sock with host': 'ValueError',
        'timeout without ssl': 'ValueError',
        'ssl true': 'TypeError',
        'backlog string': 'TypeError',
      });
    },
  );

  statement(
    'server.create.address-in-use',
    'binding an address another server listens on fails with an OSError whose code is EADDRINUSE',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const first = yield* loop.createServer(() => new Recorder(), '127.0.0.1', 0);
          const [, port] = first.sockets[0].getsockname() as [string, number];
          let out: unknown[] = ['listening'];
          try {
            const second = yield* loop.createServer(() => new Recorder(), '127.0.0.1', port);
            second.close();
          } catch (e) {
            out = [
              errorName(e),
              (e as { code?: unknown }).code,
              e instanceof Error && e.message.includes(String(port)),
            ];
          }
          first.close();
          return out;
        })(),
      );
      expect(got).toEqual(['OSError', 'EADDRINUSE', true]);
    },
  );

  statement(
    'server.create.reuse-address',
    'a port can be listened on again right after its server closed, with a connection in TIME_WAIT',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const one = recording();
          const first = yield* loop.createServer(one.factory, '127.0.0.1', 0, { reuseAddress: true });
          const [, port] = first.sockets[0].getsockname() as [string, number];
          const client = new Recorder();
          yield* loop.createConnection(() => client, '127.0.0.1', port);
          yield* until(loop, () => one.accepted.length === 1);
          // The server's side closes first, so its end of the connection is left in TIME_WAIT.
          first.close();
          first.closeClients();
          yield* until(loop, () => client.events.includes('connectionLost'));
          yield* first.waitClosed();
          const two = recording();
          const second = yield* loop.createServer(two.factory, '127.0.0.1', port);
          yield* roundTrip(loop, two.accepted, '127.0.0.1', port, 'again');
          second.close();
          return two.accepted[0]?.text();
        })(),
      );
      expect(got).toBe('again');
    },
  );

  statement(
    'server.create.hosts',
    'a list of hosts gives one listening socket per address, each with its family, each accepting',
    async ({ loop, run }) => {
      const v6 = await hasIpv6();
      const hosts = v6 ? ['127.0.0.1', '::1'] : ['127.0.0.1'];
      const got = await run(
        (function* () {
          const { factory, accepted } = recording();
          const server = yield* loop.createServer(factory, hosts, 0);
          const socks = server.sockets.map((s) => [s.family, (s.getsockname() as [string, number])[0]]);
          for (const s of server.sockets) {
            const [host, port] = s.getsockname() as [string, number];
            yield* roundTrip(loop, accepted, host, port, `to ${host}`);
          }
          server.close();
          return [socks, accepted.map((p) => p.text()).sort()];
        })(),
      );
      expect(got[0]).toEqual(
        v6
          ? [
              [2, '127.0.0.1'],
              [10, '::1'],
            ]
          : [[2, '127.0.0.1']],
      );
      expect(got[1]).toEqual(hosts.map((h) => `to ${h}`).sort());
    },
  );

  statement(
    'server.create.all-interfaces',
    'a null host listens on every interface: 0.0.0.0 and, where the host has IPv6, ::',
    async ({ loop, run }) => {
      const v6 = await hasIpv6();
      const got = await run(
        (function* () {
          const { factory, accepted } = recording();
          const server = yield* loop.createServer(factory, null, 0);
          const socks = server.sockets.map((s) => [s.family, (s.getsockname() as [string, number])[0]]);
          const v4 = server.sockets.find((s) => s.family === 2);
          if (v4 !== undefined) {
            const [, port] = v4.getsockname() as [string, number];
            yield* roundTrip(loop, accepted, '127.0.0.1', port, 'any');
          }
          server.close();
          const v4only = yield* loop.createServer(() => new Recorder(), null, 0, { family: 2 });
          const only = v4only.sockets.map((s) => [s.family, (s.getsockname() as [string, number])[0]]);
          v4only.close();
          return [socks, accepted[0]?.text(), only];
        })(),
      );
      expect(got[0]).toEqual(
        v6
          ? [
              [2, '0.0.0.0'],
              [10, '::'],
            ]
          : [[2, '0.0.0.0']],
      );
      expect(got[1]).toBe('any');
      expect(got[2], 'family AF_INET keeps only the IPv4 wildcard').toEqual([[2, '0.0.0.0']]);
    },
  );

  statement(
    'server.create.sock',
    'createServer with sock serves connections on a listening net.Server',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const listening = netServer();
          const ready = loop.createFuture<void>();
          listening.listen(0, '127.0.0.1', () => loop.callSoonThreadsafe(() => ready.setResult(undefined)));
          yield* ready;
          const address = listening.address() as { port: number };
          const { factory, accepted } = recording();
          const server = yield* loop.createServer(factory, null, null, { sock: listening, backlog: 5 });
          const reported = server.sockets[0]?.getsockname();
          yield* roundTrip(loop, accepted, '127.0.0.1', address.port, 'via sock');
          server.close();
          return [reported, accepted[0]?.text(), address.port];
        })(),
      );
      expect(got[0]).toEqual(['127.0.0.1', got[2]]);
      expect(got[1]).toBe('via sock');
    },
  );

  statement(
    'server.create.backlog',
    'a server with a small backlog still accepts every connection made to it, one by one',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const { factory, accepted } = recording();
          const server: Server = yield* loop.createServer(factory, '127.0.0.1', 0, { backlog: 1 });
          const [, port] = server.sockets[0].getsockname() as [string, number];
          for (const word of ['a', 'b', 'c']) yield* roundTrip(loop, accepted, '127.0.0.1', port, word);
          server.close();
          return accepted.map((p) => p.text());
        })(),
      );
      expect(got).toEqual(['a', 'b', 'c']);
    },
  );
});
