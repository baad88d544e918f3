// spec-tests/tests/streams/writer.test.ts: PEP 3156 § Convenience Utilities (asyncio's StreamWriter)
// > StreamWriter: write(), writelines(), write_eof(), can_write_eof(), close(), get_extra_info() mirror
// > the transport; drain() waits while the transport is paused (pause_writing) and raises once the
// > connection is lost; wait_closed() waits for connection_lost.
import type { StreamReader, StreamWriter } from 'pep3156';
import type { AbstractEventLoop, Coroutine, Future, Protocol, Server, Transport } from 'pep3156/spec';
import { afterEach, expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { errorName, misuse } from '../support/index.js';
import { bytes, listen, Recorder, removeUnixPaths, unixPath, until } from '../support/net.js';
import { streamsApi } from '../support/streams.js';

const { openConnection, openUnixConnection, StreamReaderProtocol } = streamsApi();

afterEach(removeUnixPaths);
type StreamReaderProtocol = InstanceType<typeof StreamReaderProtocol>;

const text = (b: Uint8Array) => new TextDecoder().decode(b);

/** What waiting on `f` gives: 'ok', or the error's name (or the error itself when `raw`). */
function* settle(f: Future<unknown> | Iterable<unknown>, raw = false): Coroutine<unknown> {
  try {
    yield* f as Coroutine<unknown>;
    return 'ok';
  } catch (e) {
    return raw ? e : errorName(e);
  }
}

/** A loopback server of Recorders and one stream client connected to it. */
function* connected(
  loop: AbstractEventLoop,
  factory?: () => Recorder,
): Coroutine<{ reader: StreamReader; writer: StreamWriter; peer: Recorder; close(): void }> {
  const srv = yield* listen(loop, factory);
  const [reader, writer] = yield* openConnection('127.0.0.1', srv.port, { loop });
  yield* until(loop, () => srv.accepted.length === 1);
  const peer = srv.accepted[0] as Recorder;
  return {
    reader,
    writer,
    peer,
    close: () => {
      writer.transport.abort();
      peer.transport?.abort();
      srv.server.close();
    },
  };
}

section('streams', 'Convenience Utilities', () => {
  statement(
    'streams.writer.mirrors-transport',
    'the writer writes, half-closes, closes and answers getExtraInfo through its transport',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const c = yield* connected(loop, () => Object.assign(new Recorder(), { keepOpenOnEof: true }));
          const { reader, writer, peer } = c;
          const t: Transport = writer.transport;
          const info = {
            protocol: t.getProtocol() instanceof StreamReaderProtocol,
            peername: writer.getExtraInfo('peername'),
            sameSockname:
              JSON.stringify(writer.getExtraInfo('sockname')) === JSON.stringify(t.getExtraInfo('sockname')),
            fallback: writer.getExtraInfo('no-such-info', 'fallback'),
            canWriteEof: writer.canWriteEof(),
          };
          misuse(() => writer.write('text' as unknown as Uint8Array), 'TypeError');
          writer.write(bytes('a'));
          writer.writelines([bytes('b'), bytes('c')]);
          writer.writeEof();
          yield* until(loop, () => peer.events.includes('eofReceived'));
          const sent = peer.text();
          peer.transport?.write(bytes('reply'));
          peer.transport?.close();
          const reply = text(yield* reader.read());
          const closing = [writer.isClosing()];
          writer.close();
          closing.push(writer.isClosing());
          yield* writer.waitClosed();
          c.close();
          return { info, sent, reply, closing };
        })(),
      );
      const port = got.info.peername as [string, number];
      expect(got.info).toEqual({
        protocol: true,
        peername: ['127.0.0.1', port[1]],
        sameSockname: true,
        fallback: 'fallback',
        canWriteEof: true,
      });
      expect(got.sent, 'write and writelines in order, then EOF').toBe('abc');
      expect(got.reply, 'the peer could still send after writeEof').toBe('reply');
      expect(got.closing).toEqual([false, true]);
    },
  );

  statement(
    'streams.writer.wait-closed',
    'waitClosed resolves once the connection is lost, and fails with the error a failed connection was lost with',
    async ({ loop, run }) => {
      const boom = new Error('connection broke');
      const got = await run(
        (function* () {
          const a = yield* connected(loop);
          const early = a.writer.waitClosed();
          const earlyDone = early.done();
          a.writer.close();
          const clean = [yield* settle(early), a.reader.atEof(), text(yield* a.reader.read())];
          a.close();

          const b = yield* connected(loop);
          const pendingRead = loop.createTask(settle(b.reader.read(), true));
          (b.writer.transport.getProtocol() as StreamReaderProtocol).connectionLost(boom);
          const failed = [
            (yield* pendingRead) === boom,
            (yield* settle(b.writer.waitClosed(), true)) === boom,
            (yield* settle(b.reader.readline(), true)) === boom,
          ];
          // The transport's own connectionLost(null) after close() changes nothing.
          b.writer.close();
          yield* until(loop, () => b.peer.events.includes('connectionLost'));
          failed.push((yield* settle(b.writer.waitClosed(), true)) === boom);
          b.close();
          return [earlyDone, clean, failed];
        })(),
      );
      expect(got).toEqual([false, ['ok', true, ''], [true, true, true, true]]);
    },
  );

  statement(
    'streams.writer.drain-flow-control',
    'drain is done at once when the transport is not paused, waits while it is, and every waiting drain resumes',
    async ({ loop, run, api }) => {
      class Paused extends Recorder {
        override connectionMade(transport: Transport): void {
          super.connectionMade(transport);
          transport.pauseReading();
        }
      }
      const size = 32 * 1024 * 1024;
      const got = await run(
        (function* () {
          const c = yield* connected(loop, () => new Paused());
          const { writer, peer } = c;
          const idle = writer.drain();
          const idleAtOnce = idle.done();
          yield* idle;
          writer.transport.setWriteBufferLimits(16 * 1024);
          writer.write(new Uint8Array(size));
          const drains = [writer.drain(), writer.drain(), writer.drain()];
          yield* api.sleep(0.05);
          const waitedWhilePaused = drains.every((d) => !d.done());
          peer.transport?.resumeReading();
          const results: unknown[] = [];
          for (const d of drains) results.push(yield* settle(d));
          yield* until(loop, () => peer.received.reduce((n, b) => n + b.length, 0) === size, 5);
          c.close();
          return [idleAtOnce, waitedWhilePaused, results];
        })(),
      );
      expect(got).toEqual([true, true, ['ok', 'ok', 'ok']]);
    },
    { timeout: 15_000 },
  );

  statement(
    'streams.writer.drain-lost',
    'drain fails once the connection is lost (or the writer is closed); a drain waiting then is woken',
    async ({ loop, run }) => {
      const boom = new Error('connection broke');
      const got = await run(
        (function* () {
          const out: unknown[] = [];
          // Closed by us: drain fails with ConnectionResetError, before and after the loss.
          const a = yield* connected(loop);
          a.writer.close();
          out.push(yield* settle(a.writer.drain()));
          yield* a.writer.waitClosed();
          out.push(yield* settle(a.writer.drain()));
          a.close();
          // A drain waiting (transport paused) when the connection is lost cleanly resolves; the next fails.
          const b = yield* connected(loop);
          (b.writer.transport.getProtocol() as StreamReaderProtocol).pauseWriting();
          const waiting = b.writer.drain();
          out.push(waiting.done());
          b.writer.transport.abort();
          out.push(yield* settle(waiting), yield* settle(b.writer.drain()));
          b.close();
          // Lost with an error: the waiting drain and every later one fail with it.
          const c = yield* connected(loop);
          const protocol = c.writer.transport.getProtocol() as StreamReaderProtocol;
          protocol.pauseWriting();
          const pending = c.writer.drain();
          protocol.connectionLost(boom);
          out.push((yield* settle(pending, true)) === boom, (yield* settle(c.writer.drain(), true)) === boom);
          c.close();
          return out;
        })(),
      );
      expect(got).toEqual([
        'ConnectionResetError',
        'ConnectionResetError',
        false,
        'ok',
        'ConnectionResetError',
        true,
        true,
      ]);
    },
  );

  // Over TLS the reference does the same (streams.ref.drain-dead-tls), but asyncio's TLS transport
  // never turns closing there: the statement is the reference's.
  for (const kind of ['tcp', 'unix'] as const) {
    statement(
      'streams.writer.drain-dead-connection',
      `a write() + drain() loop against a peer that closed the connection ends with ConnectionResetError or BrokenPipeError (${kind})`,
      async ({ loop, run }) => {
        const got = await run(drainUntilDead(loop, kind));
        expect(got).toEqual({ ended: true, error: true, closing: true, lost: true });
      },
      kind === 'unix' ? { features: ['unix'] } : {},
    );
  }
});

