// TLS faults of issue 12, reference-level statements (docs/spec/connections.mdx): a failed server
// handshake frees its socket at once. Loopback only, with a self-signed certificate made by openssl
// for this file.
import { readdirSync } from 'node:fs';
import * as tls from 'node:tls';
import { afterEach, beforeAll, expect, it } from 'vitest';
import { type AbstractEventLoop, type Coroutine, newEventLoop, Protocol } from '../src/index.js';
import { selfSigned } from './support/self-signed.js';

let key = '';
let cert = '';
beforeAll(() => {
  ({ key, cert } = selfSigned('DNS:localhost,IP:127.0.0.1'));
});

const loops: AbstractEventLoop[] = [];
afterEach(() => {
  for (const loop of loops.splice(0)) if (!loop.isClosed()) loop.close();
});

function* until(loop: AbstractEventLoop, predicate: () => boolean, seconds = 4): Coroutine<void> {
  const deadline = loop.time() + seconds;
  while (!predicate()) {
    if (loop.time() > deadline) throw new Error('condition not reached in time');
    const f = loop.createFuture<void>();
    loop.callLater(0.005, () => f.setResult(undefined));
    yield* f;
  }
}

/** Open file descriptors of this process (Linux). */
const openFds = () => readdirSync('/proc/self/fd').length;

it.runIf(process.platform === 'linux')(
  '[tls.ref.handshake-failure-frees] a failed server handshake frees its socket at once, not after the handshake timeout',
  async () => {
    const loop = newEventLoop();
    loops.push(loop);
    const N = 20;
    const got = await loop.runUntilComplete(
      loop.createTask(
        (function* () {
          const server = yield* loop.createServer(() => new Protocol(), '127.0.0.1', 0, {
            ssl: { key, cert },
          });
          const [, port] = server.sockets[0].getsockname() as [string, number];
          const baseline = openFds();
          let failed = 0;
          for (let i = 0; i < N; i++) {
            // The client does not trust the self-signed certificate: it aborts the handshake.
            const c = tls.connect({ host: '127.0.0.1', port, servername: 'localhost' });
            c.on('error', () => {
              failed += 1;
            });
          }
          yield* until(loop, () => failed === N);
          // Bounded well below the 60 s handshake timeout the sockets were held for.
          yield* until(loop, () => openFds() <= baseline, 3);
          const after = openFds() - baseline;
          server.close();
          yield* server.waitClosed();
          return { failed, leftOpen: Math.max(after, 0) };
        })(),
      ),
    );
    expect(got).toEqual({ failed: N, leftOpen: 0 });
  },
  15_000,
);
