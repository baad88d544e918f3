// spec-tests/tests/datagram/udp.test.ts: PEP 3156 § Datagram Transports, § Datagram Protocols
// > sendto(data, addr=None) ... datagram_received(data, addr) ... connection_lost() is called exactly once.
import type { AbstractEventLoop } from 'pep3156/spec';
import { expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { Dgram } from '../support/datagram.js';
import { errorName, thrown } from '../support/index.js';
import { bytes, settle, until } from '../support/net.js';

section('datagram', 'Datagram Transports', () => {
  statement(
    'datagram.round-trip.order',
    'datagrams go both ways with their address; connectionMade first, connectionLost last',
    async ({ loop, run }) => {
      const server = new Dgram();
      server.echo = true;
      const client = new Dgram();
      const { serverAddr, clientAddr } = await run(
        (function* () {
          const [st] = yield* loop.createDatagramEndpoint(() => server, { localAddr: ['127.0.0.1', 0] });
          const [, port] = st.getExtraInfo('sockname') as [string, number];
          const [ct] = yield* loop.createDatagramEndpoint(() => client, { remoteAddr: ['127.0.0.1', port] });
          const [, clientPort] = ct.getExtraInfo('sockname') as [string, number];
          ct.sendto(bytes('ping'));
          yield* until(loop, () => client.got.length === 1);
          ct.close();
          st.close();
          yield* until(
            loop,
            () => client.events.includes('connectionLost') && server.events.includes('connectionLost'),
          );
          return { serverAddr: ['127.0.0.1', port], clientAddr: ['127.0.0.1', clientPort] };
        })(),
      );
      expect(server.got[0][0]).toBe('ping');
      expect((server.got[0][1] as unknown[]).slice(0, 2), 'the server is told who sent it').toEqual(
        clientAddr,
      );
      expect(client.got[0][0]).toBe('ping');
      expect((client.got[0][1] as unknown[]).slice(0, 2), 'the client is told who replied').toEqual(
        serverAddr,
      );
      expect(client.events).toEqual(['connectionMade', 'datagramReceived', 'connectionLost']);
    },
  );

  statement(
    'datagram.sendto.checks',
    'sendto refuses non-bytes (TypeError), and an address other than the remote one (ValueError)',
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
            errorName(thrown(() => connected.sendto(bytes('x'), ['127.0.0.1', port + 1]))),
          ];
          free.close();
          connected.close();
          return out;
        })(),
      );
      expect(names).toEqual(['TypeError', 'ValueError']);
    },
  );
});

/** A free loopback UDP port: bound, then closed. */
function* deadPort(loop: AbstractEventLoop) {
  const proto = new Dgram();
  const [t] = yield* loop.createDatagramEndpoint(() => proto, { localAddr: ['127.0.0.1', 0] });
  const [, port] = t.getExtraInfo('sockname') as [string, number];
  t.close();
  // The socket may stay open until connectionLost (asyncio closes it then): only then is it dead.
  yield* until(loop, () => proto.events.includes('connectionLost'));
  return port;
}

/** A receiving endpoint on loopback and its port. */
function* receiver(loop: AbstractEventLoop, proto = new Dgram()) {
  const [t] = yield* loop.createDatagramEndpoint(() => proto, { localAddr: ['127.0.0.1', 0] });
  const [, port] = t.getExtraInfo('sockname') as [string, number];
  return { t, port, proto };
}

