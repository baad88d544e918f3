// Twin of streams-read-eof.py: the same trace, line for line.
import { type Coroutine, IncompleteReadError, newEventLoop, StreamReader } from 'pep3156';

const loop = newEventLoop();
const enc = (s: string) => new TextEncoder().encode(s);
/** Python's repr of the text of `data` (ASCII only). */
const show = (data: Uint8Array) =>
  `'${new TextDecoder().decode(data).replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/'/g, "\\'")}'`;

function* attempt(label: string, reader: StreamReader, read: () => Iterable<unknown>): Coroutine<void> {
  try {
    const got = (yield* read() as Coroutine<Uint8Array>) as Uint8Array;
    console.log(`${label}: returned ${show(got)}`);
  } catch (e) {
    if (e instanceof IncompleteReadError) {
      console.log(
        `${label}: IncompleteReadError partial=${show(e.partial)} expected=${e.expected ?? 'None'}`,
      );
    } else {
      console.log(`${label}: ${(e as Error).name}`);
    }
  }
  const atEof = reader.atEof() ? 'True' : 'False';
  console.log(`  at_eof=${atEof} rest=${show(yield* reader.read())}`);
}

function* main(): Coroutine<void> {
  let r = new StreamReader({ loop });
  r.feedData(enc('abc'));
  r.feedEof();
  yield* attempt('readexactly(5) after eof', r, () => r.readexactly(5));

  r = new StreamReader({ loop });
  r.feedData(enc('abcdef'));
  r.feedEof();
  yield* attempt('readexactly(4) of 6 then eof', r, () => r.readexactly(4));

  r = new StreamReader({ loop });
  r.feedData(enc('some dataAA'));
  r.feedEof();
  yield* attempt('readuntil(AAA) after eof', r, () => r.readuntil('AAA'));

  r = new StreamReader({ loop });
  r.feedData(enc('one\ntwo'));
  r.feedEof();
  yield* attempt('readline with a newline', r, () => r.readline());

  r = new StreamReader({ loop });
  r.feedData(enc('two'));
  r.feedEof();
  yield* attempt('readline without a newline', r, () => r.readline());

  r = new StreamReader({ loop });
  r.feedEof();
  yield* attempt('readline on an empty ended stream', r, () => r.readline());
  yield* attempt('readexactly(0) on an ended stream', r, () => r.readexactly(0));
  yield* attempt('read(3) on an ended stream', r, () => r.read(3));

  r = new StreamReader({ loop });
  r.feedData(enc('xy'));
  const r1 = r;
  loop.callSoon(() => r1.feedEof());
  yield* attempt('readline woken by eof', r, () => r.readline());

  r = new StreamReader({ loop });
  const r3 = r;
  loop.callSoon(() => r3.feedEof());
  yield* attempt('read(10) woken by eof', r, () => r.read(10));

  r = new StreamReader({ loop });
  r.feedData(enc('abc'));
  const r4 = r;
  loop.callSoon(() => r4.feedEof());
  yield* attempt('readexactly(5) woken by eof', r, () => r.readexactly(5));

  r = new StreamReader({ loop });
  r.feedData(enc('dataA'));
  const r5 = r;
  loop.callSoon(() => r5.feedEof());
  yield* attempt('readuntil(AAA) woken by eof', r, () => r.readuntil('AAA'));
}

await loop.runUntilComplete(main());
loop.close();
