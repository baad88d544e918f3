// spec-tests/tests/streams/streams.test.ts: PEP 3156 § Convenience Utilities (asyncio streams)
// > open_connection(host, port) returns (StreamReader, StreamWriter); start_server(client_connected_cb,
// > host, port) calls client_connected_cb(reader, writer) per connection. readline() reads through '\n';
// > readexactly(n) raises IncompleteReadError at early EOF (CPython; the PEP says it stops at EOF).
// The streams are built on the loop's public interface, so the reference streams run on any loop.
import type { StreamWriter } from 'pep3156';
import type { Coroutine } from 'pep3156/spec';
import { expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { errorName } from '../support/index.js';
import { bytes } from '../support/net.js';
import { streamsApi } from '../support/streams.js';

const { openConnection, StreamReader, startServer } = streamsApi();
type StreamReader = InstanceType<typeof StreamReader>;

const text = (b: Uint8Array) => new TextDecoder().decode(b);

section('streams', 'Convenience Utilities', () => {
  statement(
    'streams.readline.lines',
    'readline returns each line with its newline, then what is left, then empty at EOF',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const r = new StreamReader({ loop });
          r.feedData(bytes('one\ntwo\nrest'));
          r.feedEof();
          const out: string[] = [];
          for (let i = 0; i < 4; i++) out.push(text(yield* r.readline()));
          return [out, r.atEof()];
        })(),
      );
      expect(got).toEqual([['one\n', 'two\n', 'rest', ''], true]);
    },
  );

  statement(
    'streams.readexactly.incomplete',
    'readexactly throws IncompleteReadError with the partial bytes when the stream ends early',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const r = new StreamReader({ loop });
          r.feedData(bytes('abc'));
          r.feedEof();
          try {
            yield* r.readexactly(5);
            return ['no error'];
          } catch (e) {
            const err = e as { partial: Uint8Array; expected: number };
            return [errorName(e), text(err.partial), err.expected];
          }
        })(),
      );
      expect(got).toEqual(['IncompleteReadError', 'abc', 5]);
    },
  );

  statement(
    'streams.readuntil.limit',
    'readuntil throws LimitOverrunError when no separator appears within the limit',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const r = new StreamReader({ loop, limit: 4 });
          r.feedData(bytes('toolongline\n'));
          try {
            yield* r.readuntil('\n');
            return 'no error';
          } catch (e) {
            return errorName(e);
          }
        })(),
      );
      expect(got).toBe('LimitOverrunError');
    },
  );

  statement(
    'streams.read.waits',
    'read(n) waits for data and returns at most n bytes; read() returns everything until EOF',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const r = new StreamReader({ loop });
          loop.callLater(0.002, () => r.feedData(bytes('hello world')));
          const first = text(yield* r.read(5));
          loop.callLater(0.002, () => r.feedEof());
          const rest = text(yield* r.read());
          return [first, rest];
        })(),
      );
      expect(got).toEqual(['hello', ' world']);
    },
  );

  statement(
    'streams.reader.one-at-a-time',
    'a second read while one is waiting fails with RuntimeError',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const r = new StreamReader({ loop });
          const first = r.read(1);
          let second = 'no error';
          try {
            yield* r.read(1);
          } catch (e) {
            second = errorName(e);
          }
          r.feedData(bytes('x'));
          return [second, text(yield* first)];
        })(),
      );
      expect(got).toEqual(['RuntimeError', 'x']);
    },
  );

  statement(
    'streams.server.echo',
    'startServer runs a coroutine per client; openConnection returns a reader and a writer',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          let served = 0;
          function* handle(reader: StreamReader, writer: StreamWriter): Coroutine<void> {
            for (;;) {
              const line = yield* reader.readline();
              if (line.length === 0) break;
              writer.write(bytes(`echo:${text(line)}`));
              yield* writer.drain();
            }
            served += 1;
            writer.close();
          }
          const server = yield* startServer(handle, '127.0.0.1', 0, { loop });
          const [, port] = server.sockets[0].getsockname() as [string, number];
          const replies: string[] = [];
          for (const name of ['a', 'b']) {
            const [reader, writer] = yield* openConnection('127.0.0.1', port, { loop });
            writer.write(bytes(`${name}\n`));
            replies.push(text(yield* reader.readline()));
            writer.writeEof();
            yield* reader.read();
            writer.close();
            yield* writer.waitClosed();
          }
          server.close();
          yield* server.waitClosed();
          return [replies, served];
        })(),
      );
      expect(got).toEqual([['echo:a\n', 'echo:b\n'], 2]);
    },
  );

  statement(
    'streams.async-functions.iterate',
    'streams work from async functions too',
    async ({ loop, run }) => {
      const got = await run(async () => {
        const r = new StreamReader({ loop });
        setTimeout(() => {
          r.feedData(bytes('line\n'));
          r.feedEof();
        }, 2);
        const lines: string[] = [];
        for await (const line of r) lines.push(text(line));
        return lines;
      });
      expect(got).toEqual(['line\n']);
    },
    { features: ['async-functions'] },
  );
});
