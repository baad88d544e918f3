// spec-tests/tests/tls/tls.test.ts: PEP 3156 § Internet connections (ssl), asyncio's start_tls
// > ssl: Pass True to create an SSL transport ... A TLS transport cannot half-close: can_write_eof() is False.
import type { Transport } from 'pep3156/spec';
import { beforeAll, expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { bytes, EchoRecorder, listen, Recorder, until } from '../support/net.js';
import { makeCert } from '../support/tls.js';

let key = '';
let cert = '';
beforeAll(() => {
  // A self-signed certificate for 127.0.0.1 and localhost, made for this run; nothing leaves loopback.
  ({ key, cert } = makeCert('DNS:localhost,IP:127.0.0.1'));
});

section('tls', 'Internet connections', () => {
  statement(
    'tls.round-trip',
    'a TLS connection carries data both ways, verifies the certificate and cannot half-close',
    async ({ loop, run }) => {
      const client = new Recorder();
      const got = await run(
        (function* () {
          const server = yield* loop.createServer(() => new EchoRecorder(), '127.0.0.1', 0, {
            ssl: { key, cert },
          });
          const [, port] = server.sockets[0].getsockname() as [string, number];
          const [t] = yield* loop.createConnection(() => client, '127.0.0.1', port, {
            ssl: { ca: cert },
            serverHostname: 'localhost',
          });
          t.write(bytes('secret'));
          yield* until(loop, () => client.text() === 'secret');
          const info = {
            canWriteEof: t.canWriteEof(),
            hasCert: Boolean(t.getExtraInfo('peercert')),
            hasCipher: Boolean(t.getExtraInfo('cipher')),
          };
          t.close();
          yield* until(loop, () => client.events.includes('connectionLost'));
          server.close();
          return info;
        })(),
      );
      expect(got).toEqual({ canWriteEof: false, hasCert: true, hasCipher: true });
    },
  );

  statement(
    'tls.verify.rejects-unknown',
    'a client rejects a certificate it cannot verify',
    async ({ loop, run }) => {
      const name = await run(
        (function* () {
          const server = yield* loop.createServer(() => new EchoRecorder(), '127.0.0.1', 0, {
            ssl: { key, cert },
          });
          const [, port] = server.sockets[0].getsockname() as [string, number];
          try {
            yield* loop.createConnection(() => new Recorder(), '127.0.0.1', port, {
              ssl: true,
              serverHostname: 'localhost',
            });
            return 'connected';
          } catch (e) {
            return e instanceof Error ? 'rejected' : 'odd';
          } finally {
            server.close();
          }
        })(),
      );
      expect(name).toBe('rejected');
    },
  );

  statement(
    'tls.errors.ssl-error',
    'TLS failures are SSLError, an OSError: an unverifiable certificate or a wrong host name SSLCertVerificationError',
    async ({ loop, run }) => {
      /** The error's class name and whether SSLError and OSError are among its base classes. */
      const describe = (e: unknown) => {
        const chain: string[] = [];
        const own = Object.getPrototypeOf(e);
        for (
          let p = Object.getPrototypeOf(own);
          p !== null && p !== Error.prototype;
          p = Object.getPrototypeOf(p)
        )
          chain.push(p.constructor.name);
        return [(e as Error).name, chain.includes('SSLError'), chain.includes('OSError')];
      };
      /** A server that answers anything with plain text (not TLS), as an HTTP server would. */
      class PlainText extends Recorder {
        override dataReceived(data: Uint8Array): void {
          super.dataReceived(data);
          this.transport?.write(bytes('HTTP/1.0 400 Bad Request\r\n\r\n'.repeat(4)));
          this.transport?.close();
        }
      }
      const got = await run(
        (function* () {
          const server = yield* loop.createServer(() => new EchoRecorder(), '127.0.0.1', 0, {
            ssl: { key, cert },
          });
          const [, port] = server.sockets[0].getsockname() as [string, number];
          const plain = yield* loop.createServer(() => new PlainText(), '127.0.0.1', 0);
          const [, plainPort] = plain.sockets[0].getsockname() as [string, number];
          const out: Record<string, unknown> = {};
          const cases: [string, number, Record<string, unknown> | true, string][] = [
            ['untrusted', port, true, 'localhost'],
            ['host name', port, { ca: cert }, 'other.example'],
            ['not TLS', plainPort, { ca: cert }, 'localhost'],
          ];
          for (const [what, p, ssl, serverHostname] of cases) {
            try {
              const [t] = yield* loop.createConnection(() => new Recorder(), '127.0.0.1', p, {
                ssl,
                serverHostname,
              });
              t.close();
              out[what] = 'connected';
            } catch (e) {
              out[what] = describe(e);
            }
          }
          server.close();
          plain.close();
          return out;
        })(),
      );
      expect(got).toEqual({
        untrusted: ['SSLCertVerificationError', true, true],
        'host name': ['SSLCertVerificationError', true, true],
        'not TLS': ['SSLError', false, true],
      });
    },
  );

  statement(
    'tls.start-tls.upgrade',
    'startTls upgrades a live connection on both sides',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const srv = yield* listen(loop);
          const client = new Recorder();
          const [t] = yield* loop.createConnection(() => client, '127.0.0.1', srv.port);
          yield* until(loop, () => srv.accepted.length === 1);
          const peer = srv.accepted[0] as Recorder;
          const serverSide = loop.startTls(
            peer.transport as Transport,
            peer,
            { key, cert },
            { serverSide: true },
          );
          const upgraded = yield* loop.startTls(t, client, { ca: cert }, { serverHostname: 'localhost' });
          const peerUpgraded = yield* serverSide;
          upgraded.write(bytes('after upgrade'));
          yield* until(loop, () => peer.text() === 'after upgrade');
          const cipher = Boolean(upgraded.getExtraInfo('cipher'));
          upgraded.close();
          peerUpgraded.close();
          srv.server.close();
          return [peer.text(), cipher];
        })(),
      );
      expect(got).toEqual(['after upgrade', true]);
    },
  );
});
