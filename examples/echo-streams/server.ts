// The course's second exercise: the echo server with startServer and a task per client that reads
// lines until EOF, replying `echo:` and the line; it counts the clients served and shuts down
// cleanly on SIGINT. Port 4242 by default: `PORT=5000` or argv[2].
//
//   npm run example:echo-streams      then:  nc 127.0.0.1 4242      and Ctrl-C the server to stop it
import { type Coroutine, newEventLoop, type StreamReader, type StreamWriter, startServer } from 'pep3156';

const port = Number(process.argv[2] ?? process.env.PORT ?? 4242);
const encoder = new TextEncoder();
let served = 0;

function* handleClient(reader: StreamReader, writer: StreamWriter): Coroutine<void> {
  for (;;) {
    const line = yield* reader.readline();
    if (line.length === 0) break; // EOF
    writer.write(Buffer.concat([encoder.encode('echo:'), line]));
    yield* writer.drain();
  }
  served += 1;
  console.log(`client done; clients served: ${served}`);
  writer.close();
}

function* main(): Coroutine<void> {
  const server = yield* startServer(handleClient, '127.0.0.1', port);
  console.log(`serving on 127.0.0.1:${port}`);
  const stop = loop.createFuture<void>();
  loop.addSignalHandler('SIGINT', () => {
    if (!stop.done()) stop.setResult(undefined);
  });
  yield* stop;
  console.log('SIGINT: shutting down');
  server.close();
  server.closeClients();
  yield* server.waitClosed();
  loop.removeSignalHandler('SIGINT');
  console.log(`clients served: ${served}`);
}

const loop = newEventLoop();
await loop.runUntilComplete(main());
loop.close();
