// spec-tests/tests/transport/stream.test.ts: PEP 3156 § Bidirectional Stream Transports
// > write(data). Write some bytes. ... close(). Close the connection after all pending data has been
// > sent. ... abort(). Close the connection immediately, discarding pending data.
import type { AbstractEventLoop, Coroutine, Transport } from 'pep3156/spec';
import { expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { isPattern, Probe, pair, pattern, tcp } from '../protocol/kinds.js';
import { errorName, thrown } from '../support/index.js';
import { bytes, listen, Recorder, settle, until } from '../support/net.js';

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
    'close() sends everything written before it, even what is still buffered, then connectionLost(null)',
    async ({ loop, run }) => {
      const client = new Probe();
      const server = new Probe();
      const got = await run(
        (function* () {
          const p = yield* pair(tcp, loop, client, server);
          // The peer does not read, so the system's buffers fill and the rest waits in the
          // transport's own buffer: close() must send that too (abort() would discard it).
          p.serverTransport.pauseReading();
          const chunk = 1024 * 1024;
          let written = 0;
          while (p.clientTransport.getWriteBufferSize() === 0 && written < 64 * chunk) {
            p.clientTransport.write(pattern(chunk, written));
            written += chunk;
          }
          const pendingAtClose = p.clientTransport.getWriteBufferSize();
          p.clientTransport.close();
          const closing = p.clientTransport.isClosing();
          p.clientTransport.close(); // idempotent
          const lostAtOnce = client.isLost();
          p.serverTransport.resumeReading();
          yield* until(loop, () => server.isLost() && client.isLost());
          p.listener.stop();
          return { written, pendingAtClose, closing, lostAtOnce };
        })(),
      );
      expect(got.pendingAtClose, 'some data was still buffered when close() was called').toBeGreaterThan(0);
      expect(got.closing, 'isClosing() right after close()').toBe(true);
      expect(got.lostAtOnce, 'close() returns before connectionLost').toBe(false);
      expect(isPattern(server.received, got.written), 'every byte written before close() arrived').toBe(true);
      expect([client.lostWith, server.lostWith]).toEqual([null, null]);
      expect(client.count('connectionLost'), 'a second close() does nothing').toBe(1);
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
    'transport.abort.loses',
    'abort() drops what is still in the transport buffer: the peer gets only a prefix of what was written',
    async ({ loop, run }) => {
      const client = new Probe();
      const server = new Probe();
      const got = await run(
        (function* () {
          const p = yield* pair(tcp, loop, client, server);
          // As in transport.close.flushes: the peer does not read until data waits in the buffer.
          p.serverTransport.pauseReading();
          const chunk = 1024 * 1024;
          let written = 0;
          while (p.clientTransport.getWriteBufferSize() === 0 && written < 64 * chunk) {
            p.clientTransport.write(pattern(chunk, written));
            written += chunk;
          }
          const pendingAtAbort = p.clientTransport.getWriteBufferSize();
          p.clientTransport.abort();
          const lostAtOnce = client.isLost();
          p.serverTransport.resumeReading();
          yield* until(loop, () => server.isLost() && client.isLost());
          p.listener.stop();
          const received = server.received.reduce((n, c) => n + c.length, 0);
          return { written, pendingAtAbort, lostAtOnce, received };
        })(),
      );
      expect(got.pendingAtAbort, 'some data was still buffered when abort() was called').toBeGreaterThan(0);
      expect(got.lostAtOnce, 'connectionLost is not called inside abort()').toBe(false);
      expect(got.received, 'the buffered data was dropped').toBeLessThan(got.written);
      expect(isPattern(server.received, got.received), 'what arrived is a prefix, in order').toBe(true);
      expect(client.lostWith).toBeNull();
    },
  );

  statement(
    'transport.close.lost-next-iteration',
    'abort(), and close() with an empty buffer, schedule connectionLost(null) with callSoon at the call',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const out: string[][] = [];
          for (const how of ['close', 'abort'] as const) {
            const client = new Probe();
            const server = new Probe();
            const p = yield* pair(tcp, loop, client, server);
            const order: string[] = [];
            loop.callSoon(() => order.push('soon before'));
            p.clientTransport[how]();
            loop.callSoon(() => order.push('soon after'));
            client.connectionLost = (exc: Error | null) => {
              client.events.push('connectionLost');
              client.lostWith = exc;
              order.push(`connectionLost(${exc === null ? 'null' : errorName(exc)})`);
            };
            yield* until(loop, () => client.isLost() && server.isLost());
            p.listener.stop();
            out.push([how, ...order]);
          }
          // close() inside connectionMade: connectionLost still comes after what connectionMade
          // scheduled before the close(), and createConnection still resolves.
          const order: string[] = [];
          const client = new Probe();
          client.connectionMade = (t: Transport) => {
            client.events.push('connectionMade');
            client.transport = t;
            loop.callSoon(() => order.push('soon before'));
            t.close();
            loop.callSoon(() => order.push('soon after'));
          };
          client.connectionLost = (exc: Error | null) => {
            client.events.push('connectionLost');
            order.push(`connectionLost(${exc === null ? 'null' : errorName(exc)})`);
          };
          const listener = yield* tcp.listen(loop, () => new Probe());
          const t = yield* listener.connect(client);
          yield* until(loop, () => client.isLost());
          listener.stop();
          out.push(['close in connectionMade', ...order, t.isClosing() ? 'resolved, closing' : 'resolved']);
          return out;
        })(),
      );
      expect(got).toEqual([
        ['close', 'soon before', 'connectionLost(null)', 'soon after'],
        ['abort', 'soon before', 'connectionLost(null)', 'soon after'],
        ['close in connectionMade', 'soon before', 'connectionLost(null)', 'soon after', 'resolved, closing'],
      ]);
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

