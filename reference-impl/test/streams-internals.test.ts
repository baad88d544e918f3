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

  it('a read(-1) cancelled while it collects puts everything it collected back', async () => {
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
});
