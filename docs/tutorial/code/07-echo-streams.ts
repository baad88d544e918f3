// Chapter 7: the echo server with streams: a task per client reads lines until EOF and the server
// counts clients served. Twin of 07-echo-streams.py.
import {
  type Coroutine,
  newEventLoop,
  openConnection,
  type StreamReader,
  type StreamWriter,
  startServer,
} from 'pep3156';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
let served = 0;

function* handleClient(reader: StreamReader, writer: StreamWriter): Coroutine<void> {
  for (;;) {
    const line = yield* reader.readline();
    if (line.length === 0) break;
    writer.write(Buffer.concat([encoder.encode('echo:'), line]));
    yield* writer.drain();
  }
  served += 1;
  writer.close();
}

function* client(port: number, name: string, lines: string[]): Coroutine<void> {
  const [reader, writer] = yield* openConnection('127.0.0.1', port);
  for (const line of lines) {
    writer.write(encoder.encode(`${line}\n`));
    const reply = yield* reader.readline();
    console.log(`${name}: ${decoder.decode(reply).trim()}`);
  }
  writer.writeEof();
  yield* reader.read();
  writer.close();
}

function* main(): Coroutine<void> {
  const server = yield* startServer(handleClient, '127.0.0.1', 0);
  const [, port] = server.sockets[0].getsockname() as [string, number];
  yield* client(port, 'alice', ['hello', 'world']);
  yield* client(port, 'bob', ['ping']);
  server.close();
  yield* server.waitClosed();
  console.log(`clients served: ${served}`);
}

const loop = newEventLoop();
await loop.runUntilComplete(main());
loop.close();
