// Properties of streams, over random data in random chunks: through a StreamReader fed by hand
// with a random mix of read(n), readexactly(n), readline(), readuntil(sep) and read() racing the
// feed; and through a real loopback connection, written in random pieces with drain() and echoed.
// Whatever the mix: every byte comes out once and in order (what an IncompleteReadError carries
// counts as read, as in asyncio); no read returns more than it asked for; a line ends at its
// separator or at the end of the stream.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import {
  type Coroutine,
  IncompleteReadError,
  newEventLoop,
  openConnection,
  StreamReader,
  type StreamWriter,
  sleep,
  startServer,
} from '../../src/index.js';
import { escapes, params } from './settings.js';

type Read =
  | { kind: 'read' | 'readexactly'; n: number }
  | { kind: 'readline' }
  | { kind: 'readuntil'; sep: string };

const read: fc.Arbitrary<Read> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('read' as const, 'readexactly' as const),
    n: fc.integer({ min: 0, max: 12 }),
  }),
  fc.record({ kind: fc.constant('readline' as const) }),
  fc.record({ kind: fc.constant('readuntil' as const), sep: fc.constantFrom('\n', 'ab', 'x') }),
);
// Text over a small alphabet, so that separators are common.
const text = fc.string({ unit: fc.constantFrom('a', 'b', 'x', '\n', 'y'), maxLength: 80 });
const concat = (parts: Uint8Array[]): string => parts.map((p) => Buffer.from(p).toString('latin1')).join('');

it('a StreamReader fed in random chunks: every byte read once, in order', async () => {
  await fc.assert(
    fc.asyncProperty(
      text,
      fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 20 }),
      fc.array(read, { maxLength: 25 }),
      async (input, cuts, reads) => {
        const loop = newEventLoop();
        const escaped = await escapes(async () => {
          const reader = new StreamReader({ loop });
          // The feeder gives the reader one chunk per loop iteration, then the end of the stream.
          const feed = (at: number, i: number): void => {
            if (at >= input.length) {
              reader.feedEof();
              return;
            }
            const size = cuts[i % cuts.length];
            reader.feedData(Buffer.from(input.slice(at, at + size), 'latin1'));
            loop.callSoon(feed, at + size, i + 1);
          };
          loop.callSoon(feed, 0, 0);
          const out: Uint8Array[] = [];
          function* consume(): Coroutine<void> {
            for (const r of reads) {
              try {
                if (r.kind === 'read') {
                  const got = yield* reader.read(r.n);
                  expect(got.length, `read(${r.n})`).toBeLessThanOrEqual(r.n);
                  out.push(got);
                } else if (r.kind === 'readexactly') {
                  const got = yield* reader.readexactly(r.n);
                  expect(got.length, `readexactly(${r.n})`).toBe(r.n);
                  out.push(got);
                } else {
                  const sep = 'sep' in r ? r.sep : '\n';
                  const got = yield* r.kind === 'readline' ? reader.readline() : reader.readuntil(sep);
                  const line = Buffer.from(got).toString('latin1');
                  if (!line.endsWith(sep))
                    expect(reader.atEof(), `a line without ${JSON.stringify(sep)} ends the stream`).toBe(
                      true,
                    );
                  out.push(got);
                }
              } catch (e) {
                if (!(e instanceof IncompleteReadError)) throw e;
                out.push(e.partial);
              }
            }
            out.push(yield* reader.read());
          }
          await loop.runUntilComplete(loop.createTask(consume()));
          expect(concat(out)).toBe(input);
          loop.close();
        });
        expect(escaped, 'nothing reaches Node').toEqual([]);
      },
    ),
    params(150),
  );
});

it('bytes written in random pieces through a loopback echo come back whole and in order', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.integer({ min: 1, max: 70_000 }), { minLength: 1, maxLength: 6 }),
      fc.boolean(),
      async (pieces, drainEach) => {
        const loop = newEventLoop();
        const escaped = await escapes(async () => {
          function* echo(reader: StreamReader, writer: StreamWriter): Coroutine<void> {
            for (;;) {
              const chunk = yield* reader.read(65_536);
              if (chunk.length === 0) break;
              writer.write(chunk);
              yield* writer.drain();
            }
            writer.close();
          }
          function* main(): Coroutine<boolean> {
            const server = yield* startServer(echo, '127.0.0.1', 0);
            const [, port] = (server.sockets[0] as { getsockname(): [string, number] }).getsockname();
            const [reader, writer] = yield* openConnection('127.0.0.1', port);
            const total = pieces.reduce((a, b) => a + b, 0);
            const sent = Buffer.alloc(total);
            for (let i = 0; i < total; i++) sent[i] = (i * 7 + (i >> 8)) & 0xff;
            let at = 0;
            for (const size of pieces) {
              writer.write(sent.subarray(at, at + size));
              at += size;
              if (drainEach) yield* writer.drain();
              else yield* sleep(0);
            }
            writer.writeEof();
            const back = yield* reader.read();
            writer.close();
            server.close();
            yield* server.waitClosed();
            return Buffer.from(back).equals(sent);
          }
          expect(await loop.runUntilComplete(loop.createTask(main()))).toBe(true);
          loop.close();
        });
        expect(escaped, 'nothing reaches Node').toEqual([]);
      },
    ),
    params(12),
  );
});
