// Twin of proto-callback-error.py: the same trace, line for line.
import {
  type Coroutine,
  type ExceptionContext,
  type Future,
  getRunningLoop,
  Protocol,
  RuntimeError,
  run,
  sleep,
  type Transport,
  ValueError,
} from 'pep3156';

const py = (b: boolean): string => (b ? 'True' : 'False');
let it = 0;

class Server extends Protocol {
  transport: Transport | null = null;
  raisedAt: number | null = null;
  lost: Future<Error | null> = getRunningLoop().createFuture<Error | null>();
  constructor(
    readonly name: string,
    readonly failIn: string | null,
  ) {
    super();
  }
  override connectionMade(transport: Transport): void {
    this.transport = transport;
  }
  override dataReceived(data: Uint8Array): void {
    if (this.failIn === 'data_received') {
      this.raisedAt = it;
      throw new ValueError(`${this.name}: bad data`);
    }
    this.transport?.write(data);
  }
  override eofReceived(): boolean {
    if (this.failIn === 'eof_received') {
      this.raisedAt = it;
      throw new RuntimeError(`${this.name}: bad eof`);
    }
    return false;
  }
  override connectionLost(exc: Error | null): void {
    const after = this.raisedAt !== null ? ` after iterations: ${it - this.raisedAt}` : '';
    console.log(`${this.name}: connection_lost(${exc ? exc.name : 'None'})${after}`);
    this.lost.setResult(exc);
  }
}

class Client extends Protocol {
  data = '';
  events: string[] = [];
  lost = getRunningLoop().createFuture<void>();
  override dataReceived(data: Uint8Array): void {
    this.data += new TextDecoder().decode(data);
  }
  override eofReceived(): boolean {
    this.events.push('eof_received');
    return false;
  }
  override connectionLost(exc: Error | null): void {
    this.events.push(`connection_lost(${exc ? exc.name : 'None'})`);
    this.lost.setResult(undefined);
  }
}

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  const tick = (): void => {
    it += 1;
    loop.callSoon(tick);
  };
  loop.callSoon(tick);
  const contexts: ExceptionContext[] = [];
  loop.setExceptionHandler((_loop, context) => {
    contexts.push(context);
  });
  const plan: [string, string | null][] = [
    ['s1', 'data_received'],
    ['s2', 'eof_received'],
    ['s3', null],
  ];
  const servers: Server[] = [];
  const server = yield* loop.createServer(
    () => {
      const [name, failIn] = plan[servers.length];
      servers.push(new Server(name, failIn));
      return servers[servers.length - 1];
    },
    '127.0.0.1',
    0,
  );
  const [, port] = server.sockets[0].getsockname() as [string, number];
  for (const provoke of ['write', 'write_eof']) {
    const [transport, client] = (yield* loop.createConnection(() => new Client(), '127.0.0.1', port)) as [
      Transport,
      Client,
    ];
    while (servers.length < (provoke === 'write' ? 1 : 2)) yield* sleep(0);
    if (provoke === 'write') transport.write(new TextEncoder().encode('x'));
    else transport.writeEof();
    const last = servers[servers.length - 1];
    const exc = yield* last.lost;
    const context = contexts[contexts.length - 1];
    console.log(
      `  handler: ${(context.exception as Error).name}, same as connection_lost's: ${py(context.exception === exc)}`,
    );
    console.log(`  context protocol is the protocol: ${py(context.protocol === last)}`);
    console.log(`  context transport is its transport: ${py(context.transport === last.transport)}`);
    yield* client.lost;
    console.log(`  client: ${client.events.join(' ')}`);
  }
  const [transport, client] = (yield* loop.createConnection(() => new Client(), '127.0.0.1', port)) as [
    Transport,
    Client,
  ];
  transport.write(new TextEncoder().encode('still fine'));
  while (client.data !== 'still fine') yield* sleep(0.001);
  console.log('third connection echoes:', client.data);
  transport.close();
  yield* servers[servers.length - 1].lost;
  console.log('handler calls:', contexts.length);
  server.close();
  yield* server.waitClosed();
}

await run(main());
