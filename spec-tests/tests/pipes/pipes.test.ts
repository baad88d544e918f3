// spec-tests/tests/pipes/pipes.test.ts: PEP 3156 § Pipes, § Unidirectional Stream Transports
// > connect_read_pipe(protocol_factory, pipe) ... connect_write_pipe(protocol_factory, pipe) ...
// > Node has no file objects: a pipe is a Node Readable/Writable stream or a file descriptor.
import { spawn } from 'node:child_process';
import { PassThrough, Writable } from 'node:stream';
import type { AbstractEventLoop, Protocol, WriteTransport } from 'pep3156/spec';
import { expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { isPattern, Probe, pattern } from '../protocol/kinds.js';
import { errorName } from '../support/index.js';
import { bytes, Recorder, settle, until } from '../support/net.js';

section('pipes', 'Pipes', () => {
  statement(
    'pipes.read.order',
    'a read pipe calls connectionMade, dataReceived*, eofReceived, then connectionLost',
    async ({ loop, run }) => {
      const stream = new PassThrough();
      const proto = new Recorder();
      await run(
        (function* () {
          yield* loop.connectReadPipe(() => proto, stream);
          stream.write('piped ');
          stream.end('data');
          yield* until(loop, () => proto.events.includes('connectionLost'));
        })(),
      );
      expect(proto.shape()).toEqual(['connectionMade', 'dataReceived', 'eofReceived', 'connectionLost']);
      expect(proto.text()).toBe('piped data');
    },
  );

  statement(
    'pipes.write.delivers',
    'a write pipe delivers what is written and calls connectionLost after close',
    async ({ loop, run }) => {
      const stream = new PassThrough();
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      const proto = new Recorder();
      await run(
        (function* () {
          const [t] = yield* loop.connectWritePipe(() => proto, stream);
          t.write(bytes('to the '));
          t.write(bytes('pipe'));
          t.close();
          yield* until(loop, () => proto.events.includes('connectionLost'));
        })(),
      );
      expect(Buffer.concat(chunks).toString()).toBe('to the pipe');
      expect(proto.events).toEqual(['connectionMade', 'connectionLost']);
    },
  );
});

/** Connects a read pipe over a fresh PassThrough (the test writes into it). */
function* readPipe(loop: AbstractEventLoop, proto: Probe) {
  const stream = new PassThrough();
  const [transport] = yield* loop.connectReadPipe(() => proto, stream);
  return { stream, transport };
}

/** Connects a write pipe over a fresh PassThrough; `chunks` collects what comes out of it. */
function* writePipe(loop: AbstractEventLoop, proto: Protocol, options: { highWaterMark?: number } = {}) {
  const stream = new PassThrough(options);
  const [transport] = yield* loop.connectWritePipe(() => proto, stream);
  return { stream, transport };
}

/** Everything `stream` gives, read in flowing mode, and whether it ended. */
function drain(stream: PassThrough): { chunks: Buffer[]; ended: boolean } {
  const out = { chunks: [] as Buffer[], ended: false };
  stream.on('data', (c: Buffer) => out.chunks.push(c));
  stream.on('end', () => {
    out.ended = true;
  });
  return out;
}

section('pipes', 'Pipes and Subprocesses', () => {
  statement(
    'pipes.read.made-first',
    'a read pipe calls connectionMade first, once, before connectReadPipe resolves',
    async ({ loop, run }) => {
      const proto = new Probe();
      const early = await run(
        (function* () {
          const { stream } = yield* readPipe(loop, proto);
          const seen = [...proto.events];
          stream.end('x');
          yield* until(loop, () => proto.isLost());
          return seen;
        })(),
      );
      expect(early).toEqual(['connectionMade']);
      expect(proto.events[0]).toBe('connectionMade');
      expect(proto.count('connectionMade')).toBe(1);
    },
  );

  statement(
    'pipes.read.data-non-empty',
    'a read pipe delivers non-empty chunks with every byte in order',
    async ({ loop, run }) => {
      const proto = new Probe();
      const total = 300_001;
      await run(
        (function* () {
          const { stream } = yield* readPipe(loop, proto);
          const all = pattern(total);
          for (let i = 0; i < total; i += 10_000) {
            stream.write(all.subarray(i, Math.min(i + 10_000, total)));
            stream.write(new Uint8Array(0));
          }
          stream.end();
          yield* until(loop, () => proto.isLost());
        })(),
      );
      expect(
        proto.sizes.every((n) => n > 0),
        'non-empty chunks',
      ).toBe(true);
      expect(isPattern(proto.received, total), 'every byte, in order').toBe(true);
    },
  );

  statement(
    'pipes.read.eof-once',
    'a read pipe calls eofReceived once at the end of the stream, then connectionLost(null), whatever eofReceived returns',
    async ({ loop, run }) => {
      const proto = new Probe();
      proto.keepOpenOnEof = true;
      await run(
        (function* () {
          const { stream } = yield* readPipe(loop, proto);
          stream.end('last');
          yield* until(loop, () => proto.isLost());
          yield* settle(loop);
        })(),
      );
      expect(proto.shape()).toEqual(['connectionMade', 'dataReceived', 'eofReceived', 'connectionLost']);
      expect(proto.lostWith).toBeNull();
    },
  );

  statement(
    'pipes.read.lost-after-eof',
    'a read pipe calls connectionLost in the same loop iteration as eofReceived',
    async ({ loop, run }) => {
      const proto = new Probe();
      const at: Record<string, number> = {};
      const got = await run(
        (function* () {
          let it = 0;
          let ticking = true;
          const tick = () => {
            it += 1;
            if (ticking) loop.callSoon(tick);
          };
          loop.callSoon(tick);
          const eof = proto.eofReceived.bind(proto);
          proto.eofReceived = () => {
            at.eof = it;
            return eof();
          };
          const lost = proto.connectionLost.bind(proto);
          proto.connectionLost = (exc) => {
            at.lost = it;
            lost(exc);
          };
          const { stream } = yield* readPipe(loop, proto);
          stream.end('last');
          yield* until(loop, () => proto.isLost());
          ticking = false;
          return at;
        })(),
      );
      expect(got.lost, 'connectionLost in the iteration of eofReceived').toBe(got.eof);
      expect(proto.shape()).toEqual(['connectionMade', 'dataReceived', 'eofReceived', 'connectionLost']);
    },
  );

  statement(
    'pipes.read.close',
    'closing a read pipe ends with connectionLost(null) once and nothing after it',
    async ({ loop, run }) => {
      const proto = new Probe();
      const got = await run(
        (function* () {
          const { stream, transport } = yield* readPipe(loop, proto);
          transport.close();
          const closing = transport.isClosing();
          const reading = transport.isReading();
          stream.write('after close');
          transport.close();
          transport.pauseReading();
          transport.resumeReading();
          yield* until(loop, () => proto.isLost());
          yield* settle(loop);
          return { closing, reading, destroyed: stream.destroyed };
        })(),
      );
      expect(got).toEqual({ closing: true, reading: false, destroyed: true });
      expect(proto.events).toEqual(['connectionMade', 'connectionLost']);
      expect(proto.lostWith).toBeNull();
    },
  );

  statement(
    'pipes.read.error',
    'a read error ends with connectionLost(error): an OSError carrying the code',
    async ({ loop, run }) => {
      const proto = new Probe();
      await run(
        (function* () {
          const { stream } = yield* readPipe(loop, proto);
          stream.destroy(Object.assign(new Error('input/output error'), { code: 'EIO', errno: -5 }));
          yield* until(loop, () => proto.isLost());
          yield* settle(loop);
        })(),
      );
      expect(errorName(proto.lostWith)).toBe('OSError');
      expect((proto.lostWith as { code?: string }).code).toBe('EIO');
      expect(proto.count('connectionLost')).toBe(1);
      expect(proto.afterLost()).toEqual([]);
    },
  );

  statement(
    'pipes.read.pause',
    'while a read pipe is paused no dataReceived arrives; resumeReading delivers the rest in order',
    async ({ loop, run }) => {
      const proto = new Probe();
      const got = await run(
        (function* () {
          const { stream, transport } = yield* readPipe(loop, proto);
          stream.write('one ');
          transport.pauseReading();
          transport.pauseReading(); // idempotent
          const reading = transport.isReading();
          stream.write('two ');
          stream.end('three');
          yield* settle(loop);
          const during = proto.text();
          transport.resumeReading();
          transport.resumeReading();
          yield* until(loop, () => proto.isLost());
          return { reading, during, after: proto.text() };
        })(),
      );
      expect(got).toEqual({ reading: false, during: '', after: 'one two three' });
      expect(proto.shape()).toEqual(['connectionMade', 'dataReceived', 'eofReceived', 'connectionLost']);
    },
  );

  statement(
    'pipes.extra-info.pipe',
    "getExtraInfo('pipe') is the pipe the transport was made with",
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const r = yield* readPipe(loop, new Probe());
          const w = yield* writePipe(loop, new Probe());
          const out = [
            r.transport.getExtraInfo('pipe') === r.stream,
            w.transport.getExtraInfo('pipe') === w.stream,
            r.transport.getExtraInfo('no-such-name', 'dflt'),
          ];
          r.transport.close();
          w.transport.close();
          return out;
        })(),
      );
      expect(got).toEqual([true, true, 'dflt']);
    },
  );

  statement(
    'pipes.write.made-first',
    'a write pipe calls connectionMade first, once, and never dataReceived or eofReceived',
    async ({ loop, run }) => {
      const proto = new Probe();
      const early = await run(
        (function* () {
          const { stream, transport } = yield* writePipe(loop, proto);
          const seen = [...proto.events];
          drain(stream);
          transport.write(bytes('out'));
          transport.writeEof();
          yield* until(loop, () => stream.readableEnded);
          transport.close();
          yield* until(loop, () => proto.isLost());
          yield* settle(loop);
          return seen;
        })(),
      );
      expect(early).toEqual(['connectionMade']);
      expect(proto.events).toEqual(['connectionMade', 'connectionLost']);
      expect(proto.lostWith).toBeNull();
    },
  );

  statement(
    'pipes.write.close-flushes',
    'closing a write pipe sends everything written before, in order, then connectionLost(null)',
    async ({ loop, run }) => {
      const proto = new Probe();
      const total = 1024 * 1024 + 3;
      const got = await run(
        (function* () {
          const { stream, transport } = yield* writePipe(loop, proto);
          const all = pattern(total);
          for (let i = 0; i < total; i += 7_000) transport.write(all.subarray(i, Math.min(i + 7_000, total)));
          transport.close();
          transport.write(bytes('dropped')); // after close(): dropped, not an error
          const closing = transport.isClosing();
          const out = drain(stream);
          yield* until(loop, () => proto.isLost());
          return { closing, out };
        })(),
      );
      expect(got.closing).toBe(true);
      expect(isPattern(got.out.chunks, total), 'every byte written before close(), in order').toBe(true);
      expect(proto.events.filter((e) => !e.endsWith('Writing'))).toEqual([
        'connectionMade',
        'connectionLost',
      ]);
      expect(proto.lostWith).toBeNull();
    },
  );

  statement(
    'pipes.write.abort',
    'aborting a write pipe ends with connectionLost(null) once; later writes are dropped',
    async ({ loop, run }) => {
      const proto = new Probe();
      const got = await run(
        (function* () {
          const { stream, transport } = yield* writePipe(loop, proto);
          transport.write(bytes('maybe'));
          transport.abort();
          const closing = transport.isClosing();
          transport.write(bytes('dropped'));
          transport.abort();
          transport.close();
          yield* until(loop, () => proto.isLost());
          yield* settle(loop);
          return { closing, destroyed: stream.destroyed };
        })(),
      );
      expect(got).toEqual({ closing: true, destroyed: true });
      expect(proto.events).toEqual(['connectionMade', 'connectionLost']);
      expect(proto.lostWith).toBeNull();
    },
  );

  statement(
    'pipes.write.write-eof',
    'writeEof ends the pipe after what was written and closes the transport; a later write is dropped',
    async ({ loop, run }) => {
      const proto = new Probe();
      const got = await run(
        (function* () {
          const { stream, transport } = yield* writePipe(loop, proto);
          const out = drain(stream);
          transport.write(bytes('all '));
          transport.write(bytes('of it'));
          const can = transport.canWriteEof();
          transport.writeEof();
          const closing = transport.isClosing();
          let error = 'none';
          try {
            transport.write(bytes('more'));
          } catch (e) {
            error = errorName(e);
          }
          yield* until(loop, () => out.ended && proto.isLost());
          return { can, closing, error, text: Buffer.concat(out.chunks).toString() };
        })(),
      );
      expect(got).toEqual({ can: true, closing: true, error: 'none', text: 'all of it' });
      expect(proto.events, 'writeEof closes a write pipe').toEqual(['connectionMade', 'connectionLost']);
      expect(proto.lostWith).toBeNull();
    },
  );

  statement(
    'pipes.close.next-iteration',
    'connectionLost comes in the iteration after close() of a read pipe, and close(), writeEof() or abort() of a write pipe with nothing buffered',
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
          for (const how of ['read close', 'close', 'writeEof', 'abort'] as const) {
            const proto = new Probe();
            let lostAt = -1;
            const record = proto.connectionLost.bind(proto);
            proto.connectionLost = (exc) => {
              lostAt = it;
              record(exc);
            };
            const stream = new PassThrough();
            stream.resume();
            const [t] =
              how === 'read close'
                ? yield* loop.connectReadPipe(() => proto, stream)
                : yield* loop.connectWritePipe(() => proto, stream);
            yield* settle(loop, 0.005);
            const at = it;
            if (how === 'read close') t.close();
            else (t as WriteTransport)[how]();
            const synchronous = lostAt !== -1;
            yield* until(loop, () => lostAt !== -1);
            out[how] = [synchronous, lostAt - at];
          }
          ticking = false;
          return out;
        })(),
      );
      // The iteration of the call may already have run the ticker or not: the loss is at most one
      // tick later, never inside the call itself.
      for (const how of ['read close', 'close', 'writeEof', 'abort']) {
        const [synchronous, later] = got[how] ?? [true, -1];
        expect(synchronous, `${how}: connectionLost is not called inside it`).toBe(false);
        expect(later, `${how}: connectionLost comes in the next iteration`).toBeLessThanOrEqual(1);
      }
    },
  );

  statement(
    'pipes.write.flow-control',
    'a write pipe calls pauseWriting inside the write() above the high mark and resumeWriting at the low mark, in pairs',
    async ({ loop, run }) => {
      const proto = new Probe();
      const got = await run(
        (function* () {
          // A sink that holds every chunk until released, with a high-water mark far above ours:
          // its own 'drain' would never come.
          const held: (() => void)[] = [];
          const sink = new Writable({
            highWaterMark: 1024 * 1024,
            write(_chunk, _encoding, done) {
              held.push(done);
            },
          });
          const [transport] = yield* loop.connectWritePipe(() => proto, sink);
          transport.setWriteBufferLimits(4000, 1000);
          const sizes: number[] = [];
          proto.pauseWriting = () => {
            proto.events.push('pauseWriting');
            sizes.push(transport.getWriteBufferSize());
          };
          proto.resumeWriting = () => {
            proto.events.push('resumeWriting');
            sizes.push(transport.getWriteBufferSize());
          };
          const before: number[] = [];
          for (let i = 0; i < 5; i++) {
            transport.write(new Uint8Array(1000));
            before.push(proto.count('pauseWriting'));
          }
          while (held.length > 0) (held.shift() as () => void)();
          yield* until(loop, () => proto.count('resumeWriting') === 1);
          transport.close();
          yield* until(loop, () => proto.isLost());
          return { before, sizes };
        })(),
      );
      expect(got.before, 'paused inside the write that went above 4000').toEqual([0, 0, 0, 0, 1]);
      expect(got.sizes[0]).toBeGreaterThan(4000);
      expect(got.sizes[1], 'resumed at or below the low mark').toBeLessThanOrEqual(1000);
      expect(proto.events).toEqual(['connectionMade', 'pauseWriting', 'resumeWriting', 'connectionLost']);
    },
  );

  statement(
    'pipes.write.broken-pipe',
    'writing to a pipe whose reader is gone ends with connectionLost(BrokenPipeError), code EPIPE',
    async ({ loop, run }) => {
      const proto = new Probe();
      // A reader that closes its end of the pipe and stays alive (so the pipe is not torn down).
      const child = spawn(
        process.execPath,
        ['-e', "require('fs').closeSync(0); setTimeout(() => {}, 5000)"],
        {
          stdio: ['pipe', 'ignore', 'ignore'],
        },
      );
      try {
        await run(
          (function* () {
            yield* loop.connectWritePipe(() => proto, child.stdin);
            const t = proto.transport as unknown as WriteTransport;
            for (let i = 0; i < 200 && !proto.isLost(); i++) {
              t.write(new Uint8Array(64 * 1024));
              yield* settle(loop, 0.005);
            }
            yield* until(loop, () => proto.isLost());
          })(),
        );
      } finally {
        child.kill();
      }
      expect(errorName(proto.lostWith)).toBe('BrokenPipeError');
      expect((proto.lostWith as { code?: string }).code).toBe('EPIPE');
      expect(proto.count('connectionLost')).toBe(1);
    },
  );
});

section('pipes', 'Methods For All Transports', () => {
  statement(
    'pipes.protocol.set',
    'after setProtocol(p) a read pipe calls p, and getProtocol() returns it',
    async ({ loop, run }) => {
      const first = new Probe();
      const second = new Probe();
      const got = await run(
        (function* () {
          const { stream, transport } = yield* readPipe(loop, first);
          const before = transport.getProtocol() === first;
          transport.setProtocol(second);
          stream.end('for the second');
          yield* until(loop, () => second.isLost());
          return { before, after: transport.getProtocol() === second };
        })(),
      );
      expect(got).toEqual({ before: true, after: true });
      expect(second.text()).toBe('for the second');
      expect(first.events).toEqual(['connectionMade']);
    },
  );
});