section('datagram', 'Datagram Protocols', () => {
  statement(
    'datagram.order.made-first',
    'connectionMade is the first call, once, before createDatagramEndpoint resolves',
    async ({ loop, run }) => {
      const proto = new Dgram();
      const early = await run(
        (function* () {
          const [t] = yield* loop.createDatagramEndpoint(() => proto, { localAddr: ['127.0.0.1', 0] });
          const seen = [...proto.events];
          t.close();
          yield* until(loop, () => proto.events.includes('connectionLost'));
          return seen;
        })(),
      );
      expect(early).toEqual(['connectionMade']);
      expect(proto.events).toEqual(['connectionMade', 'connectionLost']);
    },
  );

  statement(
    'datagram.close.lost-once',
    'close() makes isClosing() true at once; connectionLost(null) follows once, and nothing after it',
    async ({ loop, run }) => {
      const proto = new Dgram();
      const peer = new Dgram();
      const got = await run(
        (function* () {
          const r = yield* receiver(loop, peer);
          const [t] = yield* loop.createDatagramEndpoint(() => proto, { remoteAddr: ['127.0.0.1', r.port] });
          const [, port] = t.getExtraInfo('sockname') as [string, number];
          t.close();
          const closing = t.isClosing();
          t.close();
          t.abort();
          t.sendto(bytes('after close'));
          r.t.sendto(bytes('to a closed endpoint'), ['127.0.0.1', port]);
          yield* until(loop, () => proto.events.includes('connectionLost'));
          yield* settle(loop);
          r.t.close();
          return { closing, lostWith: proto.lostWith };
        })(),
      );
      expect(got).toEqual({ closing: true, lostWith: null });
      expect(proto.events).toEqual(['connectionMade', 'connectionLost']);
      expect(peer.got, 'nothing was sent after close()').toEqual([]);
    },
  );

  statement(
    'datagram.abort.lost-once',
    'abort() makes isClosing() true at once; connectionLost(null) follows once',
    async ({ loop, run }) => {
      const proto = new Dgram();
      const got = await run(
        (function* () {
          const [t] = yield* loop.createDatagramEndpoint(() => proto, { localAddr: ['127.0.0.1', 0] });
          t.abort();
          const closing = t.isClosing();
          t.abort();
          yield* until(loop, () => proto.events.includes('connectionLost'));
          yield* settle(loop);
          return { closing, lostWith: proto.lostWith };
        })(),
      );
      expect(got).toEqual({ closing: true, lostWith: null });
      expect(proto.events).toEqual(['connectionMade', 'connectionLost']);
    },
  );

  statement(
    'datagram.close.next-iteration',
    'with nothing waiting to be sent, connectionLost comes in the loop iteration after close() or abort()',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          let it = 0;
          let ticking = true;
          const tick = () => {
            it += 1;
            if (ticking) loop.callSoon(tick);
          };
          loop.callSoon(tick);
          const out: Record<string, [boolean, number]> = {};
          for (const how of ['close', 'abort'] as const) {
            const proto = new Dgram();
            let lostAt = -1;
            const record = proto.connectionLost.bind(proto);
            proto.connectionLost = (exc) => {
              lostAt = it;
              record(exc);
            };
            const [t] = yield* loop.createDatagramEndpoint(() => proto, { localAddr: ['127.0.0.1', 0] });
            yield* settle(loop, 0.005);
            const at = it;
            t[how]();
            const synchronous = lostAt !== -1;
            yield* until(loop, () => lostAt !== -1);
            out[how] = [synchronous, lostAt - at];
          }
          ticking = false;
          return out;
        })(),
      );
      // The iteration of close() may already have run the ticker or not: the loss is at most one
      // tick later, never inside close() itself.
      for (const how of ['close', 'abort']) {
        const [synchronous, later] = got[how] ?? [true, -1];
        expect(synchronous, `${how}(): connectionLost is not called inside it`).toBe(false);
        expect(later, `${how}(): connectionLost comes in the next iteration`).toBeLessThanOrEqual(1);
      }
    },
  );

  statement(
    'datagram.close.flushes',
    'close() right after sendto still sends every datagram handed to sendto',
    async ({ loop, run }) => {
      const peer = new Dgram();
      const got = await run(
        (function* () {
          const r = yield* receiver(loop, peer);
          const proto = new Dgram();
          const [t] = yield* loop.createDatagramEndpoint(() => proto, { localAddr: ['127.0.0.1', 0] });
          for (let i = 0; i < 10; i++) t.sendto(bytes(`d${i}`), ['127.0.0.1', r.port]);
          t.close();
          yield* until(loop, () => proto.events.includes('connectionLost') && peer.got.length === 10);
          r.t.close();
          return peer.got.map(([d]) => d).sort();
        })(),
      );
      expect(got).toEqual(['d0', 'd1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7', 'd8', 'd9']);
    },
  );

  statement(
    'datagram.error-received.refused',
    'a connected endpoint sending to a closed port gets errorReceived(ConnectionRefusedError) and stays open',
    async ({ loop, run }) => {
      const proto = new Dgram();
      const got = await run(
        (function* () {
          const port = yield* deadPort(loop);
          const [t] = yield* loop.createDatagramEndpoint(() => proto, { remoteAddr: ['127.0.0.1', port] });
          for (let i = 0; i < 20 && proto.errors.length === 0; i++) {
            t.sendto(bytes('anyone?'));
            yield* settle(loop, 0.005);
          }
          const open = !t.isClosing() && !proto.events.includes('connectionLost');
          t.sendto(bytes('still sending'));
          t.close();
          yield* until(loop, () => proto.events.includes('connectionLost'));
          return { open, error: proto.errors[0] };
        })(),
      );
      expect(errorName(got.error)).toBe('ConnectionRefusedError');
      expect((got.error as { code?: string }).code).toBe('ECONNREFUSED');
      expect(got.open, 'errorReceived does not close the endpoint').toBe(true);
      expect(proto.lostWith).toBeNull();
    },
  );
});

