// Twin of proto-made-order.py: the same trace, line for line.
import { type Coroutine, gather, getRunningLoop, Protocol, run, sleep, type Transport } from 'pep3156';

const py = (b: boolean): string => (b ? 'True' : 'False');

class Client extends Protocol {
  lost = getRunningLoop().createFuture<void>();
  constructor(
    readonly log: string[],
    readonly closeAtOnce: boolean,
  ) {
    super();
  }
  override connectionMade(transport: Transport): void {
    this.log.push('client connection_made');
    getRunningLoop().callSoon(() => this.log.push('call_soon from connection_made'));
    if (this.closeAtOnce) {
      transport.write(new TextEncoder().encode('hello and bye'));
      transport.close();
      this.log.push(`closed inside connection_made, is_closing=${py(transport.isClosing())}`);
    }
  }
  override connectionLost(exc: Error | null): void {
    this.log.push(`client connection_lost(${exc ? exc.name : 'None'})`);
    this.lost.setResult(undefined);
  }
}

class Server extends Protocol {
  data = '';
  lost = getRunningLoop().createFuture<void>();
  constructor(readonly log: string[]) {
    super();
  }
  override dataReceived(data: Uint8Array): void {
    this.data += new TextDecoder().decode(data);
  }
  override eofReceived(): boolean {
    this.log.push(`server eof_received after '${this.data}'`);
    return false;
  }
  override connectionLost(exc: Error | null): void {
    this.log.push(`server connection_lost(${exc ? exc.name : 'None'})`);
    this.lost.setResult(undefined);
  }
}

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  for (const closeAtOnce of [false, true]) {
    const log: string[] = [];
    const servers: Server[] = [];
    const server = yield* loop.createServer(
      () => {
        servers.push(new Server(log));
        return servers[servers.length - 1];
      },
      '127.0.0.1',
      0,
    );
    const [, port] = server.sockets[0].getsockname() as [string, number];
    const [transport, client] = (yield* loop.createConnection(
      () => new Client(log, closeAtOnce),
      '127.0.0.1',
      port,
    )) as [Transport, Client];
    log.push(`create_connection returned, is_closing=${py(transport.isClosing())}`);
    if (!closeAtOnce) transport.close();
    while (servers.length === 0) yield* sleep(0);
    yield* gather(client.lost, servers[0].lost);
    console.log(`close inside connection_made: ${py(closeAtOnce)}`);
    for (const line of log) if (!line.startsWith('server')) console.log(`  ${line}`);
    console.log('  server:', log.filter((line) => line.startsWith('server')).join(' / '));
    server.close();
    yield* server.waitClosed();
  }
}

await run(main());
