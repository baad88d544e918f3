// Twin of proto-flow-control.py: the same trace, line for line.
import { type Coroutine, gather, getRunningLoop, Protocol, run, sleep, type Transport } from 'pep3156';

const TOTAL = 16 * 1024 * 1024;
const bool = (b: boolean): string => (b ? 'True' : 'False');

class Writer extends Protocol {
  events: string[] = [];
  transport!: Transport;
  resumed = getRunningLoop().createFuture<void>();
  lost = getRunningLoop().createFuture<void>();
  override connectionMade(transport: Transport): void {
    this.transport = transport;
    this.events.push('connection_made');
  }
  override pauseWriting(): void {
    this.events.push('pause_writing');
    console.log('pause_writing: buffer above high:', bool(this.transport.getWriteBufferSize() > 4096));
  }
  override resumeWriting(): void {
    this.events.push('resume_writing');
    console.log('resume_writing: buffer at or below low:', bool(this.transport.getWriteBufferSize() <= 1024));
    this.resumed.setResult(undefined);
  }
  override connectionLost(exc: Error | null): void {
    this.events.push(`connection_lost(${exc ? exc.name : 'None'})`);
    this.lost.setResult(undefined);
  }
}

class Reader extends Protocol {
  total = 0;
  transport: Transport | null = null;
  lost = getRunningLoop().createFuture<void>();
  override connectionMade(transport: Transport): void {
    this.transport = transport;
    transport.pauseReading();
  }
  override dataReceived(data: Uint8Array): void {
    this.total += data.length;
  }
  override connectionLost(): void {
    this.lost.setResult(undefined);
  }
}

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  const reader = new Reader();
  const server = yield* loop.createServer(() => reader, '127.0.0.1', 0);
  const [, port] = server.sockets[0].getsockname() as [string, number];
  const [transport, writer] = (yield* loop.createConnection(() => new Writer(), '127.0.0.1', port)) as [
    Transport,
    Writer,
  ];
  transport.setWriteBufferLimits(4096);
  const [low, high] = transport.getWriteBufferLimits();
  console.log('limits (low, high):', `(${low}, ${high})`);
  while (reader.transport === null) yield* sleep(0);
  transport.write(new Uint8Array(TOTAL));
  console.log('after the big write:', writer.events.join(' '));
  transport.write(new TextEncoder().encode('!'));
  console.log('after one more write:', writer.events.join(' '));
  reader.transport.resumeReading();
  yield* writer.resumed;
  transport.close();
  yield* gather(reader.lost, writer.lost);
  console.log('writer:', writer.events.join(' '));
  console.log('every byte arrived:', bool(reader.total === TOTAL + 1));
  server.close();
  yield* server.waitClosed();
}

await run(main());
