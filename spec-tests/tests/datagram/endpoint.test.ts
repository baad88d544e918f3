// spec-tests/tests/datagram/endpoint.test.ts: PEP 3156 § Internet connections (create_datagram_endpoint)
// > create_datagram_endpoint(protocol_factory, local_addr=None, remote_addr=None, *, family=0, ...).
// > ... local_addr ... to bind the socket to locally. remote_addr ... to connect the socket to.
import { createSocket } from 'node:dgram';
import { Socket as NetSocket } from 'node:net';
import { expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { Dgram } from '../support/datagram.js';
import { errorName } from '../support/index.js';
import { bytes, until } from '../support/net.js';

/** Whether this host has an IPv6 loopback for UDP (checked with node:dgram, not the loop). */
const hasIpv6 = () =>
  new Promise<boolean>((resolve) => {
    const s = createSocket('udp6');
    s.once('error', () => {
      s.close();
      resolve(false);
    });
    s.bind(0, '::1', () => s.close(() => resolve(true)));
  });

section('datagram', 'Internet connections', () => {
  statement(
    'datagram.create.arguments',
    'createDatagramEndpoint refuses reuseAddress (TypeError), address options with sock or a stream socket (ValueError), reusePort (NotImplementedError), bad addresses (TypeError)',
    async ({ loop, run }) => {
      const names = await run(
        (function* () {
          const f = () => new Dgram();
          const sock = createSocket('udp4');
          const stream = new NetSocket();
          const cases: [string, () => ReturnType<typeof loop.createDatagramEndpoint>][] = [
            [
              'reuseAddress',
              () => loop.createDatagramEndpoint(f, { localAddr: ['127.0.0.1', 0], reuseAddress: true }),
            ],
            [
              'reusePort',
              () => loop.createDatagramEndpoint(f, { localAddr: ['127.0.0.1', 0], reusePort: true }),
            ],
            ['no address, no family', () => loop.createDatagramEndpoint(f, {})],
            [
              'sock with localAddr',
              () => loop.createDatagramEndpoint(f, { sock, localAddr: ['127.0.0.1', 0] }),
            ],
            ['sock not a socket', () => loop.createDatagramEndpoint(f, { sock: {} })],
            ['sock a stream socket', () => loop.createDatagramEndpoint(f, { sock: stream })],
            ['localAddr a string', () => loop.createDatagramEndpoint(f, { localAddr: '127.0.0.1' as never })],
            ['remote port 70000', () => loop.createDatagramEndpoint(f, { remoteAddr: ['127.0.0.1', 70000] })],
            ['factory', () => loop.createDatagramEndpoint(1 as never, { localAddr: ['127.0.0.1', 0] })],
          ];
          const out: Record<string, string> = {};
          for (const [what, call] of cases) {
            try {
              const [t] = yield* call();
              t.close();
              out[what] = 'created';
            } catch (e) {
              out[what] = errorName(e);
            }
          }
          sock.close();
          stream.destroy();
          return out;
        })(),
      );
      expect(names).toEqual({
        reuseAddress: 'TypeError',
        reusePort: 'NotImplementedError',
        'no address, no family': 'ValueError',
        'sock with localAddr': 'ValueError',
        'sock not a socket': 'TypeError',
        'sock a stream socket': 'ValueError',
        'localAddr a string': 'TypeError',
        'remote port 70000': 'TypeError',
        factory: 'TypeError',
      });
    },
  );

  statement(
    'datagram.create.addresses',
    'localAddr is bound, remoteAddr connected (peername set, sendto without an address); both together',
    async ({ loop, run }) => {
      const server = new Dgram();
      const client = new Dgram();
      const got = await run(
        (function* () {
          const [st] = yield* loop.createDatagramEndpoint(() => server, { localAddr: ['127.0.0.1', 0] });
          const [, port] = st.getExtraInfo('sockname') as [string, number];
          const unconnectedPeer = st.getExtraInfo('peername', 'none');
          // Find a free local port for the client to bind (bind one, note it, let it go).
          // isClosing() is true at once, but a loop may close the socket only later (asyncio does
          // it with connection_lost): wait for connectionLost before binding the port again.
          const probing = new Dgram();
          const [probe] = yield* loop.createDatagramEndpoint(() => probing, {
            localAddr: ['127.0.0.1', 0],
          });
          const [, free] = probe.getExtraInfo('sockname') as [string, number];
          probe.close();
          yield* until(loop, () => probing.events.includes('connectionLost'));
          const [ct] = yield* loop.createDatagramEndpoint(() => client, {
            localAddr: ['127.0.0.1', free],
            remoteAddr: ['127.0.0.1', port],
          });
          ct.sendto(bytes('hello'));
          yield* until(loop, () => server.got.length === 1);
          const out = [
            unconnectedPeer,
            ct.getExtraInfo('peername'),
            ct.getExtraInfo('sockname'),
            server.got[0],
          ];
          ct.close();
          st.close();
          yield* until(
            loop,
            () => client.events.includes('connectionLost') && server.events.includes('connectionLost'),
          );
          return [out, free];
        })(),
      );
      const [[unconnectedPeer, peer, sockname, received], free] = got as [unknown[], number];
      expect(unconnectedPeer, "an unconnected endpoint's peername is null (asyncio's None)").toBeNull();
      expect((peer as unknown[]).slice(0, 2)[0]).toBe('127.0.0.1');
      expect(sockname).toEqual(['127.0.0.1', free]);
      expect(received).toEqual(['hello', ['127.0.0.1', free]]);
    },
  );

  statement(
    'datagram.create.family',
    'with only family given, the endpoint gets an ephemeral local address of that family',
    async ({ loop, run }) => {
      const v6 = await hasIpv6();
      const got = await run(
        (function* () {
          const [t4] = yield* loop.createDatagramEndpoint(() => new Dgram(), { family: 2 });
          const s4 = (t4.getExtraInfo('sockname') as unknown[]).length;
          t4.close();
          let s6 = 4;
          if (v6) {
            const [t6] = yield* loop.createDatagramEndpoint(() => new Dgram(), { family: 10 });
            s6 = (t6.getExtraInfo('sockname') as unknown[]).length;
            t6.close();
          }
          return [s4, s6];
        })(),
      );
      expect(got, 'IPv4 sockaddr has 2 fields, IPv6 4').toEqual([2, 4]);
    },
  );

  statement(
    'datagram.create.ipv6',
    'datagram endpoints work over IPv6 loopback (::1) when the host has it',
    async ({ loop, run }) => {
      if (!(await hasIpv6())) return;
      const server = new Dgram();
      const client = new Dgram();
      const got = await run(
        (function* () {
          const [st] = yield* loop.createDatagramEndpoint(() => server, { localAddr: ['::1', 0] });
          const [, port] = st.getExtraInfo('sockname') as [string, number];
          const [ct] = yield* loop.createDatagramEndpoint(() => client, { remoteAddr: ['::1', port] });
          ct.sendto(bytes('six'));
          yield* until(loop, () => server.got.length === 1);
          ct.close();
          st.close();
          return server.got[0];
        })(),
      );
      const [text, addr] = got ?? ['', []];
      expect(text).toBe('six');
      expect((addr as unknown[])[0]).toBe('::1');
      expect((addr as unknown[]).length).toBe(4);
    },
  );

  statement(
    'datagram.create.broadcast',
    'allowBroadcast lets the endpoint send to a broadcast address (loopback 127.255.255.255); without it the send fails',
    async ({ loop, run }) => {
      const receiver = new Dgram();
      const plain = new Dgram();
      const broadcasting = new Dgram();
      const got = await run(
        (function* () {
          const [rt] = yield* loop.createDatagramEndpoint(() => receiver, { localAddr: ['0.0.0.0', 0] });
          const [, port] = rt.getExtraInfo('sockname') as [string, number];
          const [pt] = yield* loop.createDatagramEndpoint(() => plain, { localAddr: ['127.0.0.1', 0] });
          const [bt] = yield* loop.createDatagramEndpoint(() => broadcasting, {
            localAddr: ['127.0.0.1', 0],
            allowBroadcast: true,
          });
          pt.sendto(bytes('denied'), ['127.255.255.255', port]);
          bt.sendto(bytes('allowed'), ['127.255.255.255', port]);
          yield* until(loop, () => plain.errors.length === 1 && receiver.got.length >= 1);
          const f = loop.createFuture<void>();
          loop.callLater(0.05, () => f.setResult(undefined));
          yield* f;
          const stillOpen = !pt.isClosing();
          for (const t of [rt, pt, bt]) t.close();
          return [
            errorName(plain.errors[0]),
            broadcasting.errors.length,
            receiver.got.map(([text]) => text),
            stillOpen,
          ];
        })(),
      );
      expect(got).toEqual(['PermissionError', 0, ['allowed'], true]);
    },
  );

  statement(
    'datagram.create.sock',
    'createDatagramEndpoint with sock uses a given node:dgram socket, bound or not',
    async ({ loop, run }) => {
      const server = new Dgram();
      const got = await run(
        (function* () {
          const bound = createSocket('udp4');
          const ready = loop.createFuture<void>();
          bound.bind(0, '127.0.0.1', () => loop.callSoonThreadsafe(() => ready.setResult(undefined)));
          yield* ready;
          const [st] = yield* loop.createDatagramEndpoint(() => server, { sock: bound });
          const sockname = st.getExtraInfo('sockname') as [string, number];
          const [ct] = yield* loop.createDatagramEndpoint(() => new Dgram(), { sock: createSocket('udp4') });
          ct.sendto(bytes('via sock'), ['127.0.0.1', sockname[1]]);
          yield* until(loop, () => server.got.length === 1);
          const same = sockname[1] === (bound.address() as { port: number }).port;
          ct.close();
          st.close();
          return [same, server.got[0]?.[0]];
        })(),
      );
      expect(got).toEqual([true, 'via sock']);
    },
  );
});
