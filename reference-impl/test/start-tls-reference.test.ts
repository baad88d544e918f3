import { newEventLoop } from 'pep3156';
import type { AbstractEventLoop, Coroutine, Protocol, Transport } from 'pep3156/spec';
import { beforeAll, expect, it } from 'vitest';
import { selfSigned } from './support/self-signed.js';

const bytes = (s: string) => new TextEncoder().encode(s);
const text = (chunks: Uint8Array[]) => chunks.map((c) => new TextDecoder().decode(c)).join('');

let key = '';
let cert = '';
beforeAll(() => {
  ({ key, cert } = selfSigned());
});

class Recorder implements Protocol {
  events: string[] = [];
  received: Uint8Array[] = [];
  transport: Transport | null = null;
  connectionMade(transport: Transport): void {
    this.events.push('connectionMade');
    this.transport = transport;
  }
  dataReceived(data: Uint8Array): void {
    this.events.push('dataReceived');
    this.received.push(new Uint8Array(data));
  }
  eofReceived(): boolean {
    this.events.push('eofReceived');
    return false;
  }
  connectionLost(): void {
    this.events.push('connectionLost');
  }
}

function* until(loop: AbstractEventLoop, predicate: () => boolean): Coroutine<void> {
  const deadline = loop.time() + 4;
  while (!predicate()) {
    if (loop.time() > deadline) throw new Error('condition not reached in time');
    const f = loop.createFuture<void>();
    loop.callLater(0.001, () => f.setResult(undefined));
    yield* f;
  }
}

/** A loopback server of Recorders and a plain client connection to it. */
function* pair(loop: AbstractEventLoop, client: Recorder) {
  const accepted: Recorder[] = [];
  const server = yield* loop.createServer(
    () => {
      const p = new Recorder();
      accepted.push(p);
      return p;
    },
    '127.0.0.1',
    0,
  );
  const [, port] = server.sockets[0].getsockname() as [string, number];
  const [t] = yield* loop.createConnection(() => client, '127.0.0.1', port);
  yield* until(loop, () => accepted.length === 1);
  return { server, t, peer: accepted[0] as Recorder };
}

it('[tls.start-tls.failure-silent] after a failed startTls handshake the protocol gets no connectionLost', async () => {
  const loop = newEventLoop();
  const client = new Recorder();
  const got = await loop.runUntilComplete(
    (function* () {
      const { server, t, peer } = yield* pair(loop, client);
      const upgrading = loop.startTls(t, client, { ca: cert }, { serverHostname: 'localhost' });
      yield* until(loop, () => peer.received.length > 0);
      peer.transport?.write(bytes('HTTP/1.0 400 Bad Request\r\n\r\n'));
      let failed = false;
      try {
        yield* upgrading;
      } catch {
        failed = true;
      }
      yield* until(loop, () => peer.events.includes('connectionLost'));
      server.close();
      return failed;
    })(),
  );
  loop.close();
  expect(got).toBe(true);
  expect(client.events).toEqual(['connectionMade']);
});

it('[tls.start-tls.old-transport-closed] after startTls the old transport is closing and drops writes', async () => {
  const loop = newEventLoop();
  const client = new Recorder();
  const got = await loop.runUntilComplete(
    (function* () {
      const { server, t, peer } = yield* pair(loop, client);
      const serverSide = loop.startTls(
        peer.transport as Transport,
        peer,
        { key, cert },
        { serverSide: true },
      );
      const upgraded = yield* loop.startTls(t, client, { ca: cert }, { serverHostname: 'localhost' });
      const peerUpgraded = yield* serverSide;
      const oldClosing = t.isClosing();
      t.write(bytes('in the clear'));
      upgraded.write(bytes('secret'));
      yield* until(loop, () => text(peer.received) === 'secret');
      peerUpgraded.write(bytes('back'));
      yield* until(loop, () => text(client.received) === 'back');
      upgraded.close();
      yield* until(
        loop,
        () => client.events.includes('connectionLost') && peer.events.includes('connectionLost'),
      );
      server.close();
      return [oldClosing, text(peer.received), text(client.received)];
    })(),
  );
  loop.close();
  expect(got).toEqual([true, 'secret', 'back']);
});
