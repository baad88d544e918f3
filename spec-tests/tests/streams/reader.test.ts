// spec-tests/tests/streams/reader.test.ts: PEP 3156 § Convenience Utilities (asyncio's StreamReader)
// > read(n): Read up to n bytes. readline(): Read up to and including '\n', or until EOF.
// > readexactly(n): Read exactly n bytes, or until EOF. (CPython raises IncompleteReadError.)
// A StreamReader used on its own: fed with feedData/feedEof, no loop I/O.
import type { Coroutine } from 'pep3156/spec';
import { expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { errorName, misuse } from '../support/index.js';
import { bytes } from '../support/net.js';
import { streamsApi } from '../support/streams.js';

const { StreamReader } = streamsApi();

const text = (b: Uint8Array) => new TextDecoder().decode(b);

/** What a read gives: its text, or the name of the error it fails with. */
function* outcome(read: Coroutine<Uint8Array> | Iterable<unknown>): Coroutine<string> {
  try {
    return text((yield* read as Coroutine<Uint8Array>) as Uint8Array);
  } catch (e) {
    return errorName(e);
  }
}

section('streams', 'Convenience Utilities', () => {
  statement(
    'streams.read.sizes',
    'read(0) is empty at once, read(n) gives what is buffered up to n, beyond the limit, and read(-n) reads to EOF',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const r = new StreamReader({ loop, limit: 3 });
          r.feedData(bytes('line1'));
          r.feedData(bytes('line2'));
          const zero = r.read(0);
          const zeroAtOnce = zero.done();
          const out = [text(yield* zero), text(yield* r.read(5)), text(yield* r.read(100))];
          loop.callSoon(() => {
            r.feedData(bytes('a'));
            r.feedData(bytes('b'));
          });
          out.push(text(yield* r.read(10)));
          loop.callSoon(() => {
            r.feedData(bytes('x'));
            r.feedData(bytes('y'));
            loop.callSoon(() => r.feedEof());
          });
          out.push(text(yield* r.read(-5)));
          out.push(text(yield* r.read(10)), text(yield* r.read()));
          return [zeroAtOnce, out];
        })(),
      );
      expect(got).toEqual([true, ['', 'line1', 'line2', 'ab', 'xy', '', '']]);
    },
  );

  statement(
    'streams.readline.limit',
    'a line longer than the limit fails with ValueError and is dropped up to its newline, or the buffer is cleared',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const r = new StreamReader({ loop, limit: 7 });
          const out: string[] = [];
          r.feedData(bytes('1234567\n'));
          out.push(yield* outcome(r.readline()));
          r.feedData(bytes('12345678\nnext\n'));
          out.push(yield* outcome(r.readline()), yield* outcome(r.readline()));
          r.feedData(bytes('12345678'));
          out.push(yield* outcome(r.readline()));
          r.feedData(bytes('ok\n'));
          out.push(yield* outcome(r.readline()));
          loop.callSoon(() => {
            r.feedData(bytes('chunk1'));
            r.feedData(bytes('chunk2'));
            r.feedData(bytes('chunk3\n'));
          });
          out.push(yield* outcome(r.readline()));
          r.feedData(bytes('z\n'));
          out.push(yield* outcome(r.readline()));
          return out;
        })(),
      );
      expect(got).toEqual(['1234567\n', 'ValueError', 'next\n', 'ValueError', 'ok\n', 'ValueError', 'z\n']);
    },
  );

  statement(
    'streams.readuntil.separator',
    'readuntil finds multi-byte separators, also across chunks, and returns through the separator',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const r = new StreamReader({ loop });
          const out: string[] = [];
          r.feedData(bytes('lineAAAxxx'));
          out.push(yield* outcome(r.readuntil('AAA')));
          loop.callSoon(() => {
            r.feedData(bytes('QWEaa'));
            r.feedData(bytes('XYaa'));
            r.feedData(bytes('a'));
          });
          out.push(yield* outcome(r.readuntil(bytes('aaa'))));
          r.feedData(bytes('\r\nrest'));
          out.push(yield* outcome(r.readuntil(bytes('\r\n'))));
          out.push(yield* outcome(r.readuntil(new Uint8Array(0))));
          r.feedEof();
          out.push(yield* outcome(r.read()));
          return out;
        })(),
      );
      expect(got).toEqual(['lineAAA', 'xxxQWEaaXYaaa', '\r\n', 'ValueError', 'rest']);
    },
  );

  statement(
    'streams.readuntil.limit',
    'readuntil throws LimitOverrunError with consumed when the data before the separator exceeds the limit, and keeps the data',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const r = new StreamReader({ loop, limit: 3 });
          r.feedData(bytes('some dataAA'));
          const seen: unknown[] = [];
          for (const more of ['', 'A']) {
            if (more) r.feedData(bytes(more));
            try {
              yield* r.readuntil('AAA');
              seen.push('no error');
            } catch (e) {
              seen.push([errorName(e), (e as { consumed: number }).consumed]);
            }
          }
          r.feedEof();
          seen.push(text(yield* r.read()));
          return seen;
        })(),
      );
      expect(got).toEqual([['LimitOverrunError', 9], ['LimitOverrunError', 9], 'some dataAAA']);
    },
  );

  statement(
    'streams.readuntil.limit',
    'the limit counts the data before the separator: a separator that ends just past the limit is found',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const r = new StreamReader({ loop, limit: 4 });
          // 5 bytes buffered, no separator yet: at most 3 of them can come before a 3-byte separator.
          r.feedData(bytes('abcdA'));
          loop.callSoon(() => r.feedData(bytes('AA!')));
          return yield* outcome(r.readuntil('AAA'));
        })(),
      );
      expect(got).toBe('abcdAAA');
    },
  );

  statement(
    'streams.readuntil.eof',
    'at EOF before the separator readuntil throws IncompleteReadError with everything buffered and expected null',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const r = new StreamReader({ loop });
          r.feedData(bytes('some dataAA'));
          r.feedEof();
          try {
            yield* r.readuntil('AAA');
            return ['no error'];
          } catch (e) {
            const err = e as { partial: Uint8Array; expected: number | null };
            return [errorName(e), text(err.partial), err.expected, r.atEof()];
          }
        })(),
      );
      expect(got).toEqual(['IncompleteReadError', 'some dataAA', null, true]);
    },
  );

  statement(
    'streams.readexactly.sizes',
    'readexactly(0) is empty, a negative n is a ValueError, and readexactly waits across chunks beyond the limit',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const r = new StreamReader({ loop, limit: 3 });
          r.feedData(bytes('abc'));
          const out = [yield* outcome(r.readexactly(0)), yield* outcome(r.readexactly(-1))];
          loop.callSoon(() => {
            r.feedData(bytes('def'));
            r.feedData(bytes('ghi'));
            r.feedData(bytes('jkl'));
          });
          out.push(yield* outcome(r.readexactly(10)), yield* outcome(r.readexactly(2)));
          return out;
        })(),
      );
      expect(got).toEqual(['', 'ValueError', 'abcdefghij', 'kl']);
    },
  );

  statement(
    'streams.reader.feed-eof',
    'atEof needs feedEof and an empty buffer; feedEof wakes a waiting read; feedData takes bytes, not after feedEof',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const r = new StreamReader({ loop });
          const states = [r.atEof()];
          r.feedData(bytes('some data\n'));
          r.feedData(new Uint8Array(0));
          states.push(r.atEof());
          yield* r.readline();
          states.push(r.atEof());
          const pending = r.read(10);
          loop.callSoon(() => r.feedEof());
          const woken = text(yield* pending);
          states.push(r.atEof());
          const afterEof = errorName(
            (() => {
              try {
                r.feedData(bytes('late'));
                return null;
              } catch (e) {
                return e;
              }
            })(),
          );
          const r2 = new StreamReader({ loop });
          misuse(() => r2.feedData('text' as unknown as Uint8Array), 'TypeError');
          r2.feedData(bytes('partial'));
          const line = r2.readline();
          loop.callSoon(() => r2.feedEof());
          return [states, woken, afterEof, text(yield* line), r2.atEof()];
        })(),
      );
      expect(got).toEqual([[false, false, false, true], '', 'RuntimeError', 'partial', true]);
    },
  );

  statement(
    'streams.reader.set-exception',
    'after setException every pending and later read fails with that exception, even with data buffered',
    async ({ loop, run }) => {
      const boom = new Error('boom');
      const got = await run(
        (function* () {
          const r = new StreamReader({ loop });
          const before = r.exception();
          const pending = loop.createTask(outcome(r.readline()));
          loop.callSoon(() => r.setException(boom));
          const first = yield* pending;
          r.feedData(bytes('data\n'));
          const later: unknown[] = [];
          for (const read of [
            () => r.read(2),
            () => r.read(0),
            () => r.readline(),
            () => r.readuntil('\n'),
            () => r.readexactly(2),
            () => r.readexactly(0),
          ]) {
            try {
              yield* read();
              later.push('no error');
            } catch (e) {
              later.push(e === boom);
            }
          }
          return [before, r.exception() === boom, first, later];
        })(),
      );
      expect(got).toEqual([null, true, 'Error', [true, true, true, true, true, true]]);
    },
  );

  statement(
    'streams.reader.cancel-keeps-data',
    'cancelling a read, while it waits or after its data arrived, loses no data and frees the reader',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const r = new StreamReader({ loop });
          const out: unknown[] = [];
          // Cancelled while waiting.
          const waiting = loop.createTask(wrap(r.read(5)));
          yield* until0(loop);
          waiting.cancel();
          yield* until0(loop);
          out.push(waiting.cancelled());
          // Cancelled after the data arrived, before the task resumed.
          for (const read of [() => r.readline(), () => r.readexactly(3), () => r.read(100)]) {
            const task = loop.createTask(wrap(read()));
            yield* until0(loop);
            loop.callSoon(() => {
              r.feedData(bytes('abc\n'));
              task.cancel();
            });
            yield* until0(loop);
            yield* until0(loop);
            out.push(task.cancelled(), text(yield* r.readexactly(4)));
          }
          // A cancelled read leaves no stale waiter behind for setException.
          const last = loop.createTask(wrap(r.read(1)));
          yield* until0(loop);
          last.cancel();
          yield* until0(loop);
          r.setException(new Error('late'));
          out.push(last.cancelled(), yield* outcome(r.read(1)));
          return out;
        })(),
      );
      expect(got).toEqual([true, true, 'abc\n', true, 'abc\n', true, 'abc\n', true, 'Error']);
    },
  );

  statement(
    'streams.reader.failed-read-consumes',
    'a readexactly or readuntil that waits and then fails at EOF consumes the bytes it gives as partial',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const out: unknown[] = [];
          const reads = [
            (r: InstanceType<typeof StreamReader>) => r.readexactly(5),
            (r: InstanceType<typeof StreamReader>) => r.readuntil('AA'),
          ];
          for (const read of reads) {
            const r = new StreamReader({ loop });
            r.feedData(bytes('abA'));
            loop.callSoon(() => r.feedEof());
            try {
              yield* read(r);
              out.push('no error');
            } catch (e) {
              out.push(errorName(e), text((e as { partial: Uint8Array }).partial));
            }
            out.push(r.atEof(), text(yield* r.read()));
          }
          return out;
        })(),
      );
      expect(got).toEqual(['IncompleteReadError', 'abA', true, '', 'IncompleteReadError', 'abA', true, '']);
    },
  );

  statement(
    'streams.read.bad-size',
    'read(n) and readexactly(n) refuse a size that is not an integer with TypeError (readexactly a negative one with ValueError), consuming nothing',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const out: string[] = [];
          const calls: [string, (r: InstanceType<typeof StreamReader>) => Iterable<unknown>][] = [
            ['read(NaN)', (r) => r.read(Number.NaN)],
            ['read(1.5)', (r) => r.read(1.5)],
            ['read(Infinity)', (r) => r.read(Number.POSITIVE_INFINITY)],
            ["read('5')", (r) => r.read('5' as unknown as number)],
            ['read(null)', (r) => r.read(null as unknown as number)],
            ['readexactly(NaN)', (r) => r.readexactly(Number.NaN)],
            ['readexactly(1.5)', (r) => r.readexactly(1.5)],
            ["readexactly('5')", (r) => r.readexactly('5' as unknown as number)],
            ['readexactly(-1.5)', (r) => r.readexactly(-1.5)],
          ];
          for (const [label, call] of calls) {
            const r = new StreamReader({ loop });
            r.feedData(bytes('abcdef'));
            out.push(`${label}: ${yield* outcome(call(r))}, then ${yield* outcome(r.read(100))}`);
          }
          // A negative size, even a fraction, reads to the end of the stream (asyncio: n < 0).
          const r = new StreamReader({ loop });
          r.feedData(bytes('abc'));
          r.feedEof();
          out.push(`read(-1.5): ${yield* outcome(r.read(-1.5))}`);
          return out;
        })(),
      );
      expect(got).toEqual([
        'read(NaN): TypeError, then abcdef',
        'read(1.5): TypeError, then abcdef',
        'read(Infinity): TypeError, then abcdef',
        "read('5'): TypeError, then abcdef",
        'read(null): TypeError, then abcdef',
        'readexactly(NaN): TypeError, then abcdef',
        'readexactly(1.5): TypeError, then abcdef',
        "readexactly('5'): TypeError, then abcdef",
        'readexactly(-1.5): ValueError, then abcdef',
        'read(-1.5): abc',
      ]);
    },
  );

  statement(
    'streams.readuntil.bad-separator',
    'readuntil refuses a separator that is not bytes, a string or an array of them with TypeError, and an empty one with ValueError, at once and consuming nothing',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const out: string[] = [];
          const separators: [string, unknown][] = [
            ['42', 42],
            ['{}', {}],
            ['null', null],
            ['empty', new Uint8Array(0)],
            ['[]', []],
            ["['x', '']", ['x', '']],
            ["['x', 42]", ['x', 42]],
          ];
          for (const [label, separator] of separators) {
            for (const data of ['abcdef', '']) {
              const r = new StreamReader({ loop });
              if (data) r.feedData(bytes(data));
              const read = r.readuntil(separator as Uint8Array);
              const atOnce = read.done();
              r.feedEof();
              out.push(
                `${label} on '${data}': ${yield* outcome(read)} at once ${atOnce}, rest '${text(yield* r.read())}'`,
              );
            }
          }
          return out;
        })(),
      );
      expect(got).toEqual([
        "42 on 'abcdef': TypeError at once true, rest 'abcdef'",
        "42 on '': TypeError at once true, rest ''",
        "{} on 'abcdef': TypeError at once true, rest 'abcdef'",
        "{} on '': TypeError at once true, rest ''",
        "null on 'abcdef': TypeError at once true, rest 'abcdef'",
        "null on '': TypeError at once true, rest ''",
        "empty on 'abcdef': ValueError at once true, rest 'abcdef'",
        "empty on '': ValueError at once true, rest ''",
        "[] on 'abcdef': ValueError at once true, rest 'abcdef'",
        "[] on '': ValueError at once true, rest ''",
        "['x', ''] on 'abcdef': ValueError at once true, rest 'abcdef'",
        "['x', ''] on '': ValueError at once true, rest ''",
        "['x', 42] on 'abcdef': TypeError at once true, rest 'abcdef'",
        "['x', 42] on '': TypeError at once true, rest ''",
      ]);
    },
  );

  statement(
    'streams.readuntil.separators',
    'readuntil with an array of separators returns the shortest data ending with any of them; the limit rule uses the one matched and the longest',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const out: string[] = [];
          let r = new StreamReader({ loop });
          r.feedData(bytes('abcdef'));
          out.push(
            yield* outcome(r.readuntil(['cd', 'b'])),
            yield* outcome(r.readuntil([bytes('f'), 'cde'])),
          );
          // Across chunks: the two-byte separator completes before any other is seen.
          r = new StreamReader({ loop });
          r.feedData(bytes('xx\r'));
          const rr = r;
          loop.callSoon(() => rr.feedData(bytes('\nyy\n')));
          out.push(yield* outcome(r.readuntil(['\n', '\r\n'])), yield* outcome(r.readuntil(['\n', '\r\n'])));
          // No separator within the limit: `consumed` is the buffer length + 1 - the longest separator.
          for (const separators of [['XYZ', 'Q'], ['Q']]) {
            r = new StreamReader({ loop, limit: 3 });
            r.feedData(bytes('abcdef'));
            try {
              yield* r.readuntil(separators);
              out.push('no error');
            } catch (e) {
              out.push(`${errorName(e)} ${(e as { consumed: number }).consumed}`);
            }
          }
          // Found past the limit: the start of the separator matched counts.
          r = new StreamReader({ loop, limit: 3 });
          r.feedData(bytes('abcdQ'));
          try {
            yield* r.readuntil(['Q', 'dQ']);
            out.push('no error');
          } catch (e) {
            out.push(`${errorName(e)} ${(e as { consumed: number }).consumed}`);
          }
          r.feedEof();
          out.push(yield* outcome(r.read()));
          return out;
        })(),
      );
      expect(got).toEqual([
        'ab',
        'cde',
        'xx\r\n',
        'yy\n',
        'LimitOverrunError 4',
        'LimitOverrunError 6',
        'LimitOverrunError 4',
        'abcdQ',
      ]);
    },
  );

  statement('streams.reader.limit-positive', 'a limit of 0 or less is a ValueError', ({ loop }) => {
    misuse(() => new StreamReader({ loop, limit: 0 }), 'ValueError');
    misuse(() => new StreamReader({ loop, limit: -1 }), 'ValueError');
    expect(new StreamReader({ loop, limit: 1 }).atEof(), 'a limit of 1 is fine').toBe(false);
  });
});

/** A coroutine that waits on one read (a task can run it and be cancelled). */
function* wrap(read: Coroutine<Uint8Array> | Iterable<unknown>): Coroutine<Uint8Array> {
  return (yield* read as Coroutine<Uint8Array>) as Uint8Array;
}

/** Lets one loop iteration pass. */
function* until0(loop: import('pep3156/spec').AbstractEventLoop): Coroutine<void> {
  const f = loop.createFuture<void>();
  loop.callSoon(() => f.setResult(undefined));
  yield* f;
}
