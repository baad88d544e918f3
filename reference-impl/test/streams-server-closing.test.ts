// What the reference's startServer does with a client whose callback failed or was cancelled, where
// CPython's versions disagree or CPython leaves the connection open (reference statements).
import {
  type Coroutine,
  currentTask,
  type ExceptionContext,
  newEventLoop,
  openConnection,
  type StreamReader,
  type StreamWriter,
  startServer,
  type Task,
} from 'pep3156';
import { expect, it } from 'vitest';

const text = (b: Uint8Array) => new TextDecoder().decode(b);
const bytes = (s: string) => new TextEncoder().encode(s);

it('[streams.server.callback-throws-closes] a callback that throws has its connection closed', async () => {
  const loop = newEventLoop();
  const seen: ExceptionContext[] = [];
  loop.setExceptionHandler((_loop, context) => {
    seen.push(context);
  });
  const boom = new Error('sync');
  const got = await loop.runUntilComplete(
    (function* (): Coroutine<string> {
      const server = yield* startServer(
        () => {
          throw boom;
        },
        '127.0.0.1',
        0,
        { loop },
      );
      const [, port] = server.sockets[0].getsockname() as [string, number];
      const [reader, writer] = yield* openConnection('127.0.0.1', port, { loop });
      writer.write(bytes('x\n'));
      let reply: string;
      try {
        reply = text(yield* reader.read());
      } catch (e) {
        reply = (e as Error).name;
      }
      writer.close();
      server.close();
      yield* server.waitClosed();
      return reply;
    })(),
  );
  loop.close();
  expect(['', 'ConnectionResetError'], 'the connection was closed').toContain(got);
  expect(seen.map((c) => c.exception)).toEqual([boom]);
});

it('[streams.server.handler-cancelled] cancelling the task of a client coroutine closes its connection, without an error report', async () => {
  const loop = newEventLoop();
  const seen: ExceptionContext[] = [];
  loop.setExceptionHandler((_loop, context) => {
    seen.push(context);
  });
  const got = await loop.runUntilComplete(
    (function* (): Coroutine<unknown[]> {
      let task: Task<unknown> | null = null;
      const server = yield* startServer(
        function* (reader: StreamReader, writer: StreamWriter): Coroutine<void> {
          task = currentTask(loop);
          yield* reader.readline();
          writer.write(bytes('not reached'));
        },
        '127.0.0.1',
        0,
        { loop },
      );
      const [, port] = server.sockets[0].getsockname() as [string, number];
      const [reader, writer] = yield* openConnection('127.0.0.1', port, { loop });
      const f = loop.createFuture<void>();
      const poll = () => (task === null ? loop.callLater(0.001, poll) : f.setResult(undefined));
      poll();
      yield* f;
      (task as unknown as Task<unknown>).cancel();
      const reply = text(yield* reader.read());
      writer.close();
      server.close();
      yield* server.waitClosed();
      return [reply, (task as unknown as Task<unknown>).cancelled()];
    })(),
  );
  loop.close();
  expect(got).toEqual(['', true]);
  expect(seen).toEqual([]);
});
