// Network benchmarks (issue: transports and protocols). One case per process:
// `node --import tsx bench/net.bench.ts <case> <impl>`; impl is `ours` (pep3156 Protocol or streams)
// or `node` (raw node:net doing the same work). Prints one JSON line like core.bench.ts.
import { connect, createServer, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import {
  type Coroutine,
  gather,
  newEventLoop,
  openConnection,
  Protocol,
  type StreamReader,
  type StreamWriter,
  startServer,
  type Transport,
} from 'pep3156';

const [kase, impl] = process.argv.slice(2);
const MSG = Buffer.alloc(100, 120);
const CHUNK = Buffer.alloc(64 * 1024, 120);
const BULK = 1024 * 1024 * 1024;
/** The bulk writer's high-water mark: node:net's 16 KiB, or `--high <bytes>` (asyncio's is 65536). */
const highAt = process.argv.indexOf('--high');
const BULK_HIGH = highAt > 0 ? Number(process.argv[highAt + 1]) : 16 * 1024;

function report(ops: number, seconds: number, extra: Record<string, unknown> = {}): void {
  const maxRssMB = process.resourceUsage().maxRSS / 1024;
  console.log(
    JSON.stringify({ case: kase, impl, ops, seconds, opsPerSec: ops / seconds, maxRssMB, ...extra }),
  );
}

class EchoServer extends Protocol {
  t!: Transport;
  override connectionMade(t: Transport): void {
    this.t = t;
  }
  override dataReceived(d: Uint8Array): void {
    this.t.write(d);
  }
}

/** Sends 100-byte messages one at a time, each after the previous echo is complete. */
class PingClient extends Protocol {
  t!: Transport;
  got = 0;
  done: () => void = () => {};
  constructor(readonly rounds: number) {
    super();
  }
  override connectionMade(t: Transport): void {
    this.t = t;
    t.write(MSG);
  }
  override dataReceived(d: Uint8Array): void {
    this.got += d.length;
    while (this.got >= MSG.length) {
      this.got -= MSG.length;
      if (--(this as { rounds: number }).rounds === 0) {
        this.done();
        return;
      }
      this.t.write(MSG);
    }
  }
}

async function oursPingPong(conns: number, rounds: number): Promise<void> {
  const loop = newEventLoop();
  function* main(): Coroutine<void> {
    const server = yield* loop.createServer(() => new EchoServer(), '127.0.0.1', 0);
    const [, port] = server.sockets[0].getsockname() as [string, number];
    const finished = [];
    const clients: Transport[] = [];
    for (let i = 0; i < conns; i++) {
      const f = loop.createFuture<void>();
      const [t] = yield* loop.createConnection(
        () => {
          const c = new PingClient(rounds);
          c.done = () => f.setResult(undefined);
          return c;
        },
        '127.0.0.1',
        port,
      );
      clients.push(t);
      finished.push(f);
    }
    yield* gather(...finished);
    for (const t of clients) t.close();
    server.close();
  }
  const t0 = performance.now();
  await loop.runUntilComplete(main());
  report(conns * rounds, (performance.now() - t0) / 1000);
  loop.close();
}

async function nodePingPong(conns: number, rounds: number): Promise<void> {
  const server = createServer((s) => s.on('data', (d) => s.write(d)));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  const t0 = performance.now();
  const sockets: Socket[] = [];
  await Promise.all(
    Array.from({ length: conns }, () => {
      return new Promise<void>((resolve) => {
        let left = rounds;
        let got = 0;
        const s = connect(port, '127.0.0.1', () => s.write(MSG));
        s.setNoDelay(true);
        sockets.push(s);
        s.on('data', (d) => {
          got += d.length;
          while (got >= MSG.length) {
            got -= MSG.length;
            if (--left === 0) return resolve();
            s.write(MSG);
          }
        });
      });
    }),
  );
  report(conns * rounds, (performance.now() - t0) / 1000);
  for (const s of sockets) s.destroy();
  server.close();
}

async function oursBulk(): Promise<void> {
  const loop = newEventLoop();
  let received = 0;
  const done = loop.createFuture<void>();
  class Sink extends Protocol {
    override dataReceived(d: Uint8Array): void {
      received += d.length;
      if (received >= BULK && !done.done()) done.setResult(undefined);
    }
  }
  // asyncio's flow-control idiom: write until pauseWriting, go on at resumeWriting. The marks are
  // node:net's (it pauses a writer at 16 KiB, its writableHighWaterMark) so that both sides keep
  // the same amount in flight; `--high 65536` measures asyncio's default marks instead.
  class Source extends Protocol {
    t!: Transport;
    sent = 0;
    paused = false;
    override connectionMade(t: Transport): void {
      this.t = t;
      t.setWriteBufferLimits(BULK_HIGH);
    }
    pump(): void {
      while (this.sent < BULK && !this.paused && !this.t.isClosing()) {
        this.t.write(CHUNK);
        this.sent += CHUNK.length;
      }
    }
    override pauseWriting(): void {
      this.paused = true;
    }
    override resumeWriting(): void {
      this.paused = false;
      this.pump();
    }
  }
  function* main(): Coroutine<void> {
    const server = yield* loop.createServer(() => new Sink(), '127.0.0.1', 0);
    const [, port] = server.sockets[0].getsockname() as [string, number];
    const [t, source] = yield* loop.createConnection(() => new Source(), '127.0.0.1', port);
    source.pump();
    yield* done;
    t.close();
    server.close();
  }
  const t0 = performance.now();
  await loop.runUntilComplete(main());
  const s = (performance.now() - t0) / 1000;
  report(BULK, s, { MBps: BULK / 1e6 / s });
  loop.close();
}

async function nodeBulk(): Promise<void> {
  let received = 0;
  let finish: () => void = () => {};
  const finished = new Promise<void>((r) => {
    finish = r;
  });
  const server = createServer((s) =>
    s.on('data', (d) => {
      received += d.length;
      if (received >= BULK) finish();
    }),
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  const t0 = performance.now();
  const c = connect(port, '127.0.0.1');
  let sent = 0;
  const pump = () => {
    while (sent < BULK) {
      sent += CHUNK.length;
      if (!c.write(CHUNK)) return;
    }
  };
  c.on('connect', pump);
  c.on('drain', pump);
  await finished;
  const s = (performance.now() - t0) / 1000;
  report(BULK, s, { MBps: BULK / 1e6 / s });
  c.destroy();
  server.close();
}

async function oursStreams(rounds: number): Promise<void> {
  const loop = newEventLoop();
  function* handle(reader: StreamReader, writer: StreamWriter): Coroutine<void> {
    for (;;) {
      const data = yield* reader.read(65536);
      if (data.length === 0) break;
      writer.write(data);
      yield* writer.drain();
    }
    writer.close();
  }
  function* main(): Coroutine<void> {
    const server = yield* startServer(handle, '127.0.0.1', 0);
    const [, port] = server.sockets[0].getsockname() as [string, number];
    const [reader, writer] = yield* openConnection('127.0.0.1', port);
    for (let i = 0; i < rounds; i++) {
      writer.write(MSG);
      yield* reader.readexactly(MSG.length);
    }
    writer.close();
    server.close();
  }
  const t0 = performance.now();
  await loop.runUntilComplete(main());
  report(rounds, (performance.now() - t0) / 1000);
  loop.close();
}

const cases: Record<string, Record<string, () => Promise<void>>> = {
  'tcp-pingpong-1x100k': { ours: () => oursPingPong(1, 100_000), node: () => nodePingPong(1, 100_000) },
  'tcp-pingpong-50x4k': { ours: () => oursPingPong(50, 4_000), node: () => nodePingPong(50, 4_000) },
  'tcp-bulk-1GiB': { ours: oursBulk, node: nodeBulk },
  'streams-pingpong-1x100k': { ours: () => oursStreams(100_000), node: () => nodePingPong(1, 100_000) },
};

const run = cases[kase]?.[impl];
if (!run) {
  console.error(`unknown case/impl: ${kase} ${impl}; cases: ${Object.keys(cases).join(', ')}`);
  process.exit(2);
}
await run();
