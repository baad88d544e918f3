// HTTP/1.1 keep-alive benchmark: the "hello" server most users of streams write
// (bench/http/hello-server.ts, on pep3156 streams) against node:http, each driven by the same
// client in the same process, so a case's ratio compares the servers. One case per process:
//
//   node --import tsx bench/http.bench.ts <case> <ours|node> [--requests N]
//
// impl `ours` is the pep3156 server, `node` is node:http. The case names the client and the number
// of connections: `http-streams-client-50conn` is a pep3156 streams client (openConnection, write a
// GET, readuntil the head, readexactly the Content-Length) on 50 connections, `http-net-client-1conn`
// a raw node:net client on one. Each connection sends its requests one at a time (no pipelining);
// every response is checked (status 200, the hello body). Prints one JSON line as net.bench.ts,
// with `ok` and `bad` responses and `cpuSeconds`; exits 1 if any response was wrong.
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import {
  type AbstractEventLoop,
  type Coroutine,
  gather,
  newEventLoop,
  openConnection,
  startServer,
  wrapFuture,
} from 'pep3156';
import { HELLO, serveHello } from './http/hello-server.js';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { requests: { type: 'string' } },
});
const [kase = '', impl = ''] = positionals;
const REQUEST = Buffer.from('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
const HEAD_END = Buffer.from('\r\n\r\n');

/** Responses the clients checked. */
const tally = { ok: 0, bad: 0 };

/** Checks one response: `head` is the status line and headers (with the blank line), `body` the rest. */
function check(head: Uint8Array, body: Uint8Array): void {
  const status = latin1(head).slice(0, 13);
  if (status === 'HTTP/1.1 200 ' && latin1(body) === HELLO) tally.ok += 1;
  else tally.bad += 1;
}

/** The Content-Length of a response head (both servers send one). */
function contentLength(head: Uint8Array): number {
  const match = /\r\ncontent-length:\s*(\d+)/i.exec(latin1(head));
  if (match === null) throw new Error(`response without Content-Length: ${JSON.stringify(latin1(head))}`);
  return Number(match[1]);
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/** The pep3156 client: one connection, `requests` GETs one after another. */
function* streamsClient(port: number, requests: number): Coroutine<void> {
  const [reader, writer] = yield* openConnection('127.0.0.1', port);
  for (let i = 0; i < requests; i++) {
    writer.write(REQUEST);
    const head = yield* reader.readuntil('\r\n\r\n');
    check(head, yield* reader.readexactly(contentLength(head)));
  }
  writer.close();
}

/** The node:net client: one connection, `requests` GETs one after another; resolves when done. */
function netClient(port: number, requests: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(REQUEST));
    socket.setNoDelay(true);
    let left = requests;
    let buffer: Buffer = Buffer.alloc(0);
    socket.on('data', (data: Buffer) => {
      buffer = buffer.length === 0 ? data : Buffer.concat([buffer, data]);
      for (;;) {
        const end = buffer.indexOf(HEAD_END);
        if (end < 0) return;
        const head = buffer.subarray(0, end + HEAD_END.length);
        const bodyEnd = head.length + contentLength(head);
        if (buffer.length < bodyEnd) return;
        check(head, buffer.subarray(head.length, bodyEnd));
        buffer = buffer.subarray(bodyEnd);
        if (--left === 0) {
          socket.destroy();
          resolve();
          return;
        }
        socket.write(REQUEST);
      }
    });
    socket.on('error', reject);
    socket.on('close', () => (left > 0 ? reject(new Error(`connection closed, ${left} left`)) : undefined));
  });
}

/** `conns` connections share `total` requests. */
function split(total: number, conns: number): number[] {
  return Array.from({ length: conns }, (_, i) => Math.floor(total / conns) + (i < total % conns ? 1 : 0));
}

/** node:http answering as the pep3156 server does. */
async function startNodeServer(): Promise<[HttpServer, number]> {
  const server = createHttpServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': HELLO.length });
    response.end(HELLO);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return [server, (server.address() as { port: number }).port];
}

type Client = 'streams' | 'net';

/** Runs `perConn` request counts through one client kind; returns the seconds the clients took. */
async function measure(
  server: 'ours' | 'node',
  client: Client,
  perConn: number[],
  loop: AbstractEventLoop,
): Promise<number> {
  let t0 = 0;
  let t1 = 0;
  const drive = (port: number): Coroutine<void> =>
    (function* () {
      t0 = performance.now();
      if (client === 'streams') yield* gather(...perConn.map((n) => loop.createTask(streamsClient(port, n))));
      else yield* wrapFuture(Promise.all(perConn.map((n) => netClient(port, n))));
      t1 = performance.now();
    })();
  if (server === 'ours') {
    await loop.runUntilComplete(
      (function* () {
        const hello = yield* startServer(serveHello, '127.0.0.1', 0);
        const [, port] = hello.sockets[0].getsockname() as [string, number];
        yield* drive(port);
        hello.close();
        yield* hello.waitClosed();
      })(),
    );
  } else {
    const [http, port] = await startNodeServer();
    if (client === 'streams') await loop.runUntilComplete(drive(port));
    else {
      t0 = performance.now();
      await Promise.all(perConn.map((n) => netClient(port, n)));
      t1 = performance.now();
    }
    http.closeAllConnections();
    http.close();
  }
  return (t1 - t0) / 1000;
}

// [client, connections, requests in all]: each run takes about 1-2 s on a quiet 2-core machine.
const CASES: Record<string, [Client, number, number]> = {
  'http-streams-client-1conn': ['streams', 1, 30_000],
  'http-streams-client-50conn': ['streams', 50, 30_000],
  'http-net-client-1conn': ['net', 1, 30_000],
  'http-net-client-50conn': ['net', 50, 30_000],
};

const spec = CASES[kase];
if (spec === undefined || (impl !== 'ours' && impl !== 'node')) {
  console.error(
    `usage: http.bench.ts <case> <ours|node> [--requests N]; cases: ${Object.keys(CASES).join(', ')}`,
  );
  process.exit(2);
}
const [client, conns, defaultRequests] = spec;
const requests = Number(values.requests ?? defaultRequests);
const loop = newEventLoop();
const cpu0 = process.cpuUsage();
const seconds = await measure(impl, client, split(requests, conns), loop);
const cpu = process.cpuUsage(cpu0);
loop.close();
console.log(
  JSON.stringify({
    case: kase,
    impl,
    ops: requests,
    seconds,
    opsPerSec: requests / seconds,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    conns,
    ok: tally.ok,
    bad: tally.bad,
  }),
);
if (tally.ok !== requests) process.exitCode = 1;
