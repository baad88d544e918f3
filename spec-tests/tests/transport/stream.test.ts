// spec-tests/tests/transport/stream.test.ts: PEP 3156 § Bidirectional Stream Transports
// > write(data). Write some bytes. ... close(). Close the connection after all pending data has been
// > sent. ... abort(). Close the connection immediately, discarding pending data.
import type { Transport } from 'pep3156/spec';
import { expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { errorName, thrown } from '../support/index.js';
import { bytes, listen, Recorder, until } from '../support/net.js';

section('transport', 'Bidirectional Stream Transports', () => {
  statement(
    'transport.write.type-error',
    'write() with anything but a Uint8Array throws TypeError',
    async ({ loop, run }) => {
      const names = await run(
        (function* () {
          const srv = yield* listen(loop);
          const [t] = yield* loop.createConnection(() => new Recorder(), '127.0.0.1', srv.port);
          const out = [
            errorName(thrown(() => t.write('text' as unknown as Uint8Array))),
            errorName(thrown(() => t.write(null as unknown as Uint8Array))),
          ];
          t.close();
          srv.server.close();
          return out;
        })(),
      );
      expect(names).toEqual(['TypeError', 'TypeError']);
    },
  );

  statement(
    'transport.write.stream-semantics',
    'writes arrive in order as one byte stream; writelines is repeated write',
    async ({ loop, run }) => {
      const text = await run(
        (function* () {
          const srv = yield* listen(loop);
          const [t] = yield* loop.createConnection(() => new Recorder(), '127.0.0.1', srv.port);
          t.write(bytes('abc'));
          t.write(new Uint8Array(0));
          t.writelines([bytes('d'), bytes('e'), bytes('f')]);
          for (const ch of 'ghi') t.write(bytes(ch));
          t.close();
          yield* until(
            loop,
            () =>
              srv.accepted.length === 1 && (srv.accepted[0] as Recorder).events.includes('connectionLost'),
          );
          srv.server.close();
          return (srv.accepted[0] as Recorder).text();
        })(),
      );
      expect(text).toBe('abcdefghi');
    },
  );

  statement(
    'transport.close.flushes',
    'close() sends everything written before it, then connectionLost(null)',
    async ({ loop, run }) => {
      const client = new Recorder();
      const got = await run(
        (function* () {
          const srv = yield* listen(loop);
          const [t] = yield* loop.createConnection(() => client, '127.0.0.1', srv.port);
          const big = new Uint8Array(2 * 1024 * 1024).fill(120);
          t.write(big);
          t.close();
          expect(t.isClosing()).toBe(true);
          t.close(); // idempotent
          yield* until(
            loop,
            () =>
              srv.accepted.length === 1 && (srv.accepted[0] as Recorder).events.includes('connectionLost'),
            5,
          );
          yield* until(loop, () => client.events.includes('connectionLost'));
          srv.server.close();
          return {
            length: (srv.accepted[0] as Recorder).received.reduce((n, c) => n + c.length, 0),
            lost: client.lostWith,
          };
        })(),
      );
      expect(got.length, 'every byte written before close() arrived').toBe(2 * 1024 * 1024);
      expect(got.lost).toBeNull();
    },
  );

  statement(
    'transport.abort.loses',
    'abort() closes at once; connectionLost(null) follows, never synchronously',
    async ({ loop, run }) => {
      const client = new Recorder();
      const got = await run(
        (function* () {
          const srv = yield* listen(loop);
          const [t] = yield* loop.createConnection(() => client, '127.0.0.1', srv.port);
          t.abort();
          const synchronous = client.events.includes('connectionLost');
          yield* until(loop, () => client.events.includes('connectionLost'));
          srv.server.close();
          return { synchronous, closing: t.isClosing(), events: client.events };
        })(),
      );
      expect(got.synchronous).toBe(false);
      expect(got.closing).toBe(true);
      expect(got.events).toEqual(['connectionMade', 'connectionLost']);
    },
  );

  statement(
    'transport.write-eof.half-close',
    'writeEof() half-closes: the peer sees EOF and can still reply',
    async ({ loop, run }) => {
      const client = new Recorder();
      client.keepOpenOnEof = false;
      const got = await run(
        (function* () {
          const srv = yield* listen(loop, () => {
            const r = new Recorder();
            r.keepOpenOnEof = true;
            r.eofReceived = () => {
              r.events.push('eofReceived');
              r.transport?.write(bytes('reply after eof'));
              r.transport?.close();
              return true;
            };
            return r;
          });
          const [t] = yield* loop.createConnection(() => client, '127.0.0.1', srv.port);
          const can = t.canWriteEof();
          t.writeEof();
          yield* until(loop, () => client.events.includes('connectionLost'));
          srv.server.close();
          return { can, text: client.text() };
        })(),
      );
      expect(got).toEqual({ can: true, text: 'reply after eof' });
    },
  );

  statement(
    'transport.read.pause',
    'while reading is paused no dataReceived arrives; resumeReading delivers what came',
    async ({ loop, run }) => {
      const client = new Recorder();
      const got = await run(
        (function* () {
          const srv = yield* listen(loop);
          const [t] = yield* loop.createConnection(() => client, '127.0.0.1', srv.port);
          yield* until(loop, () => srv.accepted.length === 1);
          t.pauseReading();
          const reading = t.isReading();
          (srv.accepted[0] as Recorder).transport?.write(bytes('while paused'));
          const f = loop.createFuture<void>();
          loop.callLater(0.05, () => f.setResult(undefined));
          yield* f;
          const during = client.text();
          t.resumeReading();
          yield* until(loop, () => client.text() === 'while paused');
          t.close();
          srv.server.close();
          return { reading, during, after: client.text(), readingAfter: t.isReading() };
        })(),
      );
      expect(got).toEqual({ reading: false, during: '', after: 'while paused', readingAfter: false });
    },
  );

  statement(
    'transport.flow-control.marks',
    'pauseWriting is called inside the write() that crosses the high mark, resumeWriting once drained',
    async ({ loop, run }) => {
      const client = new Recorder();
      const got = await run(
        (function* () {
          const srv = yield* listen(loop);
          const [t] = yield* loop.createConnection(() => client, '127.0.0.1', srv.port);
          yield* until(loop, () => srv.accepted.length === 1);
          const peer = (srv.accepted[0] as Recorder).transport as Transport;
          peer.pauseReading();
          t.setWriteBufferLimits(1024, 0);
          expect(t.getWriteBufferLimits()).toEqual([0, 1024]);
          const chunk = new Uint8Array(64 * 1024);
          let pausedInside = false;
          for (let i = 0; i < 64 && !pausedInside; i++) {
            t.write(chunk);
            pausedInside = client.events.includes('pauseWriting');
          }
          peer.resumeReading();
          yield* until(loop, () => client.events.includes('resumeWriting'), 5);
          t.close();
          srv.server.close();
          return { pausedInside, pairs: client.events.filter((e) => e.endsWith('Writing')) };
        })(),
      );
      expect(got.pausedInside, 'pauseWriting ran inside write()').toBe(true);
      expect(got.pairs.slice(0, 2)).toEqual(['pauseWriting', 'resumeWriting']);
    },
  );

  statement(
    'transport.flow-control.limits-checked',
    'setWriteBufferLimits needs 0 <= low <= high, else ValueError',
    async ({ loop, run }) => {
      const name = await run(
        (function* () {
          const srv = yield* listen(loop);
          const [t] = yield* loop.createConnection(() => new Recorder(), '127.0.0.1', srv.port);
          const n = errorName(thrown(() => t.setWriteBufferLimits(10, 20)));
          t.close();
          srv.server.close();
          return n;
        })(),
      );
      expect(name).toBe('ValueError');
    },
  );

  statement(
    'transport.extra-info.names',
    'getExtraInfo gives peername and sockname as [host, port], and the default for unknown names',
    async ({ loop, run }) => {
      const info = await run(
        (function* () {
          const srv = yield* listen(loop);
          const [t] = yield* loop.createConnection(() => new Recorder(), '127.0.0.1', srv.port);
          const out = {
            peer: t.getExtraInfo('peername') as [string, number],
            sock: t.getExtraInfo('sockname') as [string, number],
            unknown: t.getExtraInfo('no-such-key', 'dflt'),
            port: srv.port,
          };
          t.close();
          srv.server.close();
          return out;
        })(),
      );
      expect(info.peer.slice(0, 2)).toEqual(['127.0.0.1', info.port]);
      expect(info.sock[0]).toBe('127.0.0.1');
      expect(info.unknown).toBe('dflt');
    },
  );

  statement(
    'transport.protocol.get-set',
    'getProtocol returns the protocol and setProtocol replaces it',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const srv = yield* listen(loop);
          const first = new Recorder();
          const [t] = yield* loop.createConnection(() => first, '127.0.0.1', srv.port);
          const before = t.getProtocol() === first;
          const second = new Recorder();
          t.setProtocol(second);
          yield* until(loop, () => srv.accepted.length === 1);
          (srv.accepted[0] as Recorder).transport?.write(bytes('to second'));
          yield* until(loop, () => second.text() === 'to second');
          t.close();
          srv.server.close();
          return [before, t.getProtocol() === second, first.text()];
        })(),
      );
      expect(got).toEqual([true, true, '']);
    },
  );
});
