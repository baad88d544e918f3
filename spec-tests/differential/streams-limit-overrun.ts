// Twin of streams-limit-overrun.py: the same trace, line for line.
import { type Coroutine, LimitOverrunError, newEventLoop, StreamReader } from 'pep3156';

const loop = newEventLoop();
const enc = (s: string) => new TextEncoder().encode(s);
/** Python's repr of the text of `data` (ASCII only). */
const show = (data: Uint8Array) =>
  `'${new TextDecoder().decode(data).replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/'/g, "\\'")}'`;

function* step(label: string, read: () => Iterable<unknown>): Coroutine<void> {
  try {
    const got = (yield* read() as Coroutine<Uint8Array>) as Uint8Array;
    console.log(`${label}: returned ${show(got)}`);
  } catch (e) {
    if (e instanceof LimitOverrunError) console.log(`${label}: LimitOverrunError consumed=${e.consumed}`);
    else console.log(`${label}: ${(e as Error).name}`);
  }
}

function* main(): Coroutine<void> {
  let r = new StreamReader({ loop, limit: 4 });
  r.feedData(enc('abcdefgh\nxy\n'));
  yield* step('readuntil(\\n), separator past the limit', () => r.readuntil('\n'));
  yield* step('readuntil(\\n) again', () => r.readuntil('\n'));
  yield* step('readexactly(9) ignores the limit', () => r.readexactly(9));
  yield* step('readline', () => r.readline());

  r = new StreamReader({ loop, limit: 4 });
  r.feedData(enc('abcdef'));
  yield* step('readuntil(\\n), no separator, over the limit', () => r.readuntil('\n'));
  yield* step('read(3)', () => r.read(3));

  const across = new StreamReader({ loop, limit: 4 });
  across.feedData(enc('abcd'));
  loop.callSoon(() => across.feedData(enc('XYZ')));
  yield* step('readuntil(XYZ) found across chunks, at the limit', () => across.readuntil('XYZ'));

  r = new StreamReader({ loop, limit: 4 });
  r.feedData(enc('abcdefgh\nnext\n'));
  yield* step('readline, long line with newline', () => r.readline());
  yield* step('readline', () => r.readline());

  r = new StreamReader({ loop, limit: 4 });
  r.feedData(enc('abcdefgh'));
  yield* step('readline, long line without newline', () => r.readline());
  r.feedData(enc('ok\n'));
  yield* step('readline', () => r.readline());

  const chunked = new StreamReader({ loop, limit: 4 });
  loop.callSoon(() => {
    chunked.feedData(enc('ab'));
    chunked.feedData(enc('cdef'));
    chunked.feedData(enc('g\nrest\n'));
  });
  yield* step('readline waiting, chunks make a long line', () => chunked.readline());
  yield* step('readline', () => chunked.readline());

  r = new StreamReader({ loop, limit: 4 });
  r.feedData(enc('abcd\n'));
  yield* step('readline, a line of exactly limit bytes', () => r.readline());
  r.feedData(enc('ab'));
  r.feedEof();
  yield* step('readuntil(\\n) at eof under the limit', () => r.readuntil('\n'));

  // Reads that wait and then overrun: readuntil keeps the data, readline drops it.
  const w1 = new StreamReader({ loop, limit: 4 });
  w1.feedData(enc('ab'));
  loop.callSoon(() => w1.feedData(enc('cdefXYZ')));
  yield* step('readuntil(XYZ) waiting, found past the limit', () => w1.readuntil('XYZ'));
  yield* step('read(100)', () => w1.read(100));

  const w2 = new StreamReader({ loop, limit: 4 });
  w2.feedData(enc('ab'));
  loop.callSoon(() => w2.feedData(enc('cdefgh')));
  yield* step('readuntil(XYZ) waiting, not found, over the limit', () => w2.readuntil('XYZ'));
  yield* step('read(100)', () => w2.read(100));

  const w3 = new StreamReader({ loop, limit: 4 });
  w3.feedData(enc('ab'));
  loop.callSoon(() => w3.feedData(enc('cdefgh')));
  yield* step('readline waiting, no newline, over the limit', () => w3.readline());
  w3.feedData(enc('z\n'));
  yield* step('readline', () => w3.readline());
}

await loop.runUntilComplete(main());
loop.close();
