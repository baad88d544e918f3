// Twin of proto-tcp-order.py: the same trace, line for line.
import { type Coroutine, type Future, gather, getRunningLoop, Protocol, run, type Transport } from 'pep3156';

const enc = new TextEncoder();
const dec = new TextDecoder();

class Rec extends Protocol {
  events: string[] = [];
  data = '';
  transport: Transport | null = null;
  constructor(
    readonly name: string,
    readonly done: Future<void>,
  ) {
    super();
  }
  log(event: string): void {
    if (!(event === 'data_received' && this.events.at(-1) === event)) this.events.push(event);
  }
  override connectionMade(transport: Transport): void {
    this.transport = transport;
    this.log('connection_made');
  }
  override dataReceived(data: Uint8Array): void {
    this.log('data_received');
    this.data += dec.decode(data);
  }
  override eofReceived(): boolean {
    this.log('eof_received');
    if (this.name === 'server') this.transport?.write(enc.encode(this.data.toUpperCase()));
    return false;
  }
  override connectionLost(exc: Error | null): void {
    this.log(`connection_lost(${exc ? exc.name : 'None'})`);
    this.done.setResult(undefined);
  }
}

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  const serverDone = loop.createFuture<void>();
  const clientDone = loop.createFuture<void>();
  const serverSide = new Rec('server', serverDone);
  const server = yield* loop.createServer(() => serverSide, '127.0.0.1', 0);
  const [, port] = server.sockets[0].getsockname() as [string, number];
  const [transport, client] = (yield* loop.createConnection(
    () => new Rec('client', clientDone),
    '127.0.0.1',
    port,
  )) as [Transport, Rec];
  console.log('after create_connection:', client.events.join(' '));
  transport.write(enc.encode('hello '));
  transport.writelines([enc.encode('wor'), enc.encode('ld')]);
  console.log('can_write_eof:', transport.canWriteEof() ? 'True' : 'False');
  transport.writeEof();
  console.log('is_closing after write_eof:', transport.isClosing() ? 'True' : 'False');
  yield* gather(serverDone, clientDone);
  for (const p of [serverSide, client]) {
    console.log(`${p.name}: ${p.events.join(' ')}`);
    console.log(`${p.name} got: '${p.data}'`);
  }
  server.close();
  yield* server.waitClosed();
  console.log('server closed');
}

await run(main());
