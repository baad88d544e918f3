// The HTTP benchmark stays runnable and its server stays an example worth copying: the bench runs
// with a tiny request count and every response checks out; the hello server answers keep-alive
// requests in turn, skips request bodies, answers malformed requests with an error status and
// closes, and lets a client leave at any point without an error reaching the loop.
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import {
  type AbstractEventLoop,
  type Coroutine,
  type Future,
  newEventLoop,
  openConnection,
  type StreamReader,
  type StreamWriter,
  startServer,
  wrapFuture,
} from 'pep3156';
import { describe, expect, it } from 'vitest';
import { HELLO, serveHello } from './hello-server.js';

function runBench(
  kase: string,
  impl: string,
  requests: number,
): Promise<{ code: number | null; out: string; err: string }> {
  const script = fileURLToPath(new URL('../http.bench.ts', import.meta.url));
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', script, kase, impl, '--requests', String(requests)],
    { stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out, err })));
}

describe('bench/http.bench.ts', () => {
  it('runs both clients against both servers and every response is 200 with the hello body', async () => {
    // The pep3156 server under the streams client, node:http under the node:net client: together
    // every server and client the four cases combine.
    const runs = await Promise.all([
      runBench('http-streams-client-50conn', 'ours', 150),
      runBench('http-net-client-50conn', 'node', 150),
    ]);
    for (const { code, out, err } of runs) {
      expect(err).toBe('');
      expect(code, out).toBe(0);
      const figures = JSON.parse(out.trim());
      expect(figures).toMatchObject({ ops: 150, conns: 50, ok: 150, bad: 0 });
      expect(figures.opsPerSec).toBeGreaterThan(0);
    }
  }, 30_000);
});

const GET = 'GET / HTTP/1.1\r\nHost: x\r\n\r\n';

/** A loop serving `serveHello`, recording how each connection's handler ended. */
function* helloServer(loop: AbstractEventLoop, ended: Future<unknown>[]): Coroutine<number> {
  function* handler(reader: StreamReader, writer: StreamWriter): Coroutine<void> {
    const outcome = loop.createFuture<unknown>();
    ended.push(outcome);
    try {
      yield* serveHello(reader, writer);
      outcome.setResult('returned');
    } catch (error) {
      outcome.setResult(error);
      throw error;
    }
  }
  const server = yield* startServer(handler, '127.0.0.1', 0, { limit: 1024 });
  return (server.sockets[0].getsockname() as [string, number])[1];
}

/** Sends `request`, half-closes, and returns everything the server sent until it closed. */
function* exchange(port: number, request: string): Coroutine<string> {
  const [reader, writer] = yield* openConnection('127.0.0.1', port);
  writer.write(Buffer.from(request, 'latin1'));
  writer.writeEof();
  const chunks: Uint8Array[] = [];
  for (;;) {
    const chunk = yield* reader.read();
    if (chunk.length === 0) break;
    chunks.push(chunk);
  }
  writer.close();
  return Buffer.concat(chunks).toString('latin1');
}

/**
 * Gets one response over raw node:net and resets the connection (TCP RST, as a crashed client
 * would) while the server waits for the next request; resolves to the response's status line.
 */
function getThenReset(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(GET));
    let reply = '';
    socket.on('data', (data: Buffer) => {
      reply += data.toString('latin1');
      if (!reply.endsWith(HELLO)) return;
      socket.resetAndDestroy();
      resolve(reply.split('\r\n')[0] ?? '');
    });
    socket.on('error', reject);
  });
}

const statuses = (reply: string) => [...reply.matchAll(/^HTTP\/1\.1 (\d{3})/gm)].map((m) => Number(m[1]));

describe('bench/http/hello-server.ts', () => {
  it('answers requests in turn, skips bodies, closes on request or error, and survives clients that leave', async () => {
    const loop = newEventLoop();
    const reached: unknown[] = [];
    loop.setExceptionHandler((_loop, context) => reached.push(context.exception ?? context.message));
    const ended: Future<unknown>[] = [];
    const replies = await loop.runUntilComplete(
      (function* () {
        const port = yield* helloServer(loop, ended);
        const post = 'POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello';
        return {
          keepAlive: yield* exchange(port, GET + post + GET),
          head: yield* exchange(port, 'HEAD / HTTP/1.1\r\n\r\n'),
          close: yield* exchange(port, `GET / HTTP/1.1\r\nConnection: close\r\n\r\n${GET}`),
          http10: yield* exchange(port, `GET / HTTP/1.0\r\n\r\n${GET}`),
          malformed: yield* exchange(port, `GET /\r\n\r\n${GET}`),
          badHeader: yield* exchange(port, 'GET / HTTP/1.1\r\nno colon\r\n\r\n'),
          badLength: yield* exchange(port, 'POST / HTTP/1.1\r\nContent-Length: 5, 6\r\n\r\nhello'),
          chunked: yield* exchange(port, 'POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n'),
          tooLarge: yield* exchange(port, `GET / HTTP/1.1\r\nX: ${'a'.repeat(2000)}\r\n\r\n`),
          eofInHead: yield* exchange(port, 'GET / HTTP/1.1\r\nHost'),
          eofInBody: yield* exchange(port, 'POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nhel'),
          reset: yield* wrapFuture(getThenReset(port)),
          outcomes: yield* loop.createTask(
            (function* () {
              const all: unknown[] = [];
              for (const f of ended) all.push(yield* f);
              return all;
            })(),
          ),
        };
      })(),
    );
    loop.close();
    expect(statuses(replies.keepAlive), 'three requests on one connection, the POST body skipped').toEqual([
      200, 200, 200,
    ]);
    expect(replies.keepAlive.split(HELLO)).toHaveLength(4);
    expect(replies.keepAlive).not.toContain('Connection: close');
    expect(statuses(replies.head)).toEqual([200]);
    expect(replies.head, 'HEAD gets the headers without the body').not.toContain(HELLO);
    expect(statuses(replies.close), 'Connection: close ends the connection after one response').toEqual([
      200,
    ]);
    expect(replies.close).toContain('\r\nConnection: close\r\n');
    expect(statuses(replies.http10), 'HTTP/1.0 without keep-alive: one response').toEqual([200]);
    expect(statuses(replies.malformed), 'a malformed request line: 400, then nothing more').toEqual([400]);
    expect(replies.malformed).toContain('\r\nConnection: close\r\n');
    expect(statuses(replies.badHeader)).toEqual([400]);
    expect(statuses(replies.badLength)).toEqual([400]);
    expect(statuses(replies.chunked)).toEqual([501]);
    expect(statuses(replies.tooLarge), 'a head over the reader limit').toEqual([431]);
    expect(replies.eofInHead, 'a client gone mid-head gets nothing').toBe('');
    expect(replies.eofInBody).toBe('');
    expect(replies.reset).toBe('HTTP/1.1 200 OK');
    expect(replies.outcomes, 'every handler returned').toEqual(Array(12).fill('returned'));
    expect(reached, 'nothing reached the exception handler').toEqual([]);
  });
});