/** Writes `chunk` until `stop()` holds, at most `max` times; returns how many writes it took. */
function writeUntil(t: Transport, chunk: Uint8Array, stop: () => boolean, max = 256): number {
  let n = 0;
  while (n < max && !stop()) {
    t.write(chunk);
    n++;
  }
  return n;
}

section('transport', 'Bidirectional Stream Transports', () => {
  statement(
    'transport.write.never-lost',
    'every byte written before close() reaches the peer, in order (8 MiB in pieces)',
    async ({ loop, run }) => {
      const client = new Probe();
      const server = new Probe();
      const total = 8 * 1024 * 1024;
      await run(
        (function* () {
          const p = yield* pair(tcp, loop, client, server);
          const all = pattern(total);
          const sizes = [1, 100, 65_536, 1_000_000, 3, 250_000];
          for (let i = 0, at = 0; at < total; i++) {
            const n = Math.min(sizes[i % sizes.length], total - at);
            p.clientTransport.write(all.subarray(at, at + n));
            at += n;
          }
          p.clientTransport.close();
          yield* until(loop, () => server.isLost() && client.isLost());
          p.listener.stop();
        })(),
      );
      expect(isPattern(server.received, total), 'every byte arrived, in order').toBe(true);
      expect([client.lostWith, server.lostWith]).toEqual([null, null]);
    },
  );

  statement(
    'transport.write-eof.then-write',
    'after writeEof() a write() throws RuntimeError; writeEof() again does nothing',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const p = yield* pair(tcp, loop, new Probe(), new Probe());
          p.clientTransport.writeEof();
          p.clientTransport.writeEof();
          const name = errorName(thrown(() => p.clientTransport.write(bytes('late'))));
          const closing = p.clientTransport.isClosing();
          p.clientTransport.close();
          yield* until(loop, () => (p.server as Probe).isLost());
          p.listener.stop();
          return { name, closing, text: (p.server as Probe).text() };
        })(),
      );
      expect(got).toEqual({ name: 'RuntimeError', closing: false, text: '' });
    },
  );

  statement(
    'transport.write.after-close-dropped',
    'write() after close() or abort() is dropped silently: no exception, nothing sent, connectionLost(null)',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const out: unknown[] = [];
          for (const how of ['close', 'abort'] as const) {
            const client = new Probe();
            const server = new Probe();
            const p = yield* pair(tcp, loop, client, server);
            p.clientTransport.write(bytes('before'));
            p.clientTransport[how]();
            const closing = p.clientTransport.isClosing();
            for (let i = 0; i < 8; i++) p.clientTransport.write(bytes('after'));
            yield* until(loop, () => client.isLost() && server.isLost());
            p.clientTransport.write(bytes('after the end'));
            yield* settle(loop);
            p.listener.stop();
            out.push({
              how,
              closing,
              lostWith: client.lostWith,
              extra: server.text().replace('before', ''),
              calls: client.afterLost(),
            });
          }
          return out;
        })(),
      );
      expect(got).toEqual([
        { how: 'close', closing: true, lostWith: null, extra: '', calls: [] },
        { how: 'abort', closing: true, lostWith: null, extra: '', calls: [] },
      ]);
    },
  );

  statement(
    'transport.write.dead-connection',
    'a write that finds the connection dead makes the transport closing at once; later writes are dropped; connectionLost(error) follows',
    async ({ loop, run }) => {
      const client = Object.assign(new Recorder(), { keepOpenOnEof: true });
      const got = await run(
        (function* () {
          const srv = yield* listen(loop);
          const [t] = yield* loop.createConnection(() => client, '127.0.0.1', srv.port);
          yield* until(loop, () => srv.accepted.length === 1);
          (srv.accepted[0] as Recorder).transport?.abort(); // the peer closes: our next write draws a reset
          yield* until(loop, () => client.events.includes('eofReceived'));
          let writes = 0;
          while (!t.isClosing() && writes < 1000) {
            t.write(bytes('x'.repeat(100)));
            writes += 1;
            if (!t.isClosing()) yield* nextIteration(loop);
          }
          const lostBefore = client.events.includes('connectionLost');
          let late = 'returned';
          try {
            for (let i = 0; i < 8; i++) t.write(bytes('late'));
          } catch (e) {
            late = errorName(e);
          }
          yield* until(loop, () => client.events.includes('connectionLost'));
          srv.server.close();
          return {
            closing: t.isClosing(),
            bounded: writes < 1000,
            lostBefore,
            late,
            lostWith: ['ConnectionResetError', 'BrokenPipeError'].includes(errorName(client.lostWith)),
            events: client.events,
          };
        })(),
      );
      expect(got).toEqual({
        closing: true,
        bounded: true,
        lostBefore: false,
        late: 'returned',
        lostWith: true,
        events: ['connectionMade', 'eofReceived', 'connectionLost'],
      });
    },
  );

  statement(
    'transport.write-buffer-size.own',
    'getWriteBufferSize() counts only the transport own buffer, not what the system holds',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const p = yield* pair(tcp, loop, new Probe(), new Probe());
          p.serverTransport.pauseReading();
          const empty = p.clientTransport.getWriteBufferSize();
          p.clientTransport.write(new Uint8Array(1000));
          // The peer reads nothing, yet the bytes leave our buffer for the system's.
          yield* until(loop, () => p.clientTransport.getWriteBufferSize() === 0);
          const after = p.clientTransport.getWriteBufferSize();
          p.clientTransport.abort();
          p.serverTransport.abort();
          yield* until(loop, () => (p.client as Probe).isLost() && (p.server as Probe).isLost());
          p.listener.stop();
          return [empty, after];
        })(),
      );
      expect(got).toEqual([0, 0]);
    },
  );

  statement(
    'transport.flow-control.exact',
    'pauseWriting comes in exactly the write() that takes the size above high; resumeWriting when it is at or below low',
    async ({ loop, run }) => {
      const client = new Probe();
      const got = await run(
        (function* () {
          const p = yield* pair(tcp, loop, client, new Probe());
          const t = p.clientTransport;
          const sizes: Record<string, number> = {};
          client.pauseWriting = () => {
            client.events.push('pauseWriting');
            sizes.pause = t.getWriteBufferSize();
          };
          client.resumeWriting = () => {
            client.events.push('resumeWriting');
            sizes.resume = t.getWriteBufferSize();
          };
          t.setWriteBufferLimits(100_000, 30_000);
          p.serverTransport.pauseReading();
          // After each write: was the size above high, and had pauseWriting been called?
          const wrong: string[] = [];
          const chunk = new Uint8Array(7_000);
          for (let i = 0; i < 4000 && client.count('pauseWriting') === 0; i++) {
            t.write(chunk);
            const above = t.getWriteBufferSize() > 100_000;
            if (above !== (client.count('pauseWriting') === 1)) wrong.push(`write ${i}: above=${above}`);
          }
          p.serverTransport.resumeReading();
          yield* until(loop, () => client.count('resumeWriting') === 1, 5);
          t.close();
          yield* until(loop, () => client.isLost());
          p.listener.stop();
          return { wrong, sizes };
        })(),
      );
      expect(got.wrong, 'pauseWriting called exactly when the size went above high').toEqual([]);
      expect(got.sizes.pause).toBeGreaterThan(100_000);
      expect(got.sizes.resume).toBeLessThanOrEqual(30_000);
    },
  );

  statement(
    'transport.flow-control.high-zero',
    'with high 0 (so low 0) pauseWriting comes as soon as anything is buffered, resumeWriting only when it is empty',
    async ({ loop, run }) => {
      const client = new Probe();
      const got = await run(
        (function* () {
          const p = yield* pair(tcp, loop, client, new Probe());
          const t = p.clientTransport;
          let resumedAt = -1;
          client.resumeWriting = () => {
            client.events.push('resumeWriting');
            resumedAt = t.getWriteBufferSize();
          };
          t.setWriteBufferLimits(0);
          const limits = t.getWriteBufferLimits();
          p.serverTransport.pauseReading();
          let early = false;
          writeUntil(t, new Uint8Array(64 * 1024), () => {
            if (t.getWriteBufferSize() === 0 && client.count('pauseWriting') > 0) early = true;
            return t.getWriteBufferSize() > 0;
          });
          const pausedWithData = client.count('pauseWriting');
          p.serverTransport.resumeReading();
          yield* until(loop, () => client.count('resumeWriting') === 1, 5);
          t.close();
          yield* until(loop, () => client.isLost());
          p.listener.stop();
          return { limits, early, pausedWithData, resumedAt };
        })(),
      );
      expect(got).toEqual({ limits: [0, 0], early: false, pausedWithData: 1, resumedAt: 0 });
    },
  );

  statement(
    'transport.flow-control.defaults',
    'the marks default to high 64 KiB and low high/4; only high gives low high/4, only low gives high 4·low',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const p = yield* pair(tcp, loop, new Probe(), new Probe());
          const t = p.clientTransport;
          const out = [t.getWriteBufferLimits()];
          t.setWriteBufferLimits(1000);
          out.push(t.getWriteBufferLimits());
          t.setWriteBufferLimits(undefined, 1000);
          out.push(t.getWriteBufferLimits());
          t.setWriteBufferLimits();
          out.push(t.getWriteBufferLimits());
          t.close();
          yield* until(loop, () => (p.client as Probe).isLost());
          p.listener.stop();
          return out;
        })(),
      );
      expect(got).toEqual([
        [16384, 65536],
        [250, 1000],
        [1000, 4000],
        [16384, 65536],
      ]);
    },
  );

  statement(
    'transport.read.idempotent',
    'pauseReading and resumeReading are idempotent; isReading() is false when paused or closing; all data arrives in order after resume',
    async ({ loop, run }) => {
      const client = new Probe();
      const total = 256 * 1024;
      const got = await run(
        (function* () {
          const p = yield* pair(tcp, loop, client, new Probe());
          const t = p.clientTransport;
          const states = [t.isReading()];
          t.pauseReading();
          t.pauseReading();
          states.push(t.isReading());
          p.serverTransport.write(pattern(total));
          yield* settle(loop);
          const during = client.sizes.length;
          t.resumeReading();
          t.resumeReading();
          states.push(t.isReading());
          yield* until(loop, () => client.sizes.reduce((a, b) => a + b, 0) === total);
          t.close();
          states.push(t.isReading());
          yield* until(loop, () => client.isLost());
          p.listener.stop();
          return { states, during };
        })(),
      );
      expect(got).toEqual({ states: [true, false, true, false], during: 0 });
      expect(isPattern(client.received, total)).toBe(true);
    },
  );

  statement(
    'transport.extra-info.socket',
    "getExtraInfo('socket') is the Node socket of the connection",
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const p = yield* pair(tcp, loop, new Probe(), new Probe());
          const sock = p.clientTransport.getExtraInfo('socket') as { remotePort?: number; write?: unknown };
          const [, port] = p.clientTransport.getExtraInfo('peername') as [string, number];
          const out = { write: typeof sock?.write, remotePort: sock?.remotePort === port };
          p.clientTransport.close();
          yield* until(loop, () => (p.client as Probe).isLost());
          p.listener.stop();
          return out;
        })(),
      );
      expect(got).toEqual({ write: 'function', remotePort: true });
    },
  );

  statement(
    'transport.errors.code-errno',
    "errors from the system carry Node's code (a string) and errno (a number)",
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const srv = yield* listen(loop);
          srv.server.close();
          yield* srv.server.waitClosed();
          try {
            yield* loop.createConnection(() => new Recorder(), '127.0.0.1', srv.port);
            return null;
          } catch (e) {
            return e as { name: string; code?: unknown; errno?: unknown };
          }
        })(),
      );
      expect(got?.name).toBe('ConnectionRefusedError');
      expect(got?.code).toBe('ECONNREFUSED');
      expect(typeof got?.errno).toBe('number');
    },
  );
});

