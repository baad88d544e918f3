// Twin of proto-server-close-live.py: the same trace, line for line.
import { type Coroutine, ensureFuture, getRunningLoop, Protocol, run, sleep, type Transport } from 'pep3156';

const py = (b: boolean): string => (b ? 'True' : 'False');
const dec = new TextDecoder();

class Echo extends Protocol {
  transport: Transport | null = null;
  constructor(
    readonly name: string,
    readonly log: string[],
  ) {
    super();
  }
  override connectionMade(transport: Transport): void {
    this.transport = transport;
  }
  override dataReceived(data: Uint8Array): void {
    const text = dec.decode(data);
    this.log.push(`${this.name} got '${text}'`);
    if (this.name.startsWith('server')) this.transport?.write(new TextEncoder().encode(text.toUpperCase()));
  }
  override connectionLost(exc: Error | null): void {
    this.log.push(`${this.name}: connection_lost(${exc ? exc.name : 'None'})`);
  }
}

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  const log: string[] = [];
  let count = 0;
  const server = yield* loop.createServer(() => new Echo(`server${++count}`, log), '127.0.0.1', 0);
  const [, port] = server.sockets[0].getsockname() as [string, number];
  const clients: Transport[] = [];
  for (const name of ['a', 'b']) {
    const [transport] = yield* loop.createConnection(() => new Echo(name, log), '127.0.0.1', port);
    clients.push(transport);
  }
  while (count < 2) yield* sleep(0);
  const waiting = ensureFuture(server.waitClosed());
  yield* sleep(0);
  server.close();
  console.log('after close: is_serving', py(server.isServing()), '| sockets', server.sockets.length);
  try {
    yield* loop.createConnection(() => new Echo('c', log), '127.0.0.1', port);
    console.log('new connection: accepted');
  } catch (error) {
    console.log('new connection:', (error as Error).name);
  }
  clients[0].write(new TextEncoder().encode('ping'));
  while (log.length < 2) yield* sleep(0.001);
  console.log('wait_closed done with clients connected:', py(waiting.done()));
  clients[0].close();
  while (log.length < 4) yield* sleep(0.001);
  console.log('wait_closed done with one client connected:', py(waiting.done()));
  clients[1].write(new TextEncoder().encode('last'));
  while (log.length < 6) yield* sleep(0.001);
  clients[1].close();
  yield* waiting;
  log.push('wait_closed done');
  yield* sleep(0.01);
  for (const line of log) console.log(line);
}

await run(main());
