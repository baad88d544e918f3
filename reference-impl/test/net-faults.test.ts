// The faults of issue 12 that a peer or a caller could use to end the process, each a
// reference-level statement (docs/spec/servers.mdx, connections.mdx, event-loop.mdx): a protocol
// factory that returns no protocol, late I/O completions for a closed loop, TLS handshakes that
// fail, timers beyond Node's timer range, and a Unix socket path taken over by another file.
import { execFile, spawn } from 'node:child_process';
import * as net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import {
  type AbstractEventLoop,
  type Coroutine,
  type ExceptionContext,
  newEventLoop,
  Protocol,
  type Transport,
} from '../src/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const loops: AbstractEventLoop[] = [];
const opened: (net.Socket | net.Server)[] = [];
afterEach(() => {
  for (const s of opened.splice(0)) s instanceof net.Server ? s.close() : s.destroy();
  for (const loop of loops.splice(0)) if (!loop.isClosed()) loop.close();
});

function loopOf(): { loop: AbstractEventLoop; contexts: ExceptionContext[] } {
  const loop = newEventLoop();
  loops.push(loop);
  const contexts: ExceptionContext[] = [];
  loop.setExceptionHandler((_l, c) => {
    contexts.push(c);
  });
  return { loop, contexts };
}

function* until(loop: AbstractEventLoop, predicate: () => boolean, seconds = 4): Coroutine<void> {
  const deadline = loop.time() + seconds;
  while (!predicate()) {
    if (loop.time() > deadline) throw new Error('condition not reached in time');
    const f = loop.createFuture<void>();
    loop.callLater(0.002, () => f.setResult(undefined));
    yield* f;
  }
}

/** A raw client that sends `text` and records what it gets and when it is closed. */
function rawClient(port: number, text: string) {
  const socket = net.connect(port, '127.0.0.1');
  opened.push(socket);
  const state = { received: '', closed: false };
  socket.on('data', (d) => {
    state.received += d;
  });
  socket.on('error', () => {});
  socket.on('close', () => {
    state.closed = true;
  });
  socket.write(text);
  return state;
}

class Echo extends Protocol {
  #t: Transport | null = null;
  override connectionMade(t: Transport): void {
    this.#t = t;
  }
  override dataReceived(data: Uint8Array): void {
    this.#t?.write(data);
  }
}

it('[server.ref.factory-result] a factory result that is no protocol fails that connection only', async () => {
  const { loop, contexts } = loopOf();
  const results: unknown[] = [undefined, null, 42, {}];
  let calls = 0;
  const got = await loop.runUntilComplete(
    loop.createTask(
      (function* () {
        const server = yield* loop.createServer(
          () => {
            calls += 1;
            return (calls <= results.length ? results[calls - 1] : new Echo()) as Protocol;
          },
          '127.0.0.1',
          0,
        );
        const [, port] = server.sockets[0].getsockname() as [string, number];
        const bad: ReturnType<typeof rawClient>[] = [];
        for (let i = 0; i < results.length; i++) {
          const c = rawClient(port, 'peer bytes');
          yield* until(loop, () => calls === i + 1);
          bad.push(c);
        }
        // The three bad results: the client is closed, the handler told. `{}` stays open.
        yield* until(loop, () => bad.slice(0, 3).every((c) => c.closed));
        const good = rawClient(port, 'still serving');
        yield* until(loop, () => good.received === 'still serving');
        const emptyOpen = !bad[3].closed;
        server.close();
        server.closeClients();
        yield* server.waitClosed();
        return { emptyOpen, serving: good.received };
      })(),
    ),
  );
  expect(got).toEqual({ emptyOpen: true, serving: 'still serving' });
  expect(contexts.map((c) => [c.message, (c.exception as Error).name])).toEqual([
    ['Error in protocol factory of a server', 'TypeError'],
    ['Error in protocol factory of a server', 'TypeError'],
    ['Error in protocol factory of a server', 'TypeError'],
  ]);
  expect((contexts[0].exception as Error).message).toMatch(/must return a protocol object, got undefined/);
});

it('[connect.ref.factory-result] createConnection: TypeError for a factory result that is no protocol, and the socket is closed', async () => {
  const { loop } = loopOf();
  let peerEnded = 0;
  const server = net.createServer({ allowHalfOpen: false }, (s) => {
    s.on('end', () => {
      peerEnded += 1;
    });
    s.on('error', () => {});
    s.resume();
  });
  opened.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const got = await loop.runUntilComplete(
    loop.createTask(
      (function* () {
        const names: string[] = [];
        for (const result of [undefined, null, 7]) {
          try {
            yield* loop.createConnection(() => result as unknown as Protocol, '127.0.0.1', port);
            names.push('connected');
          } catch (e) {
            names.push((e as Error).name);
          }
        }
        yield* until(loop, () => peerEnded === 3);
        return names;
      })(),
    ),
  );
  expect(got).toEqual(['TypeError', 'TypeError', 'TypeError']);
});

