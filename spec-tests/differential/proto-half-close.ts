// Twin of proto-half-close.py: the same trace, line for line.
import { type Coroutine, gather, getRunningLoop, Protocol, run, sleep, type Transport } from 'pep3156';

const py = (v: boolean | null): string => (v === null ? 'None' : v ? 'True' : 'False');
const enc = new TextEncoder();
const dec = new TextDecoder();

class Side extends Protocol {
  events: string[] = [];
  data = '';
  transport!: Transport;
  lost = getRunningLoop().createFuture<void>();
  constructor(
    readonly name: string,
    readonly keepOpen: boolean | null,
  ) {
    super();
  }
  override connectionMade(transport: Transport): void {
    this.transport = transport;
    this.events.push('connection_made');
  }
  override dataReceived(data: Uint8Array): void {
    if (this.events.at(-1) !== 'data_received') this.events.push('data_received');
    this.data += dec.decode(data);
  }
  override eofReceived(): boolean {
    this.events.push('eof_received');
    console.log(
      `${this.name}: eof_received, is_closing=${py(this.transport.isClosing())}, returns ${py(this.keepOpen)}`,
    );
    if (this.keepOpen) getRunningLoop().callSoon(() => this.reply());
    return this.keepOpen === true;
  }
  reply(): void {
    console.log(`${this.name}: after eof_received returned, is_closing=${py(this.transport.isClosing())}`);
    this.transport.write(enc.encode(`reply to ${this.data}`));
    this.transport.close();
    console.log(`${this.name}: replied and closed, is_closing=${py(this.transport.isClosing())}`);
  }
  override connectionLost(exc: Error | null): void {
    this.events.push(`connection_lost(${exc ? exc.name : 'None'})`);
    this.lost.setResult(undefined);
  }
}

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  const sides: Side[] = [];
  const server = yield* loop.createServer(
    () => {
      sides.push(new Side('server', true));
      return sides[sides.length - 1];
    },
    '127.0.0.1',
    0,
  );
  const [, port] = server.sockets[0].getsockname() as [string, number];
  const [transport, client] = (yield* loop.createConnection(
    () => new Side('client', null),
    '127.0.0.1',
    port,
  )) as [Transport, Side];
  transport.write(enc.encode('request'));
  transport.writeEof();
  console.log(`client: after write_eof, is_closing=${py(transport.isClosing())}`);
  try {
    transport.write(enc.encode('more'));
  } catch (error) {
    console.log(`client: write after write_eof: ${(error as Error).name}`);
  }
  while (sides.length === 0) yield* sleep(0);
  yield* gather(client.lost, sides[0].lost);
  for (const side of [sides[0], client]) {
    console.log(`${side.name}: ${side.events.join(' ')}`);
    console.log(`${side.name} got: '${side.data}'`);
  }
  server.close();
  yield* server.waitClosed();
}

await run(main());
