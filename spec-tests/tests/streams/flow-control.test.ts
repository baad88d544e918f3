// spec-tests/tests/streams/flow-control.test.ts: PEP 3156 § Convenience Utilities (asyncio streams)
// > pause_reading() / resume_reading() (§ Bidirectional Stream Transports). asyncio's StreamReader
// > pauses its transport once more than 2 × limit bytes are buffered and resumes it at limit or less.
import type { Coroutine, Transport } from 'pep3156/spec';
import { expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { bytes, listen, type Recorder, until } from '../support/net.js';
import { streamsApi } from '../support/streams.js';

const { StreamReader, StreamReaderProtocol } = streamsApi();

/** A stand-in transport that records the reader's flow-control calls. */
function recordingTransport(calls: string[]): Transport {
  return {
    pauseReading: () => calls.push('pause'),
    resumeReading: () => calls.push('resume'),
  } as unknown as Transport;
}

section('streams', 'Convenience Utilities', () => {
  statement(
    'streams.flow-control.pause-resume',
    'the reader pauses its transport above 2 × limit, resumes it at limit or less, and while a read waits',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const calls: string[] = [];
          const r = new StreamReader({ loop, limit: 4 });
          r.setTransport(recordingTransport(calls));
          const log = (what: string) => calls.push(what);
          r.feedData(bytes('12345678'));
          log('8 buffered');
          r.feedData(bytes('9'));
          log('9 buffered');
          r.feedData(bytes('abc'));
          yield* r.read(7);
          log('5 left');
          yield* r.read(1);
          log('4 left');
          r.read(4);
          // 10 buffered (paused), then a read that needs more than is buffered must resume.
          r.feedData(bytes('0123456789'));
          log('10 buffered');
          const long = r.readexactly(30);
          loop.callSoon(() => r.feedData(new Uint8Array(20)));
          const n = (yield* long).length;
          return [calls, n];
        })(),
      );
      expect(got).toEqual([
        // The 20 bytes fed to the waiting read pause the transport again until the read takes them.
        [
          '8 buffered',
          'pause',
          '9 buffered',
          '5 left',
          'resume',
          '4 left',
          'pause',
          '10 buffered',
          'resume',
          'pause',
          'resume',
        ],
        30,
      ]);
    },
  );

  statement(
    'streams.flow-control.waiting-read-resumes',
    'a read woken by too little data resumes the paused transport one iteration later, so it never deadlocks',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          let it = 0;
          const tick = (): void => {
            it += 1;
            if (it < 100) loop.callSoon(tick);
          };
          loop.callSoon(tick);
          const log: string[] = [];
          const r = new StreamReader({ loop, limit: 4 });
          // A transport that delivers 3 bytes per iteration while reading is not paused.
          const chunks = Array.from({ length: 10 }, () => bytes('abc'));
          let paused = false;
          let pumping = false;
          const pump = (): void => {
            pumping = false;
            if (paused || chunks.length === 0) return;
            r.feedData(chunks.shift() as Uint8Array);
            pumping = true;
            loop.callSoon(pump);
          };
          r.setTransport({
            pauseReading: () => {
              paused = true;
              log.push(`${it}: pause`);
            },
            resumeReading: () => {
              paused = false;
              log.push(`${it}: resume`);
              if (!pumping) {
                pumping = true;
                loop.callSoon(pump);
              }
            },
          } as unknown as Transport);
          loop.callSoon(pump);
          pumping = true;
          const data = yield* r.readexactly(30);
          log.push(`${it}: got ${data.length}`);
          return log;
        })(),
      );
      // asyncio 3.11-3.13: the feed that crosses 2 × limit pauses; the woken read, still short,
      // resumes the transport in the next iteration, when its task runs again.
      expect(got).toEqual([
        '3: pause',
        '4: resume',
        '4: pause',
        '5: resume',
        '5: pause',
        '6: resume',
        '6: pause',
        '7: resume',
        '7: pause',
        '8: resume',
        '8: pause',
        '9: resume',
        '9: pause',
        '10: resume',
        '10: pause',
        '11: resume',
        '11: got 30',
      ]);
    },
  );

  statement(
    'streams.flow-control.read-all',
    'read() to EOF takes what is buffered when its task would resume, so a big feed pauses the transport until then',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          let it = 0;
          const tick = (): void => {
            it += 1;
            if (it < 100) loop.callSoon(tick);
          };
          loop.callSoon(tick);
          const log: string[] = [];
          const r = new StreamReader({ loop, limit: 4 });
          r.setTransport({
            pauseReading: () => log.push(`${it}: pause`),
            resumeReading: () => log.push(`${it}: resume`),
          } as unknown as Transport);
          const step = (): Coroutine<void> =>
            (function* () {
              const f = loop.createFuture<void>();
              loop.callSoon(() => f.setResult(undefined));
              yield* f;
            })();
          const all = loop.createTask(
            (function* () {
              return yield* r.read();
            })(),
          );
          yield* step();
          for (const size of [3, 7, 12]) {
            log.push(`${it}: feed ${size}`);
            r.feedData(new Uint8Array(size));
            yield* step();
          }
          log.push(`${it}: eof`);
          r.feedEof();
          const data = yield* all;
          log.push(`${it}: got ${data.length}`);
          return log;
        })(),
      );
      // asyncio 3.11-3.13: the 12-byte feed leaves more than 2 × limit buffered (pause); the read
      // takes it when its task runs in the next iteration, which brings the buffer down (resume).
      expect(got).toEqual([
        '2: feed 3',
        '4: feed 7',
        '6: feed 12',
        '6: pause',
        '7: resume',
        '8: eof',
        '10: got 22',
      ]);
    },
  );

  statement(
    'streams.flow-control.bounded',
    'over a real connection a slow reader buffers at most about 2 × limit, and no byte is lost',
    async ({ loop, run }) => {
      const limit = 16 * 1024;
      const total = 2 * 1024 * 1024;
      const got = await run(
        (function* () {
          const srv = yield* listen(loop);
          const reader = new StreamReader({ loop, limit });
          let received = 0;
          let biggestChunk = 0;
          class Counting extends StreamReaderProtocol {
            override dataReceived(data: Uint8Array): void {
              received += data.length;
              biggestChunk = Math.max(biggestChunk, data.length);
              super.dataReceived(data);
            }
          }
          const [transport] = yield* loop.createConnection(
            () => new Counting(reader, null, loop),
            '127.0.0.1',
            srv.port,
          );
          yield* until(loop, () => srv.accepted.length === 1);
          const peer = srv.accepted[0] as Recorder;
          const payload = new Uint8Array(total);
          for (let i = 0; i < total; i++) payload[i] = (i * 7) % 251;
          peer.transport?.write(payload);
          // The consumer does not read until the reader has paused the transport.
          yield* until(loop, () => !transport.isReading());
          const pausedAt = received;
          let consumed = 0;
          let worst = pausedAt;
          let intact = true;
          while (consumed < total) {
            const chunk = yield* reader.readexactly(Math.min(4096, total - consumed));
            for (let j = 0; j < chunk.length; j++) {
              if (chunk[j] !== ((consumed + j) * 7) % 251) intact = false;
            }
            consumed += chunk.length;
            worst = Math.max(worst, received - consumed);
          }
          transport.close();
          srv.server.close();
          return { pausedAt, worst, biggestChunk, consumed, intact };
        })(),
      );
      expect(got.consumed, 'every byte arrived').toBe(total);
      expect(got.intact, 'in order and unchanged').toBe(true);
      expect(got.pausedAt, 'paused only above 2 × limit').toBeGreaterThan(2 * limit);
      expect(got.worst, 'buffered at most 2 × limit plus one chunk').toBeLessThanOrEqual(
        2 * limit + got.biggestChunk,
      );
    },
  );
});
