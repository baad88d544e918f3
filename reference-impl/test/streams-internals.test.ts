// The reference StreamReader's own promises beyond the conformance suite: the order of reads that
// completed but were not looked at yet, what a cancelled read(-1) puts back, and a transport that
// cannot pause.
import { type Coroutine, newEventLoop, StreamReader, type Transport } from 'pep3156';
import { describe, expect, it } from 'vitest';

const text = (b: Uint8Array) => new TextDecoder().decode(b);
const bytes = (s: string) => new TextEncoder().encode(s);

function* tick(loop: ReturnType<typeof newEventLoop>): Coroutine<void> {
  const f = loop.createFuture<void>();
  loop.callSoon(() => f.setResult(undefined));
  yield* f;
}

describe('StreamReader', () => {
  it('a read that completed but was not looked at takes its bytes before the next read does', async () => {
    const loop = newEventLoop();
    const got = await loop.runUntilComplete(
      (function* () {
        const r = new StreamReader({ loop });
        r.feedData(bytes('abcdef'));
        const first = r.read(2);
        const second = r.read(2);
        return [text(yield* second), text(yield* first)];
      })(),
    );
    loop.close();
    expect(got).toEqual(['cd', 'ab']);
  });

  it('[streams.reader.cancel-read-all-keeps] a read(-1) cancelled while it collects puts everything it collected back', async () => {
    const loop = newEventLoop();
    const got = await loop.runUntilComplete(
      (function* () {
        const r = new StreamReader({ loop, limit: 2 });
        const task = loop.createTask(
          (function* () {
            return yield* r.read();
          })(),
        );
        yield* tick(loop);
        r.feedData(bytes('one '));
        yield* tick(loop);
        r.feedData(bytes('two '));
        yield* tick(loop);
        task.cancel();
        yield* tick(loop);
        yield* tick(loop);
        r.feedData(bytes('three'));
        r.feedEof();
        return [task.cancelled(), text(yield* r.read())];
      })(),
    );
    loop.close();
    expect(got).toEqual([true, 'one two three']);
  });

  it('gives up flow control when the transport cannot pause, and still buffers everything', async () => {
    const loop = newEventLoop();
    let pauses = 0;
    const transport = {
      pauseReading: () => {
        pauses += 1;
        throw new Error('cannot pause');
      },
      resumeReading: () => undefined,
    } as unknown as Transport;
    const got = await loop.runUntilComplete(
      (function* () {
        const r = new StreamReader({ loop, limit: 1 });
        r.setTransport(transport);
        r.feedData(bytes('abc'));
        r.feedData(bytes('def'));
        r.feedEof();
        return text(yield* r.read());
      })(),
    );
    loop.close();
    expect([got, pauses]).toEqual(['abcdef', 1]);
  });

  it('keeps every byte in order through chunks, partial reads and cancelled reads, and never writes to fed chunks', async () => {
    const loop = newEventLoop();
    let seed = 12345;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return (seed >>> 12) % n;
    };
    const total = 300_000;
    const source = new Uint8Array(total);
    for (let i = 0; i < total; i++) source[i] = (i * 31 + (i >> 8)) % 256;
    const fed: Uint8Array[] = [];
    let cancelled = 0;
    const got = await loop.runUntilComplete(
      (function* () {
        const r = new StreamReader({ loop, limit: 4096 });
        let offset = 0;
        const out: Uint8Array[] = [];
        const consumed = () => out.reduce((n, b) => n + b.length, 0);
        while (offset < total || !r.atEof()) {
          if (offset < total) {
            const n = Math.min(1 + random(9000), total - offset);
            const chunk = source.slice(offset, offset + n);
            fed.push(chunk);
            r.feedData(chunk);
            offset += n;
            if (offset === total) r.feedEof();
          }
          const kind = random(4);
          if (kind === 0) out.push(yield* r.read(1 + random(5000)));
          else if (kind === 1) {
            const want = 1 + random(7000);
            if (offset < total && offset - consumed() < want) continue;
            try {
              out.push(yield* r.readexactly(want));
            } catch (e) {
              out.push((e as { partial: Uint8Array }).partial);
            }
          } else if (kind === 2 && offset < total) {
            // A read that waits, gets its data and is cancelled before it resumes: nothing is lost.
            if (offset > consumed()) out.push(yield* r.read(1 << 30));
            const task = loop.createTask(
              (function* () {
                return yield* r.read(1 + random(3000));
              })(),
            );
            yield* tick(loop);
            const n = Math.min(1 + random(9000), total - offset);
            const chunk = source.slice(offset, offset + n);
            offset += n;
            fed.push(chunk);
            loop.callSoon(() => {
              r.feedData(chunk);
              if (offset === total) r.feedEof();
              task.cancel();
            });
            yield* tick(loop);
            yield* tick(loop);
            cancelled += task.cancelled() ? 1 : 0;
          } else out.push(yield* r.read(0));
        }
        let n = 0;
        for (const b of out) n += b.length;
        const joined = new Uint8Array(n);
        let o = 0;
        for (const b of out) {
          joined.set(b, o);
          o += b.length;
        }
        return joined;
      })(),
    );
    loop.close();
    expect(cancelled, 'the cancel scenario ran').toBeGreaterThan(5);
    expect(got.length).toBe(total);
    expect(Buffer.compare(Buffer.from(got), Buffer.from(source))).toBe(0);
    let o = 0;
    let untouched = true;
    for (const chunk of fed) {
      for (let i = 0; i < chunk.length; i++) if (chunk[i] !== source[o + i]) untouched = false;
      o += chunk.length;
    }
    expect(untouched, 'fed chunks are never written to').toBe(true);
  });
});
