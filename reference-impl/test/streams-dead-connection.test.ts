import { type Coroutine, newEventLoop, openConnection } from 'pep3156';
import type { Protocol, Transport } from 'pep3156/spec';
import { beforeAll, expect, it } from 'vitest';
import { selfSigned } from './support/self-signed.js';

let key = '';
let cert = '';
beforeAll(() => {
  ({ key, cert } = selfSigned());
});

/** A peer that closes each connection as soon as it is made. */
const closesAtOnce = (): Protocol => ({
  connectionMade: (t) => (t as Transport).abort(),
  connectionLost: () => {},
  dataReceived: () => {},
  eofReceived: () => false,
});

it('[streams.ref.drain-dead-tls] a write() + drain() loop over TLS against a peer that closed the connection ends', async () => {
  const loop = newEventLoop();
  try {
    const got = await loop.runUntilComplete(
      (function* (): Coroutine<unknown> {
        const server = yield* loop.createServer(closesAtOnce, '127.0.0.1', 0, { ssl: { key, cert } });
        const [, port] = server.sockets[0].getsockname() as [string, number];
        const [, writer] = yield* openConnection('127.0.0.1', port, {
          loop,
          ssl: { ca: cert },
          serverHostname: 'localhost',
        });
        let rounds = 0;
        let error: unknown = null;
        try {
          for (; rounds < 10_000; rounds++) {
            writer.write(new Uint8Array(100));
            yield* writer.drain();
          }
        } catch (e) {
          error = e;
        }
        const closing = writer.isClosing();
        const closed = writer.waitClosed();
        try {
          yield* closed;
        } catch {}
        server.close();
        return {
          ended: rounds < 10_000,
          error: ['ConnectionResetError', 'BrokenPipeError'].includes((error as Error | null)?.name ?? ''),
          closing,
          lost: closed.done(),
        };
      })(),
    );
    expect(got).toEqual({ ended: true, error: true, closing: true, lost: true });
  } finally {
    loop.close();
  }
});