/** A peer that closes each connection as soon as it is made. */
const closesAtOnce = (): Protocol => ({
  connectionMade: (t) => (t as Transport).abort(),
  connectionLost: () => {},
  dataReceived: () => {},
  eofReceived: () => false,
});

/**
 * Opens a stream to a peer that closes it at once, then writes and drains in a loop until drain
 * fails or 10 000 rounds pass.
 */
function* drainUntilDead(
  loop: AbstractEventLoop,
  kind: 'tcp' | 'unix',
): Coroutine<{ ended: boolean; error: boolean; closing: boolean; lost: boolean }> {
  let server: Server;
  let rw: [StreamReader, StreamWriter];
  if (kind === 'unix') {
    const where = unixPath();
    server = yield* loop.createUnixServer(closesAtOnce, where);
    rw = yield* openUnixConnection(where, { loop });
  } else {
    server = yield* loop.createServer(closesAtOnce, '127.0.0.1', 0);
    const [, port] = server.sockets[0].getsockname() as [string, number];
    rw = yield* openConnection('127.0.0.1', port, { loop });
  }
  const [, writer] = rw;
  let rounds = 0;
  let error: unknown = null;
  try {
    for (; rounds < 10_000; rounds++) {
      writer.write(bytes('x'.repeat(100)));
      yield* writer.drain();
    }
  } catch (e) {
    error = e;
  }
  const closing = writer.isClosing();
  // connectionLost ran: waitClosed is done (failed with the error, or resolved).
  const lost = writer.waitClosed();
  yield* settle(lost);
  server.close();
  return {
    ended: rounds < 10_000,
    error: ['ConnectionResetError', 'BrokenPipeError'].includes(errorName(error)),
    closing,
    lost: lost.done(),
  };
}
