// spec-tests/tests/sockets/wrapped.test.ts: PEP 3156 § Wrapped Socket Methods
// > sock_recv(sock, n). Receive up to n bytes from socket sock. ... sock_sendall(sock, data). Send
// > bytes data to socket sock. ... sock_connect(sock, address). Connect to the given address. ...
// > sock_accept(sock). Accept a connection from a socket. ... a tuple (conn, peer).
import type { SockAddr } from 'pep3156/spec';
import { expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { errorName, thrown } from '../support/index.js';
import { bytes, Recorder, settle, until } from '../support/net.js';
import {
  closeAll,
  connectedPair,
  failureOf,
  hooksOf,
  listening,
  recvAll,
  text,
  withListener,
} from '../support/sockets.js';

section('sockets', 'Wrapped Socket Methods', () => {
  statement(
    'sockets.recv.partial',
    'sockRecv(sock, n) gives at most n bytes, waits when none are there, and leaves the rest for the next call',
    async ({ loop, adapter, run }) => {
      await withListener(adapter, async (h, listener, opened) => {
        const out = await run(
          (function* () {
            const { client, conn } = yield* connectedPair(loop, h, listener, opened);
            const waiting = loop.sockRecv(conn, 4);
            yield* settle(loop, 0.01);
            const doneBeforeSend = waiting.done();
            yield* loop.sockSendall(client, bytes('0123456789'));
            const first = yield* waiting;
            const rest = yield* recvAll(loop, conn, 10 - first.length, 100);
            return { doneBeforeSend, first: text(first), rest: text(rest) };
          })(),
        );
        expect(out.doneBeforeSend, 'sockRecv waits while nothing was received').toBe(false);
        expect(out.first.length).toBeGreaterThan(0);
        expect(out.first.length, 'at most n bytes').toBeLessThanOrEqual(4);
        expect(out.first + out.rest, 'no byte lost or repeated').toBe('0123456789');
      });
    },
  );

  statement(
    'sockets.recv.eof',
    'after the peer closes, sockRecv gives the bytes still there, then an empty Uint8Array, every time',
    async ({ loop, adapter, run }) => {
      await withListener(adapter, async (h, listener, opened) => {
        const out = await run(
          (function* () {
            const { client, conn } = yield* connectedPair(loop, h, listener, opened);
            yield* loop.sockSendall(client, bytes('bye'));
            h.close(client);
            const data = yield* recvAll(loop, conn, 100);
            const again = yield* loop.sockRecv(conn, 10);
            return { data: text(data), again };
          })(),
        );
        expect(out.data).toBe('bye');
        expect(out.again).toBeInstanceOf(Uint8Array);
        expect(out.again.length, 'EOF is an empty result').toBe(0);
      });
    },
  );

  statement(
    'sockets.recv-into.count',
    'sockRecvInto(sock, buf) writes into the start of buf and resolves to the count; 0 at EOF',
    async ({ loop, adapter, run }) => {
      await withListener(adapter, async (h, listener, opened) => {
        const out = await run(
          (function* () {
            const { client, conn } = yield* connectedPair(loop, h, listener, opened);
            yield* loop.sockSendall(client, bytes('abcdef'));
            const buf = new Uint8Array(4).fill(0x2e);
            const n = yield* loop.sockRecvInto(conn, buf);
            const got = text(buf.subarray(0, n));
            const tail = text(buf.subarray(n));
            const rest = yield* recvAll(loop, conn, 6 - n);
            h.close(client);
            const atEof = yield* loop.sockRecvInto(conn, new Uint8Array(8));
            return { n, got, tail, rest: text(rest), atEof };
          })(),
        );
        expect(out.n).toBeGreaterThan(0);
        expect(out.n).toBeLessThanOrEqual(4);
        expect(out.tail, 'bytes past the count are untouched').toBe('.'.repeat(4 - out.n));
        expect(out.got + out.rest).toBe('abcdef');
        expect(out.atEof).toBe(0);
      });
    },
  );

  statement(
    'sockets.recv.cancel-keeps-data',
    'a sockRecv cancelled while waiting takes no bytes: the next call gets all of them',
    async ({ loop, adapter, run }) => {
      await withListener(adapter, async (h, listener, opened) => {
        const out = await run(
          (function* () {
            const { client, conn } = yield* connectedPair(loop, h, listener, opened);
            const cancelled = loop.sockRecv(conn, 100);
            yield* settle(loop, 0.01);
            cancelled.cancel();
            yield* loop.sockSendall(client, bytes('all of it'));
            const got = yield* recvAll(loop, conn, 9);
            return { cancelled: cancelled.cancelled(), got: text(got) };
          })(),
        );
        expect(out.cancelled).toBe(true);
        expect(out.got).toBe('all of it');
      });
    },
  );

  statement(
    'sockets.sendall.whole',
    'sockSendall resolves to undefined once all of a 4 MiB buffer is sent; it arrives whole and in order',
    async ({ loop, adapter, run }) => {
      const h = hooksOf(adapter);
      const opened: unknown[] = [];
      const listener = await listening(h, opened);
      const size = 4 * 1024 * 1024;
      const data = new Uint8Array(size);
      for (let i = 0; i < size; i++) data[i] = (i * 7 + (i >> 12)) & 0xff;
      try {
        const out = await run(
          (function* () {
            const { client, conn } = yield* connectedPair(loop, h, listener, opened);
            const receiving = loop.createTask(recvAll(loop, conn, size));
            const result = yield* loop.sockSendall(client, data);
            const got = yield* receiving;
            return { result, got };
          })(),
        );
        expect(out.result).toBeUndefined();
        expect(out.got.length).toBe(size);
        let firstDiff = -1;
        for (let i = 0; i < size; i++) {
          if (out.got[i] !== data[i]) {
            firstDiff = i;
            break;
          }
        }
        expect(firstDiff, 'first differing byte').toBe(-1);
      } finally {
        closeAll(h, opened);
      }
    },
    { timeout: 20000 },
  );

  statement(
    'sockets.ready.no-iteration',
    'sockRecv/sockRecvInto with bytes waiting and a small sockSendall complete without a loop iteration',
    async ({ loop, adapter, run }) => {
      await withListener(adapter, async (h, listener, opened) => {
        const out = await run(
          (function* () {
            const { client, conn } = yield* connectedPair(loop, h, listener, opened);
            let it = 0;
            let ticking = true;
            const tick = () => {
              it += 1;
              if (ticking) loop.callSoon(tick);
            };
            loop.callSoon(tick);
            yield* loop.sockSendall(client, bytes('abcdef'));
            yield* settle(loop, 0.02);
            let at = it;
            const got = yield* loop.sockRecv(conn, 3);
            const recv = it - at;
            at = it;
            const n = yield* loop.sockRecvInto(conn, new Uint8Array(3));
            const recvInto = it - at;
            at = it;
            yield* loop.sockSendall(client, bytes('xyz'));
            const sendall = it - at;
            const echoed = yield* recvAll(loop, conn, 3);
            ticking = false;
            return { recv, recvInto, sendall, got: text(got) + String(n), echoed: text(echoed) };
          })(),
        );
        expect(out).toEqual({ recv: 0, recvInto: 0, sendall: 0, got: 'abc3', echoed: 'xyz' });
      });
    },
  );

  statement(
    'sockets.connect.refused',
    'sockConnect to a loopback port nobody listens on fails with ConnectionRefusedError',
    async ({ loop, adapter, run }) => {
      const h = hooksOf(adapter);
      const opened: unknown[] = [];
      const closed = await h.listenTcp();
      h.close(closed.sock);
      try {
        const error = await run(
          (function* () {
            const sock = h.newTcpSocket();
            opened.push(sock);
            return yield* failureOf(loop, () => loop.sockConnect(sock, ['127.0.0.1', closed.port]));
          })(),
        );
        expect(errorName(error)).toBe('ConnectionRefusedError');
      } finally {
        closeAll(h, opened);
      }
    },
  );

  statement(
    'sockets.accept.several',
    'sockAccept gives each connection once, with its peer address, including those that arrived before the call',
    async ({ loop, adapter, run }) => {
      await withListener(adapter, async (h, listener, opened) => {
        const out = await run(
          (function* () {
            const clients = [0, 1, 2].map(() => h.newTcpSocket());
            opened.push(...clients);
            const first = loop.sockAccept(listener.sock);
            for (const [i, c] of clients.entries()) {
              yield* loop.sockConnect(c, ['127.0.0.1', listener.port]);
              yield* loop.sockSendall(c, bytes(String(i)));
            }
            const accepted: [unknown, SockAddr][] = [yield* first];
            for (let i = 1; i < 3; i++) accepted.push(yield* loop.sockAccept(listener.sock));
            opened.push(...accepted.map(([conn]) => conn));
            const said: string[] = [];
            for (const [conn] of accepted) said.push(text(yield* loop.sockRecv(conn, 10)));
            return { said, addresses: accepted.map(([, a]) => a) };
          })(),
        );
        expect([...out.said].sort(), 'every client accepted once').toEqual(['0', '1', '2']);
        for (const address of out.addresses) {
          const [host, port] = address as [string, number];
          expect(host).toBe('127.0.0.1');
          expect(Number.isInteger(port) && port > 0 && port !== listener.port).toBe(true);
        }
        const ports = new Set(out.addresses.map((a) => (a as [string, number])[1]));
        expect(ports.size, 'three distinct peers').toBe(3);
      });
    },
  );

  statement(
    'sockets.connect.then-transport',
    'a socket connected with sockConnect can be wrapped by createConnection({ sock }); bytes not yet read reach the protocol',
    async ({ loop, adapter, run }) => {
      const h = hooksOf(adapter);
      const opened: unknown[] = [];
      const listener = await listening(h, opened);
      const recorder = new Recorder();
      try {
        const out = await run(
          (function* () {
            const { client, conn } = yield* connectedPair(loop, h, listener, opened);
            // The sockRecv waits (so the socket is being watched) before the bytes come.
            const heading = loop.sockRecv(client, 2);
            yield* settle(loop, 0.01);
            yield* loop.sockSendall(conn, bytes('hello'));
            const head = yield* heading;
            const [transport] = yield* loop.createConnection(() => recorder, null, null, { sock: client });
            yield* until(loop, () => recorder.text().length >= 5 - head.length);
            transport.write(bytes('back'));
            const back = yield* recvAll(loop, conn, 4);
            transport.close();
            yield* until(loop, () => recorder.events.includes('connectionLost'));
            return { head: text(head), back: text(back) };
          })(),
        );
        expect(out.head + recorder.text(), 'every byte once, in order').toBe('hello');
        expect(out.back).toBe('back');
        expect(recorder.shape()).toEqual(['connectionMade', 'dataReceived', 'connectionLost']);
      } finally {
        closeAll(h, opened);
      }
    },
    { features: ['transport'] },
  );

  statement(
    'sockets.transport.exclusive',
    'while a transport wraps a socket, addReader, addWriter and a sockRecv with no bytes waiting fail with RuntimeError',
    async ({ loop, adapter, run }) => {
      const h = hooksOf(adapter);
      const opened: unknown[] = [];
      const listener = await listening(h, opened);
      const recorder = new Recorder();
      try {
        const out = await run(
          (function* () {
            const { client, conn } = yield* connectedPair(loop, h, listener, opened);
            const [transport] = yield* loop.createConnection(() => recorder, null, null, { sock: client });
            const names: string[] = [];
            names.push(errorName(yield* failureOf(loop, () => loop.sockRecv(client, 1))));
            names.push(errorName(thrown(() => loop.addReader(client, () => {}))));
            names.push(errorName(thrown(() => loop.addWriter(client, () => {}))));
            // The transport still gets every byte.
            yield* loop.sockSendall(conn, bytes('intact'));
            yield* until(loop, () => recorder.text().length >= 6);
            transport.close();
            yield* until(loop, () => recorder.events.includes('connectionLost'));
            return names;
          })(),
        );
        expect(out).toEqual(['RuntimeError', 'RuntimeError', 'RuntimeError']);
        expect(recorder.text()).toBe('intact');
      } finally {
        closeAll(h, opened);
      }
    },
    { features: ['transport'] },
  );

  statement(
    'sockets.arguments.type',
    'the sock methods refuse what is not a socket, and sockRecv, sockRecvInto and sockSendall refuse bad sizes and data, with TypeError',
    async ({ loop, adapter, run }) => {
      await withListener(adapter, async (h, listener, opened) => {
        const names = await run(
          (function* () {
            const { conn } = yield* connectedPair(loop, h, listener, opened);
            const calls = [
              () => loop.sockRecv('not a socket', 10),
              () => loop.sockRecv({}, 10),
              () => loop.sockRecv(conn, 'ten' as unknown as number),
              () => loop.sockRecvInto(conn, 'buffer' as unknown as Uint8Array),
              () => loop.sockSendall(conn, 'text' as unknown as Uint8Array),
              () => loop.sockSendall(null, new Uint8Array(1)),
              () => loop.sockConnect({}, ['127.0.0.1', listener.port]),
              () => loop.sockAccept('not a socket'),
            ];
            const out: string[] = [];
            for (const call of calls) out.push(errorName(yield* failureOf(loop, call)));
            return out;
          })(),
        );
        expect(names).toEqual(names.map(() => 'TypeError'));
      });
    },
  );
});
