// spec-tests/tests/streams/server.test.ts: PEP 3156 § Convenience Utilities (asyncio's start_server)
// > start_server(client_connected_cb, host, port): client_connected_cb(reader, writer) is called for
// > each connection; "This parameter can either be a plain callback function or a coroutine; if it
// > is a coroutine, it will be automatically converted into a Task." (asyncio's docstring)
import { rmSync } from 'node:fs';
import { Socket } from 'node:net';
import type { StreamReader, StreamWriter } from 'pep3156';
import type { AbstractEventLoop, Coroutine, Server } from 'pep3156/spec';
import { expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { captureExceptions, errorName } from '../support/index.js';
import { bytes, unixPath, until } from '../support/net.js';
import { streamsApi } from '../support/streams.js';

const { openConnection, openUnixConnection, startServer, startUnixServer } = streamsApi();

const text = (b: Uint8Array) => new TextDecoder().decode(b);

function portOf(server: Server): number {
  return (server.sockets[0].getsockname() as [string, number])[1];
}

/** Echoes one line, then closes. */
function* echoLine(reader: StreamReader, writer: StreamWriter): Coroutine<void> {
  const line = yield* reader.readline();
  writer.write(line);
  yield* writer.drain();
  writer.close();
  yield* writer.waitClosed();
}

/** Sends `line` on a new connection to `port` and returns what comes back until EOF (or the error's name). */
function* exchange(loop: AbstractEventLoop, port: number, line: string): Coroutine<string> {
  const [reader, writer] = yield* openConnection('127.0.0.1', port, { loop });
  writer.write(bytes(line));
  let reply: string;
  try {
    reply = text(yield* reader.read());
  } catch (e) {
    reply = errorName(e);
  }
  writer.close();
  return reply;
}

section('streams', 'Convenience Utilities', () => {
  statement(
    'streams.server.callback-kinds',
    'the client-connected callback may be a generator function or a plain function that starts its own task',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const replies: string[] = [];
          const generator = yield* startServer(echoLine, '127.0.0.1', 0, { loop });
          replies.push(yield* exchange(loop, portOf(generator), 'generator\n'));
          const plain = yield* startServer(
            (reader, writer) => {
              loop.createTask(echoLine(reader, writer));
            },
            '127.0.0.1',
            0,
            { loop },
          );
          replies.push(yield* exchange(loop, portOf(plain), 'plain\n'));
          for (const server of [generator, plain]) {
            server.close();
            yield* server.waitClosed();
          }
          return replies;
        })(),
      );
      expect(got).toEqual(['generator\n', 'plain\n']);
    },
  );

  statement(
    'streams.server.callback-kinds',
    'the client-connected callback may be an async function, and streams work from async functions',
    async ({ loop, run }) => {
      const got = await run(async () => {
        const server = await startServer(
          async (reader, writer) => {
            const line = await reader.readline();
            writer.write(bytes(`async:${text(line)}`));
            await writer.drain();
            writer.close();
            await writer.waitClosed();
          },
          '127.0.0.1',
          0,
          { loop },
        );
        const [reader, writer] = await openConnection('127.0.0.1', portOf(server), { loop });
        writer.write(bytes('hi\n'));
        await writer.drain();
        const reply = text(await reader.read());
        writer.close();
        await writer.waitClosed();
        server.close();
        await server.waitClosed();
        return reply;
      });
      expect(got).toBe('async:hi\n');
    },
    { features: ['async-functions'] },
  );

  statement(
    'streams.server.callback-error',
    'an exception from the callback or its coroutine goes to the exception handler; a failed coroutine closes its connection',
    async ({ loop, run }) => {
      const errors = { sync: new Error('sync'), generator: new Error('generator') };
      const seen = captureExceptions(loop);
      const got = await run(
        (function* () {
          const kinds = ['generator', 'sync', 'ok'];
          const writers: StreamWriter[] = [];
          const server = yield* startServer(
            (reader, writer) => {
              const kind = kinds[writers.length];
              writers.push(writer);
              if (kind === 'sync') throw errors.sync;
              if (kind === 'generator') {
                return (function* () {
                  yield* reader.readline();
                  throw errors.generator;
                })();
              }
              return echoLine(reader, writer);
            },
            '127.0.0.1',
            0,
            { loop },
          );
          const replies = [yield* exchange(loop, portOf(server), 'generator\n')];
          // The callback that threw: its error is reported. Whether its connection is closed is the
          // implementation's choice (asyncio leaves it open; see streams.server.callback-throws-closes).
          const [, writer] = yield* openConnection('127.0.0.1', portOf(server), { loop });
          yield* until(loop, () => seen.some((c) => c.exception === errors.sync));
          writer.close();
          replies.push(yield* exchange(loop, portOf(server), 'ok\n'));
          for (const w of writers) w.transport.abort();
          server.close();
          return replies;
        })(),
      );
      expect(got[0], 'the failed coroutine closed its connection').toBe('');
      expect(got[1], 'the server still serves').toBe('ok\n');
      const reported = seen.map((c) => c.exception);
      expect(reported, 'both errors reached the handler').toEqual(
        expect.arrayContaining([errors.generator, errors.sync]),
      );
      expect(seen.every((c) => typeof c.message === 'string' && c.message.length > 0)).toBe(true);
    },
  );

  statement(
    'streams.server.callback-error',
    'an async callback that rejects goes to the exception handler and closes its connection',
    async ({ loop, run }) => {
      const boom = new Error('async');
      const seen = captureExceptions(loop);
      const got = await run(
        (function* () {
          const server = yield* startServer(
            async (reader) => {
              await reader.readline();
              throw boom;
            },
            '127.0.0.1',
            0,
            { loop },
          );
          const reply = yield* exchange(loop, portOf(server), 'x\n');
          server.close();
          yield* server.waitClosed();
          return reply;
        })(),
      );
      expect(got).toBe('');
      expect(seen.map((c) => c.exception)).toEqual([boom]);
    },
    { features: ['async-functions'] },
  );

  statement(
    'streams.server.limit',
    'the limit option of startServer and openConnection reaches the readers',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const server = yield* startServer(
            function* (reader, writer) {
              let answer: string;
              try {
                answer = text(yield* reader.readline());
              } catch (e) {
                answer = `${errorName(e)}\n`;
              }
              writer.write(bytes(answer));
              writer.close();
            },
            '127.0.0.1',
            0,
            { loop, limit: 8 },
          );
          const [reader, writer] = yield* openConnection('127.0.0.1', portOf(server), { loop, limit: 4 });
          writer.write(bytes('0123456789abcdef\n'));
          let client: string;
          try {
            yield* reader.readuntil('\n');
            client = 'no error';
          } catch (e) {
            client = errorName(e);
          }
          const rest = text(yield* reader.read());
          writer.close();
          server.close();
          yield* server.waitClosed();
          return [client, rest];
        })(),
      );
      expect(got).toEqual(['LimitOverrunError', 'ValueError\n']);
    },
  );

  statement(
    'streams.open-connection.refused',
    'openConnection to a port nobody listens on fails with ConnectionRefusedError',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const server = yield* startServer(() => undefined, '127.0.0.1', 0, { loop });
          const port = portOf(server);
          server.close();
          yield* server.waitClosed();
          try {
            yield* openConnection('127.0.0.1', port, { loop });
            return 'connected';
          } catch (e) {
            return errorName(e);
          }
        })(),
      );
      expect(got).toBe('ConnectionRefusedError');
    },
  );

  statement(
    'streams.open-connection.sock',
    'openConnection(null, null, { sock }) makes streams over an already connected socket',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const server = yield* startServer(echoLine, '127.0.0.1', 0, { loop });
          const raw = new Socket();
          const ready = loop.createFuture<void>();
          raw.connect(portOf(server), '127.0.0.1', () =>
            loop.callSoonThreadsafe(() => ready.setResult(undefined)),
          );
          yield* ready;
          const [reader, writer] = yield* openConnection(null, null, { loop, sock: raw });
          writer.write(bytes('via sock\n'));
          const reply = text(yield* reader.read());
          writer.close();
          yield* writer.waitClosed();
          server.close();
          yield* server.waitClosed();
          return reply;
        })(),
      );
      expect(got).toBe('via sock\n');
    },
  );

  statement(
    'streams.unix.round-trip',
    'startUnixServer and openUnixConnection carry a stream over a Unix socket',
    async ({ loop, run }) => {
      const path = unixPath('pep3156-streams');
      try {
        const got = await run(
          (function* () {
            const server = yield* startUnixServer(echoLine, path, { loop, limit: 1024 });
            const [reader, writer] = yield* openUnixConnection(path, { loop });
            writer.write(bytes('over unix\n'));
            const reply = text(yield* reader.read());
            const canWriteEof = writer.canWriteEof();
            writer.close();
            yield* writer.waitClosed();
            server.close();
            yield* server.waitClosed();
            return [reply, canWriteEof];
          })(),
        );
        expect(got).toEqual(['over unix\n', true]);
      } finally {
        rmSync(path, { force: true });
      }
    },
    { features: ['unix'] },
  );
});