section('datagram', 'Datagram Transports', () => {
  statement(
    'datagram.extra-info.names',
    'getExtraInfo gives sockname and socket; peername is the remote address, or the default when there is none',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const r = yield* receiver(loop);
          const [t] = yield* loop.createDatagramEndpoint(() => new Dgram(), {
            remoteAddr: ['127.0.0.1', r.port],
          });
          const sock = t.getExtraInfo('socket') as { send?: unknown } | undefined;
          const out = {
            sockname: (t.getExtraInfo('sockname') as [string, number])[0],
            port: typeof (t.getExtraInfo('sockname') as [string, number])[1],
            peername: (t.getExtraInfo('peername') as [string, number]).slice(0, 2),
            unconnected: r.t.getExtraInfo('peername', 'none'),
            socket: typeof sock?.send,
            unknown: t.getExtraInfo('no-such-name', 'dflt'),
          };
          t.close();
          r.t.close();
          return { out, remote: r.port };
        })(),
      );
      expect(got.out).toEqual({
        sockname: '127.0.0.1',
        port: 'number',
        peername: ['127.0.0.1', got.remote],
        unconnected: null,
        socket: 'function',
        unknown: 'dflt',
      });
    },
  );
});

section('datagram', 'Methods For All Transports', () => {
  statement(
    'datagram.protocol.set',
    'after setProtocol(p) a datagram endpoint calls p, and getProtocol() returns it',
    async ({ loop, run }) => {
      const first = new Dgram();
      const second = new Dgram();
      const got = await run(
        (function* () {
          const r = yield* receiver(loop, first);
          const before = r.t.getProtocol() === first;
          r.t.setProtocol(second);
          const [sender] = yield* loop.createDatagramEndpoint(() => new Dgram(), {
            remoteAddr: ['127.0.0.1', r.port],
          });
          sender.sendto(bytes('to the second'));
          yield* until(loop, () => second.got.length === 1);
          sender.close();
          r.t.close();
          yield* until(loop, () => second.events.includes('connectionLost'));
          return { before, after: r.t.getProtocol() === second };
        })(),
      );
      expect(got).toEqual({ before: true, after: true });
      expect(second.got[0][0]).toBe('to the second');
      expect(first.events).toEqual(['connectionMade']);
    },
  );
});
