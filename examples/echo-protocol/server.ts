// The course's first exercise: an echo server written as a Protocol. connectionMade keeps the
// transport, dataReceived replies `echo:` followed by the data, connectionLost closes the server
// (so the server serves one client, then exits). Port 4242 by default: `PORT=5000` or argv[2].
//
//   npm run example:echo-protocol      then, in another terminal:  nc 127.0.0.1 4242
import { type Coroutine, newEventLoop, Protocol, type Server, type Transport } from 'pep3156';

const port = Number(process.argv[2] ?? process.env.PORT ?? 4242);
const encoder = new TextEncoder();
let server: Server | null = null;

class EchoServer extends Protocol {
  transport!: Transport;

  override connectionMade(transport: Transport): void {
    this.transport = transport;
    const [host, peerPort] = transport.getExtraInfo('peername') as [string, number];
    console.log(`connection from ${host}:${peerPort}`);
  }

  override dataReceived(data: Uint8Array): void {
    this.transport.write(Buffer.concat([encoder.encode('echo:'), data]));
  }

  override connectionLost(): void {
    console.log('connection lost: closing the server');
    server?.close();
  }
}

function* main(): Coroutine<void> {
  const listening = yield* loop.createServer(() => new EchoServer(), '127.0.0.1', port);
  server = listening;
  console.log(`serving on 127.0.0.1:${port}`);
  yield* listening.waitClosed();
  console.log('server closed');
}

const loop = newEventLoop();
await loop.runUntilComplete(main());
loop.close();
