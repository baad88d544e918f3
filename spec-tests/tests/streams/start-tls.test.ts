// spec-tests/tests/streams/start-tls.test.ts: PEP 3156 § Convenience Utilities, § Internet connections (ssl)
// > StreamWriter.start_tls(sslcontext, *, server_hostname=None): "Upgrade an existing stream-based
// > connection to TLS." (asyncio 3.11); open_connection and start_server pass ssl= to the loop.
import type { StreamReader, StreamWriter } from 'pep3156';
import type { Coroutine, Server } from 'pep3156/spec';
import { afterAll, expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { bytes } from '../support/net.js';
import { streamsApi } from '../support/streams.js';
import { selfSignedCertificate, type TestCertificate } from '../support/tls.js';

const { openConnection, startServer } = streamsApi();

const text = (b: Uint8Array) => new TextDecoder().decode(b);

let made: TestCertificate | null = null;
/** The certificate of this file's tests, made on first use. */
const certificate = (): TestCertificate => {
  made ??= selfSignedCertificate();
  return made;
};
afterAll(() => made?.remove());

function portOf(server: Server): number {
  return (server.sockets[0].getsockname() as [string, number])[1];
}

section('streams', 'Convenience Utilities', () => {
  statement(
    'streams.start-tls.upgrade',
    'writer.startTls upgrades an open stream on both sides; the reader and writer then use TLS',
    async ({ loop, run }) => {
      const { key, cert } = certificate();
      const got = await run(
        (function* () {
          const serverSaw: unknown[] = [];
          function* handle(reader: StreamReader, writer: StreamWriter): Coroutine<void> {
            writer.write(yield* reader.readline());
            yield* writer.drain();
            serverSaw.push(writer.getExtraInfo('cipher') === undefined);
            yield* writer.startTls({ key, cert });
            serverSaw.push(Boolean(writer.getExtraInfo('cipher')));
            writer.write(yield* reader.readline());
            yield* writer.drain();
            writer.close();
          }
          const server = yield* startServer(handle, '127.0.0.1', 0, { loop });
          const [reader, writer] = yield* openConnection('127.0.0.1', portOf(server), { loop });
          writer.write(bytes('hello 1\n'));
          yield* writer.drain();
          const first = text(yield* reader.readline());
          const before = writer.transport;
          const plain = writer.getExtraInfo('cipher') === undefined;
          yield* writer.startTls({ ca: cert }, { serverHostname: 'localhost' });
          const upgraded = {
            newTransport: writer.transport !== before,
            cipher: Boolean(writer.getExtraInfo('cipher')),
            peercert: Boolean(writer.getExtraInfo('peercert')),
            canWriteEof: writer.canWriteEof(),
          };
          writer.write(bytes('hello 2\n'));
          yield* writer.drain();
          const second = text(yield* reader.readline());
          const end = text(yield* reader.read());
          writer.close();
          yield* writer.waitClosed();
          // Not server.waitClosed(): the reference's server never sees an upgraded connection close.
          server.close();
          return { first, plain, upgraded, second, end, serverSaw };
        })(),
      );
      expect(got).toEqual({
        first: 'hello 1\n',
        plain: true,
        upgraded: { newTransport: true, cipher: true, peercert: true, canWriteEof: false },
        second: 'hello 2\n',
        end: '',
        serverSaw: [true, true],
      });
    },
    { features: ['tls'] },
  );

  statement(
    'streams.server.ssl',
    'startServer and openConnection take the ssl option: the streams then run over TLS',
    async ({ loop, run }) => {
      const { key, cert } = certificate();
      const got = await run(
        (function* () {
          const server = yield* startServer(
            function* (reader, writer) {
              const line = yield* reader.readline();
              writer.write(bytes(`tls:${text(line)}`));
              yield* writer.drain();
              writer.close();
            },
            '127.0.0.1',
            0,
            { loop, ssl: { key, cert } },
          );
          const [reader, writer] = yield* openConnection('127.0.0.1', portOf(server), {
            loop,
            ssl: { ca: cert },
            serverHostname: 'localhost',
          });
          writer.write(bytes('secret\n'));
          const info = [Boolean(writer.getExtraInfo('peercert')), writer.canWriteEof()];
          const reply = text(yield* reader.read());
          writer.close();
          yield* writer.waitClosed();
          server.close();
          yield* server.waitClosed();
          return [reply, info];
        })(),
      );
      expect(got).toEqual(['tls:secret\n', [true, false]]);
    },
    { features: ['tls'] },
  );
});
