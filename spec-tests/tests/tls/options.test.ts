// spec-tests/tests/tls/options.test.ts: PEP 3156 § Internet connections (ssl, server_hostname), asyncio's
// ssl_handshake_timeout and start_tls
// > server_hostname: ... sets or overrides the hostname that the target server's certificate will be
// > matched against. ... If ssl is given and server_hostname is not, host is used.
import type { Transport } from 'pep3156/spec';
import { beforeAll, expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { errorName } from '../support/index.js';
import { bytes, EchoRecorder, listen, Recorder, until } from '../support/net.js';
import { makeCert, type TestCert } from '../support/tls.js';

/** A certificate for the name `localhost` only: no IP address in it. */
let named: TestCert = { key: '', cert: '' };
beforeAll(() => {
  named = makeCert('DNS:localhost');
});

section('tls', 'Internet connections', () => {
  statement(
    'tls.server-hostname.verify',
    'the certificate is checked against serverHostname, or against host when it is not given',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const server = yield* loop.createServer(() => new EchoRecorder(), '127.0.0.1', 0, { ssl: named });
          const [, port] = server.sockets[0].getsockname() as [string, number];
          const attempt = function* (serverHostname?: string) {
            try {
              const client = new Recorder();
              const [t] = yield* loop.createConnection(() => client, '127.0.0.1', port, {
                ssl: { ca: named.cert },
                ...(serverHostname === undefined ? {} : { serverHostname }),
              });
              t.write(bytes('hi'));
              yield* until(loop, () => client.text() === 'hi');
              t.close();
              yield* until(loop, () => client.events.includes('connectionLost'));
              return 'verified';
            } catch (e) {
              return e instanceof Error ? 'rejected' : 'odd';
            }
          };
          const out = [yield* attempt('localhost'), yield* attempt(), yield* attempt('other.invalid')];
          server.close();
          return out;
        })(),
      );
      expect(got, 'localhost matches; 127.0.0.1 and other.invalid are not in the certificate').toEqual([
        'verified',
        'rejected',
        'rejected',
      ]);
    },
  );

  statement(
    'tls.sock.wrapped',
    'createConnection with sock and ssl runs the handshake over the given connected socket',
    async ({ loop, run }) => {
      const { Socket } = await import('node:net');
      const client = new Recorder();
      const got = await run(
        (function* () {
          const server = yield* loop.createServer(() => new EchoRecorder(), '127.0.0.1', 0, { ssl: named });
          const [, port] = server.sockets[0].getsockname() as [string, number];
          const raw = new Socket();
          const ready = loop.createFuture<void>();
          raw.connect(port, '127.0.0.1', () => loop.callSoonThreadsafe(() => ready.setResult(undefined)));
          yield* ready;
          let unnamed = 'connected';
          try {
            yield* loop.createConnection(() => new Recorder(), null, null, {
              sock: raw,
              ssl: { ca: named.cert },
            });
          } catch (e) {
            unnamed = errorName(e);
          }
          const [t] = yield* loop.createConnection(() => client, null, null, {
            sock: raw,
            ssl: { ca: named.cert },
            serverHostname: 'localhost',
          });
          t.write(bytes('over sock'));
          yield* until(loop, () => client.text() === 'over sock');
          const cipher = Boolean(t.getExtraInfo('cipher'));
          t.close();
          yield* until(loop, () => client.events.includes('connectionLost'));
          server.close();
          return [unnamed, client.text(), cipher, t.canWriteEof()];
        })(),
      );
      expect(got).toEqual(['ValueError', 'over sock', true, false]);
    },
  );

  statement(
    'tls.handshake-timeout.client',
    'a client handshake that outlasts sslHandshakeTimeout fails with ConnectionAbortedError',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          // A plain TCP server that never answers the ClientHello.
          const srv = yield* listen(loop);
          const start = loop.time();
          let name = 'connected';
          try {
            yield* loop.createConnection(() => new Recorder(), '127.0.0.1', srv.port, {
              ssl: true,
              serverHostname: 'localhost',
              sslHandshakeTimeout: 0.2,
            });
          } catch (e) {
            name = errorName(e);
          }
          const elapsed = loop.time() - start;
          yield* until(
            loop,
            () => (srv.accepted[0] as Recorder | undefined)?.events.includes('connectionLost') === true,
          );
          srv.server.close();
          return [name, elapsed];
        })(),
      );
      expect(got[0]).toBe('ConnectionAbortedError');
      expect(got[1] as number, 'not before the timeout').toBeGreaterThanOrEqual(0.15);
      // Generous: a slow machine may run the timer late; a loop that ignores the option waits 60 s.
      expect(got[1] as number, 'soon after the timeout, not after the 60 s default').toBeLessThan(3);
    },
  );

  statement(
    'tls.handshake-timeout.server',
    'a TLS server closes an accepted connection whose handshake outlasts sslHandshakeTimeout',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const made: Recorder[] = [];
          const server = yield* loop.createServer(
            () => {
              const p = new Recorder();
              made.push(p);
              return p;
            },
            '127.0.0.1',
            0,
            { ssl: named, sslHandshakeTimeout: 0.2 },
          );
          const [, port] = server.sockets[0].getsockname() as [string, number];
          // A plain client that never starts the handshake.
          const client = new Recorder();
          const start = loop.time();
          yield* loop.createConnection(() => client, '127.0.0.1', port);
          yield* until(loop, () => client.events.includes('connectionLost'), 4);
          const elapsed = loop.time() - start;
          server.close();
          // asyncio makes the protocol on accept, the reference after the handshake: neither calls it.
          return [elapsed, made.flatMap((p) => p.events)];
        })(),
      );
      expect(got[0] as number, 'not before the timeout').toBeGreaterThanOrEqual(0.15);
      expect(got[0] as number, 'soon after the timeout, not after the 60 s default').toBeLessThan(3);
      expect(got[1], 'no protocol call for a connection that never finished its handshake').toEqual([]);
    },
  );

  statement(
    'tls.connect.cancel',
    'cancelling a pending TLS createConnection closes its socket',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const srv = yield* listen(loop);
          const pending = loop.createConnection(() => new Recorder(), '127.0.0.1', srv.port, {
            ssl: true,
            serverHostname: 'localhost',
          });
          yield* until(loop, () => srv.accepted.length === 1);
          pending.cancel();
          yield* until(loop, () => (srv.accepted[0] as Recorder).events.includes('connectionLost'));
          srv.server.close();
          return pending.cancelled();
        })(),
      );
      expect(got).toBe(true);
    },
  );

  statement(
    'tls.start-tls.arguments',
    'startTls refuses an sslContext that is not TLS options (TypeError) and a non-positive timeout (ValueError)',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const srv = yield* listen(loop);
          const [t] = yield* loop.createConnection(() => new Recorder(), '127.0.0.1', srv.port);
          const names: string[] = [];
          for (const [ctx, opts] of [
            [false, {}],
            [null, {}],
            [true, { serverSide: true }],
            [{ ca: named.cert }, { sslHandshakeTimeout: 0 }],
          ] as const) {
            try {
              yield* loop.startTls(t, t.getProtocol() as Recorder, ctx as never, opts);
              names.push('upgraded');
            } catch (e) {
              names.push(errorName(e));
            }
          }
          const stillOpen = !t.isClosing();
          t.close();
          srv.server.close();
          return [names, stillOpen];
        })(),
      );
      expect(got).toEqual([['TypeError', 'TypeError', 'TypeError', 'ValueError'], true]);
    },
  );

  statement(
    'tls.start-tls.failure',
    'a failed startTls handshake rejects and closes the connection',
    async ({ loop, run }) => {
      const client = new Recorder();
      const got = await run(
        (function* () {
          const srv = yield* listen(loop);
          const [t] = yield* loop.createConnection(() => client, '127.0.0.1', srv.port);
          yield* until(loop, () => srv.accepted.length === 1);
          const peer = srv.accepted[0] as Recorder;
          const upgrading = loop.startTls(t, client, { ca: named.cert }, { serverHostname: 'localhost' });
          // The peer answers the ClientHello with bytes that are not TLS.
          yield* until(loop, () => peer.received.length > 0);
          peer.transport?.write(bytes('HTTP/1.0 400 Bad Request\r\n\r\n'));
          let name = 'upgraded';
          try {
            yield* upgrading;
          } catch (e) {
            name = errorName(e);
          }
          yield* until(loop, () => peer.events.includes('connectionLost'));
          srv.server.close();
          return [name === 'upgraded' ? name : 'rejected', t.isClosing()];
        })(),
      );
      // Whether the protocol then gets connectionLost differs (tls.start-tls.failure-silent).
      expect(got).toEqual(['rejected', true]);
    },
  );

  statement(
    'tls.start-tls.timeout',
    'a startTls handshake that outlasts sslHandshakeTimeout fails with ConnectionAbortedError',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const srv = yield* listen(loop);
          const [t] = yield* loop.createConnection(() => new Recorder(), '127.0.0.1', srv.port);
          let name = 'upgraded';
          try {
            yield* loop.startTls(t, t.getProtocol() as Recorder, true, {
              serverHostname: 'localhost',
              sslHandshakeTimeout: 0.2,
            });
          } catch (e) {
            name = errorName(e);
          }
          yield* until(
            loop,
            () => (srv.accepted[0] as Recorder | undefined)?.events.includes('connectionLost') === true,
          );
          srv.server.close();
          return name;
        })(),
      );
      expect(got).toBe('ConnectionAbortedError');
    },
  );

  statement(
    'tls.start-tls.old-transport',
    'after startTls the upgraded transport carries the data and alone delivers connectionLost, once',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const srv = yield* listen(loop);
          const client = new Recorder();
          const [t] = yield* loop.createConnection(() => client, '127.0.0.1', srv.port);
          yield* until(loop, () => srv.accepted.length === 1);
          const peer = srv.accepted[0] as Recorder;
          const serverSide = loop.startTls(peer.transport as Transport, peer, named, { serverSide: true });
          const upgraded = yield* loop.startTls(
            t,
            client,
            { ca: named.cert },
            { serverHostname: 'localhost' },
          );
          const peerUpgraded = yield* serverSide;
          upgraded.write(bytes('secret'));
          yield* until(loop, () => peer.text() === 'secret');
          peerUpgraded.write(bytes('back'));
          yield* until(loop, () => client.text() === 'back');
          upgraded.close();
          yield* until(
            loop,
            () => client.events.includes('connectionLost') && peer.events.includes('connectionLost'),
          );
          const waited = srv.server.waitClosed();
          srv.server.close();
          yield* waited;
          return [peer.text(), client.text(), client.events.filter((e) => e === 'connectionLost').length];
        })(),
      );
      expect(got).toEqual(['secret', 'back', 1]);
    },
  );
});
