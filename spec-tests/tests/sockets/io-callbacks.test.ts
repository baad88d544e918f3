// spec-tests/tests/sockets/io-callbacks.test.ts: PEP 3156 § I/O Callbacks
// > add_reader(fd, callback, *args). Arrange for callback(*args) to be called whenever file
// > descriptor fd is deemed ready for reading. Calling add_reader() again for the same file
// > descriptor implies a call to remove_reader() for the same file descriptor. ... remove_reader(fd).
// > ... If no callback is currently set for the file descriptor, this is a no-op and returns False.
// > Otherwise, it removes the callback arrangement and returns True.
import { expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { captureExceptions, errorName, thrown } from '../support/index.js';
import { bytes, settle, until } from '../support/net.js';
import {
  closeAll,
  connectedPair,
  hooksOf,
  iterations,
  listening,
  recvAll,
  text,
  withListener,
} from '../support/sockets.js';

section('sockets', 'I/O Callbacks', () => {
  statement(
    'sockets.reader.fires',
    'addReader(sock, cb, ...args) calls cb(...args) once bytes are there to read, not before, and again at EOF',
    async ({ loop, adapter, run }) => {
      await withListener(adapter, async (h, listener, opened) => {
        const out = await run(
          (function* () {
            const { client, conn } = yield* connectedPair(loop, h, listener, opened);
            const calls: unknown[][] = [];
            loop.addReader(conn, (...args: unknown[]) => calls.push(args), 'a', 2);
            yield* settle(loop, 0.02);
            const before = calls.length;
            yield* loop.sockSendall(client, bytes('ping'));
            yield* until(loop, () => calls.length > 0);
            const args = calls[0];
            const got = yield* recvAll(loop, conn, 4);
            calls.length = 0;
            h.close(client);
            yield* until(loop, () => calls.length > 0);
            const atEof = yield* loop.sockRecv(conn, 10);
            const removed = loop.removeReader(conn);
            return { before, args, got: text(got), atEof: atEof.length, removed };
          })(),
        );
        expect(out.before, 'no call while nothing is readable').toBe(0);
        expect(out.args).toEqual(['a', 2]);
        expect(out.got).toBe('ping');
        expect(out.atEof, 'the EOF call: sockRecv gives an empty result').toBe(0);
        expect(out.removed).toBe(true);
      });
    },
  );

  statement(
    'sockets.reader.level',
    'a reader runs again in later iterations while unread bytes remain, and stops once they are read',
    async ({ loop, adapter, run }) => {
      await withListener(adapter, async (h, listener, opened) => {
        const out = await run(
          (function* () {
            const { client, conn } = yield* connectedPair(loop, h, listener, opened);
            let calls = 0;
            loop.addReader(conn, () => {
              calls += 1;
            });
            yield* loop.sockSendall(client, bytes('xyz'));
            yield* until(loop, () => calls > 0);
            yield* iterations(loop, 5);
            const whileUnread = calls;
            yield* recvAll(loop, conn, 3);
            yield* iterations(loop, 2);
            const afterRead = calls;
            yield* iterations(loop, 5);
            const later = calls;
            loop.removeReader(conn);
            return { whileUnread, afterRead, later };
          })(),
        );
        expect(out.whileUnread, 'called again while the bytes stay unread').toBeGreaterThan(1);
        expect(out.later, 'no more calls once nothing is left to read').toBe(out.afterRead);
      });
    },
  );

  statement(
    'sockets.reader.replace',
    'addReader again for the same socket replaces the callback: only the new one runs',
    async ({ loop, adapter, run }) => {
      await withListener(adapter, async (h, listener, opened) => {
        const out = await run(
          (function* () {
            const { client, conn } = yield* connectedPair(loop, h, listener, opened);
            const seen: string[] = [];
            loop.addReader(conn, () => seen.push('first'));
            loop.addReader(conn, () => seen.push('second'));
            yield* loop.sockSendall(client, bytes('x'));
            yield* until(loop, () => seen.length >= 2);
            const first = loop.removeReader(conn);
            const second = loop.removeReader(conn);
            return { seen: [...new Set(seen)], first, second };
          })(),
        );
        expect(out.seen).toEqual(['second']);
        expect(out.first, 'one reader was registered').toBe(true);
        expect(out.second, 'the replaced reader was not left behind').toBe(false);
      });
    },
  );

  statement(
    'sockets.reader.remove',
    'removeReader returns true when it removed a reader, false when there was none; a removed reader never runs',
    async ({ loop, adapter, run }) => {
      await withListener(adapter, async (h, listener, opened) => {
        const out = await run(
          (function* () {
            const { client, conn } = yield* connectedPair(loop, h, listener, opened);
            const never = loop.removeReader(conn);
            let calls = 0;
            loop.addReader(conn, () => {
              calls += 1;
            });
            const removed = loop.removeReader(conn);
            const again = loop.removeReader(conn);
            yield* loop.sockSendall(client, bytes('data'));
            yield* settle(loop, 0.02);
            const got = yield* recvAll(loop, conn, 4);
            return { never, removed, again, calls, got: text(got) };
          })(),
        );
        expect(out.never).toBe(false);
        expect(out.removed).toBe(true);
        expect(out.again).toBe(false);
        expect(out.calls, 'the removed reader did not run').toBe(0);
        expect(out.got).toBe('data');
      });
    },
  );

  statement(
    'sockets.reader.accept',
    'a reader on a listening socket runs when a connection is waiting; sockAccept then takes it',
    async ({ loop, adapter, run }) => {
      await withListener(adapter, async (h, listener, opened) => {
        const out = await run(
          (function* () {
            let calls = 0;
            loop.addReader(listener.sock, () => {
              calls += 1;
            });
            yield* settle(loop, 0.02);
            const before = calls;
            const client = h.newTcpSocket();
            opened.push(client);
            yield* loop.sockConnect(client, ['127.0.0.1', listener.port]);
            yield* until(loop, () => calls > 0);
            const removed = loop.removeReader(listener.sock);
            const [conn] = yield* loop.sockAccept(listener.sock);
            opened.push(conn);
            return { before, removed };
          })(),
        );
        expect(out.before, 'no call while no connection waits').toBe(0);
        expect(out.removed).toBe(true);
      });
    },
  );

  statement(
    'sockets.writer.fires',
    'addWriter calls its callback while the socket can take a write; again replaces it; removeWriter returns true, then false',
    async ({ loop, adapter, run }) => {
      await withListener(adapter, async (h, listener, opened) => {
        const out = await run(
          (function* () {
            const { client, conn } = yield* connectedPair(loop, h, listener, opened);
            const seen: string[] = [];
            loop.addWriter(client, (tag: string) => seen.push(tag), 'first');
            yield* until(loop, () => seen.length >= 2);
            const firstRan = seen.length;
            loop.addWriter(client, (tag: string) => seen.push(tag), 'second');
            seen.length = 0;
            yield* until(loop, () => seen.length >= 2);
            const afterReplace = [...new Set(seen)];
            const removed = loop.removeWriter(client);
            const again = loop.removeWriter(client);
            seen.length = 0;
            yield* iterations(loop, 3);
            // The writer was not in the way of reading and writing.
            yield* loop.sockSendall(client, bytes('ok'));
            const got = yield* recvAll(loop, conn, 2);
            return { firstRan, afterReplace, removed, again, after: seen.length, got: text(got) };
          })(),
        );
        expect(out.firstRan, 'a connected socket is writable, level-triggered').toBeGreaterThanOrEqual(2);
        expect(out.afterReplace).toEqual(['second']);
        expect(out.removed).toBe(true);
        expect(out.again).toBe(false);
        expect(out.after, 'a removed writer never runs').toBe(0);
        expect(out.got).toBe('ok');
      });
    },
  );

  statement(
    'sockets.callbacks.errors',
    'an exception thrown by a reader goes to the exception handler, and the loop goes on',
    async ({ loop, adapter, run }) => {
      const h = hooksOf(adapter);
      const opened: unknown[] = [];
      const listener = await listening(h, opened);
      const seen = captureExceptions(loop);
      try {
        const out = await run(
          (function* () {
            const { client, conn } = yield* connectedPair(loop, h, listener, opened);
            const boom = new Error('reader failed');
            loop.addReader(conn, () => {
              loop.removeReader(conn);
              throw boom;
            });
            yield* loop.sockSendall(client, bytes('x'));
            yield* until(loop, () => seen.length > 0);
            const got = yield* loop.sockRecv(conn, 1);
            return { boom, got: text(got) };
          })(),
        );
        expect(seen.length).toBe(1);
        expect(seen[0]?.exception).toBe(out.boom);
        expect(out.got, 'the loop still runs').toBe('x');
      } finally {
        closeAll(h, opened);
      }
    },
  );

  statement(
    'sockets.callbacks.type',
    'addReader and addWriter refuse what is not a socket with ValueError; removeReader/removeWriter of none are false',
    async ({ loop, adapter, run }) => {
      await withListener(adapter, async (h, listener, opened) => {
        const names = await run(
          (function* () {
            const { conn } = yield* connectedPair(loop, h, listener, opened);
            const cb = () => {};
            const out = [
              errorName(thrown(() => loop.addReader('not a socket', cb))),
              errorName(thrown(() => loop.addWriter({}, cb))),
            ];
            out.push(String(loop.removeReader(conn)), String(loop.removeWriter(conn)));
            return out;
          })(),
        );
        expect(names).toEqual(['ValueError', 'ValueError', 'false', 'false']);
      });
    },
  );
});
