// The reference's stream transport beyond the suite: writes dropped after close() are counted
// (asyncio logs a warning from the fifth; the reference keeps the count for diagnostics).
import { expect, it } from 'vitest';
import { newEventLoop, Protocol, type Transport } from '../src/index.js';

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
