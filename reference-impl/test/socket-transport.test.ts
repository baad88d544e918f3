// The reference's stream transport beyond the suite: writes dropped after close() are counted,
// and from the fifth on each is logged as asyncio logs it.
import { expect, it } from 'vitest';
import { logger, newEventLoop, Protocol, type Transport } from '../src/index.js';

it('counts the writes it drops after close() and abort()', async () => {
  const loop = newEventLoop();
  try {
    const counts = await loop.runUntilComplete(
      loop.createTask(
        (function* () {
          const server = yield* loop.createServer(() => new Protocol(), '127.0.0.1', 0);
          const [, port] = server.sockets[0].getsockname() as [string, number];
          const [t] = yield* loop.createConnection(() => new Protocol(), '127.0.0.1', port);
          const dropped = () => (t as Transport & { _droppedWrites: number })._droppedWrites;
          t.write(new Uint8Array([1]));
          const before = dropped();
          t.close();
          for (let i = 0; i < 6; i++) t.write(new Uint8Array([2]));
          t.write(new Uint8Array(0)); // an empty write is not a write
          const after = dropped();
          server.close();
          yield* server.waitClosed();
          return [before, after];
        })(),
      ),
    );
    expect(counts).toEqual([0, 6]);
  } finally {
    loop.close();
  }
});

it('logs each dropped write from the fifth on, as asyncio does (7 writes after close(): 3 warnings)', async () => {
  // CPython 3.11-3.13: t.close(); 7 × t.write(b'x') logs "socket.send() raised exception." 3 times.
  const loop = newEventLoop();
  const warnings: string[] = [];
  const original = logger.warning;
  logger.warning = (message: string) => {
    warnings.push(message);
  };
  try {
    await loop.runUntilComplete(
      loop.createTask(
        (function* () {
          const server = yield* loop.createServer(() => new Protocol(), '127.0.0.1', 0);
          const [, port] = server.sockets[0].getsockname() as [string, number];
          const [t] = yield* loop.createConnection(() => new Protocol(), '127.0.0.1', port);
          t.close();
          for (let i = 0; i < 4; i++) t.write(new Uint8Array([2]));
          expect(warnings).toEqual([]);
          for (let i = 0; i < 3; i++) t.write(new Uint8Array([2]));
          server.close();
          yield* server.waitClosed();
        })(),
      ),
    );
    expect(warnings).toEqual(Array(3).fill('socket.send() raised exception.'));
  } finally {
    logger.warning = original;
    loop.close();
  }
});