it('[connect.ref.closed-loop] I/O in flight when the loop is closed: late completions are dropped, sockets closed, nothing reaches Node', async () => {
  const out = await new Promise<string>((resolve, reject) => {
    execFile(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', path.join(here, 'fixtures', 'late-io.ts')],
      { cwd: path.resolve(here, '..', '..'), timeout: 20_000 },
      (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)),
    );
  });
  expect(JSON.parse(out.trim().split('\n').at(-1) as string)).toEqual({
    escaped: [],
    accepted: 1,
    closedByPeer: 1,
  });
}, 25_000);

it('[loop.ref.timers.far-future] a timer beyond Node’s 24.8-day timer range: the idle loop sleeps, with no TimeoutOverflowWarning', async () => {
  const { loop } = loopOf();
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(w.name);
  process.on('warning', onWarning);
  try {
    const far = loop.callLater(30 * 86_400, () => {});
    const never = loop.callLater(Number.POSITIVE_INFINITY, () => {});
    const before = (loop as unknown as { iterationCount: number }).iterationCount;
    // Only the far timers are scheduled; the loop is stopped from outside after 0.1 s.
    setTimeout(() => loop.callSoonThreadsafe(() => loop.stop()), 100);
    await loop.runForever();
    const iterations = (loop as unknown as { iterationCount: number }).iterationCount - before;
    // Woken only to stop (a few iterations), not every millisecond (about 100).
    expect(iterations, 'iterations while idle for 0.1 s').toBeLessThan(10);
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings).toEqual([]);
    expect([far.cancelled(), never.when()]).toEqual([false, Number.POSITIVE_INFINITY]);
    far.cancel();
    never.cancel();
  } finally {
    process.off('warning', onWarning);
  }
});

it.runIf(process.platform === 'linux')(
  '[server.ref.emfile] out of descriptors: connections beyond the limit are closed at once, the server goes on serving',
  async () => {
    const fixture = path.join(here, 'fixtures', 'emfile-server.ts');
    const child = spawn(
      'sh',
      ['-c', `ulimit -n 40 && exec "${process.execPath}" --conditions=source --import tsx "${fixture}"`],
      { cwd: path.resolve(here, '..', '..'), stdio: ['pipe', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    try {
      const deadline = Date.now() + 15_000;
      while (!/port (\d+)/.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      const port = Number(/port (\d+)/.exec(out)?.[1]);
      /** Connects, sends one byte; resolves 'echoed' or 'closed' (reset or EOF without a reply). */
      const probe = (keep: net.Socket[]) =>
        new Promise<'echoed' | 'closed'>((resolve) => {
          const c = net.connect(port, '127.0.0.1', () => c.write('x'));
          keep.push(c);
          c.on('data', () => resolve('echoed'));
          c.on('error', () => {});
          c.on('close', () => resolve('closed'));
        });
      const held: net.Socket[] = [];
      const first = await Promise.all(Array.from({ length: 60 }, () => probe(held)));
      const echoed = first.filter((r) => r === 'echoed').length;
      // Free the server's descriptors (it says when each connection is lost): it serves again.
      for (const c of held) c.destroy();
      const lostAll = new RegExp(`^lost ${echoed}$`, 'm');
      while (!lostAll.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      const again = await probe([]);
      child.stdin.end();
      await exited;
      const summary = JSON.parse(out.trim().split('\n').at(-1) as string);
      expect({ someServed: echoed > 0, someClosed: echoed < 60, again }).toEqual({
        someServed: true,
        someClosed: true,
        again: 'echoed',
      });
      // libuv closes the excess connections itself: nothing of them reaches a protocol or the handler.
      expect(summary).toEqual({ made: echoed + 1, reported: [] });
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  },
  30_000,
);

it('[transport.ref.set-protocol-checked] setProtocol refuses what is not an object with TypeError; the transport keeps its protocol', async () => {
  const { loop, contexts } = loopOf();
  const got = await loop.runUntilComplete(
    loop.createTask(
      (function* () {
        const server = yield* loop.createServer(() => new Echo(), '127.0.0.1', 0);
        const [, port] = server.sockets[0].getsockname() as [string, number];
        const received: string[] = [];
        const [t] = yield* loop.createConnection(
          () => ({ dataReceived: (d: Uint8Array) => received.push(new TextDecoder().decode(d)) }),
          '127.0.0.1',
          port,
        );
        const names: string[] = [];
        for (const bad of [undefined, null, 42]) {
          try {
            t.setProtocol(bad as never);
            names.push('accepted');
          } catch (e) {
            names.push((e as Error).name);
          }
        }
        t.write(new TextEncoder().encode('still here'));
        yield* until(loop, () => received.join('') === 'still here');
        t.close();
        server.close();
        server.closeClients();
        yield* server.waitClosed();
        return names;
      })(),
    ),
  );
  expect(got).toEqual(['TypeError', 'TypeError', 'TypeError']);
  expect(contexts).toEqual([]);
});
