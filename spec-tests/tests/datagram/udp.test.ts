// spec-tests/tests/datagram/udp.test.ts: PEP 3156 § Datagram Transports, § Datagram Protocols
// > sendto(data, addr=None) ... datagram_received(data, addr) ... connection_lost() is called exactly once.
import type { DatagramProtocol, DatagramTransport, SockAddr } from 'pep3156/spec';
import { expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { errorName, thrown } from '../support/index.js';
import { bytes, until } from '../support/net.js';

class Dgram implements DatagramProtocol {
  events: string[] = [];
  got: [string, SockAddr][] = [];
  transport: DatagramTransport | null = null;
  echo = false;
  connectionMade(t: DatagramTransport): void {
    this.events.push('connectionMade');
    this.transport = t;
  }
  datagramReceived(data: Uint8Array, addr: SockAddr): void {
    this.events.push('datagramReceived');
    this.got.push([new TextDecoder().decode(data), addr]);
    if (this.echo) this.transport?.sendto(data, addr);
  }
  errorReceived(): void {
    this.events.push('errorReceived');
  }
  connectionLost(): void {
    this.events.push('connectionLost');
  }
}

section('datagram', 'Datagram Transports', () => {
  statement(
    'datagram.round-trip.order',
    'datagrams go both ways with their address; connectionMade first, connectionLost last',
    async ({ loop, run }) => {
      const server = new Dgram();
      server.echo = true;
      const client = new Dgram();
      await run(
        (function* () {
          const [st] = yield* loop.createDatagramEndpoint(() => server, { localAddr: ['127.0.0.1', 0] });
          const [, port] = st.getExtraInfo('sockname') as [string, number];
          const [ct] = yield* loop.createDatagramEndpoint(() => client, { remoteAddr: ['127.0.0.1', port] });
          ct.sendto(bytes('ping'));
          yield* until(loop, () => client.got.length === 1);
          ct.close();
          st.close();
          yield* until(
            loop,
            () => client.events.includes('connectionLost') && server.events.includes('connectionLost'),
          );
        })(),
      );
      expect(server.got[0][0]).toBe('ping');
      expect((server.got[0][1] as [string, number])[0]).toBe('127.0.0.1');
      expect(client.got[0][0]).toBe('ping');
      expect(client.events).toEqual(['connectionMade', 'datagramReceived', 'connectionLost']);
    },
  );

  statement(
    'datagram.sendto.checks',
    'sendto refuses non-bytes (TypeError), and a missing or mismatched address (ValueError)',
    async ({ loop, run }) => {
      const names = await run(
        (function* () {
          const [free] = yield* loop.createDatagramEndpoint(() => new Dgram(), {
            localAddr: ['127.0.0.1', 0],
          });
          const [, port] = free.getExtraInfo('sockname') as [string, number];
          const [connected] = yield* loop.createDatagramEndpoint(() => new Dgram(), {
            remoteAddr: ['127.0.0.1', port],
          });
          const out = [
            errorName(thrown(() => free.sendto('x' as unknown as Uint8Array, ['127.0.0.1', port]))),
            errorName(thrown(() => free.sendto(bytes('x')))),
            errorName(thrown(() => connected.sendto(bytes('x'), ['127.0.0.1', port + 1]))),
          ];
          free.close();
          connected.close();
          return out;
        })(),
      );
      expect(names).toEqual(['TypeError', 'ValueError', 'ValueError']);
    },
  );
});
