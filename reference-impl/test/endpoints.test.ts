// The reference's name lookups as createConnection and getaddrinfo use them, with node:dns's lookup
// replaced by a table: several addresses for one name (tried in order, errors combined as asyncio
// combines them) and a name that does not resolve (gaierror), without any network access.
import { createServer as netServer } from 'node:net';
import { afterEach, expect, it, vi } from 'vitest';

type Entry = { address: string; family: number };
const table = new Map<string, Entry[]>();

vi.mock('node:dns', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:dns')>();
  const lookup = (host: string, options: { family?: number }, callback: (...a: unknown[]) => void) => {
    const entries = table.get(host);
    if (entries === undefined) {
      const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), {
        code: 'ENOTFOUND',
        errno: -3008,
        hostname: host,
      });
      setImmediate(() => callback(error));
      return;
    }
    const family = options?.family ?? 0;
    setImmediate(() =>
      callback(
        null,
        entries.filter((e) => family === 0 || e.family === family),
      ),
    );
  };
  return { ...real, default: { ...real, lookup }, lookup };
});

const { newEventLoop } = await import('../src/index.js');

afterEach(() => table.clear());

/** A plain node:net server on `host` (port 0), for the loop to connect to. */
function plainServer(host: string): Promise<{ port: number; close: () => void }> {
  return new Promise((resolve) => {
    const s = netServer((c) => c.end());
    s.listen(0, host, () =>
      resolve({ port: (s.address() as { port: number }).port, close: () => s.close() }),
    );
  });
}

/** A port nobody listens on (bound, noted, let go). */
async function freePort(host: string): Promise<number> {
  const s = await plainServer(host);
  s.close();
  return s.port;
}

it('[connect.attempts.each-address] tries the next address when the first refuses', async () => {
  const server = await plainServer('127.0.0.1');
  // ::1 first (nobody there on that port), then 127.0.0.1 where the server listens.
  table.set('multi.test', [
    { address: '::1', family: 6 },
    { address: '127.0.0.1', family: 4 },
  ]);
  const loop = newEventLoop();
  const peer = await loop.runUntilComplete(
    loop.createTask(
      (function* () {
        const [t] = yield* loop.createConnection(() => ({}), 'multi.test', server.port);
        const p = t.getExtraInfo('peername');
        t.close();
        return p;
      })(),
    ),
  );
  loop.close();
  server.close();
  expect(peer).toEqual(['127.0.0.1', server.port]);
});

it('[connect.attempts.each-address] all addresses failing: one OSError naming every attempt', async () => {
  const port = await freePort('127.0.0.1');
  table.set('multi.test', [
    { address: '::1', family: 6 },
    { address: '127.0.0.1', family: 4 },
  ]);
  table.set('twice.test', [
    { address: '127.0.0.1', family: 4 },
    { address: '127.0.0.1', family: 4 },
  ]);
  const loop = newEventLoop();
  const [multi, same] = await loop.runUntilComplete(
    loop.createTask(
      (function* () {
        const out: Error[] = [];
        for (const host of ['multi.test', 'twice.test']) {
          try {
            yield* loop.createConnection(() => ({}), host, port);
          } catch (e) {
            out.push(e as Error);
          }
        }
        return out;
      })(),
    ),
  );
  loop.close();
  expect(multi?.name).toBe('OSError');
  expect(multi?.message).toMatch(/^Multiple exceptions: /);
  expect(multi?.message).toContain(`::1:${port}`);
  expect(multi?.message).toContain(`127.0.0.1:${port}`);
  // The same error twice is that error, as asyncio raises it.
  expect(same?.name).toBe('ConnectionRefusedError');
});

it('[dns.getaddrinfo.not-found] a name that does not resolve fails with gaierror (an OSError), code kept', async () => {
  const loop = newEventLoop();
  const errors = await loop.runUntilComplete(
    loop.createTask(
      (function* () {
        const out: unknown[] = [];
        try {
          yield* loop.getaddrinfo('nowhere.invalid', 80);
        } catch (e) {
          out.push(e);
        }
        try {
          yield* loop.createConnection(() => ({}), 'nowhere.invalid', 80);
        } catch (e) {
          out.push(e);
        }
        return out;
      })(),
    ),
  );
  loop.close();
  const { OSError } = await import('../src/index.js');
  for (const e of errors) {
    expect((e as Error).name).toBe('gaierror');
    expect(e).toBeInstanceOf(OSError);
    expect((e as { code?: string }).code).toBe('ENOTFOUND');
  }
  expect(errors).toHaveLength(2);
});

it('[server.ref.async-dispose] await using a server closes it and waits for its connections', async () => {
  const loop = newEventLoop();
  const got = await loop.runUntilComplete(
    loop.createTask(
      (function* () {
        const server = yield* loop.createServer(() => ({}), '127.0.0.1', 0);
        const [, port] = (server.sockets[0] as { getsockname(): unknown }).getsockname() as [string, number];
        const [t] = yield* loop.createConnection(() => ({}), '127.0.0.1', port);
        let disposed = false;
        const disposing = (server as unknown as AsyncDisposable)[Symbol.asyncDispose]().then(() => {
          disposed = true;
        });
        const wait = function* (seconds: number) {
          const f = loop.createFuture<void>();
          loop.callLater(seconds, () => f.setResult(undefined));
          yield* f;
        };
        yield* wait(0.02);
        const whileConnected = [server.isServing(), disposed];
        t.close();
        // Up to 4 s of loop time: generous for a busy machine.
        for (const deadline = loop.time() + 4; !disposed && loop.time() < deadline; ) yield* wait(0.005);
        void disposing;
        return [...whileConnected, disposed, server.sockets.length];
      })(),
    ),
  );
  loop.close();
  expect(got).toEqual([false, false, true, 0]);
});

it('[server.ref.wait-closed.after-close] waitClosed() called after close() still waits for the connections', async () => {
  const loop = newEventLoop();
  const got = await loop.runUntilComplete(
    loop.createTask(
      (function* () {
        const server = yield* loop.createServer(() => ({}), '127.0.0.1', 0);
        const [, port] = (server.sockets[0] as { getsockname(): unknown }).getsockname() as [string, number];
        const [t] = yield* loop.createConnection(() => ({}), '127.0.0.1', port);
        server.close();
        const waiting = server.waitClosed();
        const f = loop.createFuture<void>();
        loop.callLater(0.02, () => f.setResult(undefined));
        yield* f;
        const whileConnected = waiting.done();
        t.close();
        yield* waiting;
        return [whileConnected, waiting.done()];
      })(),
    ),
  );
  loop.close();
  expect(got).toEqual([false, true]);
});