section('transport', 'Bidirectional Stream Transports', () => {
  statement(
    'transport.close.no-data-after',
    'after close() no dataReceived arrives, even for data already on its way',
    async ({ loop, run }) => {
      const client = new Probe();
      const server = new Probe();
      await run(
        (function* () {
          const p = yield* pair(tcp, loop, client, server);
          p.serverTransport.write(pattern(100_000));
          yield* until(loop, () => client.sizes.length > 0);
          p.serverTransport.write(pattern(100_000));
          const before = client.events.length;
          p.clientTransport.close();
          yield* until(loop, () => client.isLost() && server.isLost());
          yield* settle(loop);
          p.listener.stop();
          client.events.splice(0, before);
        })(),
      );
      expect(client.events, 'only connectionLost after close()').toEqual(['connectionLost']);
    },
  );
  statement(
    'transport.read.pause-holds-eof',
    'while reading is paused the end of stream waits too: after resumeReading, the data, then eofReceived',
    async ({ loop, run }) => {
      const client = new Probe();
      const got = await run(
        (function* () {
          const p = yield* pair(tcp, loop, client, new Probe());
          p.clientTransport.pauseReading();
          p.serverTransport.write(bytes('last words'));
          p.serverTransport.writeEof();
          yield* settle(loop);
          const during = [...client.events];
          p.clientTransport.resumeReading();
          yield* until(loop, () => client.isLost());
          p.listener.stop();
          return { during, text: client.text() };
        })(),
      );
      expect(got).toEqual({ during: ['connectionMade'], text: 'last words' });
      expect(client.shape()).toEqual(['connectionMade', 'dataReceived', 'eofReceived', 'connectionLost']);
    },
  );
});

/** Lets one loop iteration pass (asyncio's `await sleep(0)`). */
function* nextIteration(loop: AbstractEventLoop): Coroutine<void> {
  const f = loop.createFuture<void>();
  loop.callSoon(() => f.setResult(undefined));
  yield* f;
}
