// Chapter 6: the echo server as a Protocol, and a client Protocol, in one program on loopback.
// Twin of 06-echo-protocol.py.
import { type Coroutine, type Future, newEventLoop, Protocol, sleep, type Transport } from 'pep3156';

const decoder = new TextDecoder();
const encoder = new TextEncoder();
const repr = (data: Uint8Array) => `'${decoder.decode(data)}'`;

class EchoServer extends Protocol {
  transport!: Transport;

  override connectionMade(transport: Transport): void {
    this.transport = transport;
    console.log('server: connection made');
  }

  override dataReceived(data: Uint8Array): void {
    console.log(`server: received ${repr(data)}`);
    this.transport.write(Buffer.concat([encoder.encode('echo:'), data]));
  }

  override connectionLost(): void {
    console.log('server: connection lost');
  }
}

class EchoClient extends Protocol {
  transport!: Transport;
  constructor(
    private readonly messages: string[],
    private readonly done: Future<void>,
  ) {
    super();
  }

  override connectionMade(transport: Transport): void {
    this.transport = transport;
    this.sendNext();
  }

  sendNext(): void {
    const next = this.messages.shift();
    if (next === undefined) this.transport.close();
    else this.transport.write(encoder.encode(next));
  }

  override dataReceived(data: Uint8Array): void {
    console.log(`client: got ${repr(data)}`);
    this.sendNext();
  }

  override connectionLost(): void {
    console.log('client: connection lost');
    this.done.setResult(undefined);
  }
}

function* main(): Coroutine<void> {
  const server = yield* loop.createServer(() => new EchoServer(), '127.0.0.1', 0);
  const [, port] = server.sockets[0].getsockname() as [string, number];
  const done = loop.createFuture<void>();
  yield* loop.createConnection(() => new EchoClient(['hello', 'world'], done), '127.0.0.1', port);
  yield* done;
  yield* sleep(0.01);
  server.close();
  yield* server.waitClosed();
  console.log('server closed');
}

const loop = newEventLoop();
await loop.runUntilComplete(main());
loop.close();
