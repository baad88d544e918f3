// Twin of proto-eof-timing.py: the same trace, line for line.
import { existsSync, mkdtempSync, rmdirSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  type Coroutine,
  gather,
  getRunningLoop,
  Protocol,
  run,
  type Server,
  sleep,
  type Transport,
} from 'pep3156';

const py = (v: boolean | null): string => (v === null ? 'None' : v ? 'True' : 'False');

class Peer extends Protocol {
  transport!: Transport;
  lost = getRunningLoop().createFuture<void>();
  constructor(
    readonly keepOpen: boolean | null,
    readonly log: string[],
  ) {
    super();
  }
  override connectionMade(transport: Transport): void {
    this.transport = transport;
  }
  override eofReceived(): boolean {
    const loop = getRunningLoop();
    this.log.push('eof_received');
    loop.callSoon(() => this.log.push(`step after eof: is_closing=${py(this.transport.isClosing())}`));
    if (this.keepOpen) loop.callSoon(() => this.finish());
    return this.keepOpen === true;
  }
  finish(): void {
    this.transport.write(new TextEncoder().encode('late reply'));
    this.transport.close();
    this.log.push('closed by the protocol');
    getRunningLoop().callSoon(() => this.log.push('call_soon after close'));
  }
  override connectionLost(exc: Error | null): void {
    this.log.push(`connection_lost(${exc ? exc.name : 'None'})`);
    this.lost.setResult(undefined);
  }
}

class Client extends Protocol {
  data = '';
  lost = getRunningLoop().createFuture<void>();
  override dataReceived(data: Uint8Array): void {
    this.data += new TextDecoder().decode(data);
  }
  override connectionLost(): void {
    this.lost.setResult(undefined);
  }
}

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  const dir = mkdtempSync(path.join(tmpdir(), 'pep3156-'));
  const where = path.join(dir, 'eof.sock');
  for (const kind of ['tcp', 'unix']) {
    for (const keepOpen of [null, false, true]) {
      const log: string[] = [];
      const peers: Peer[] = [];
      const factory = (): Peer => {
        peers.push(new Peer(keepOpen, log));
        return peers[peers.length - 1];
      };
      let server: Server;
      let transport: Transport;
      let client: Client;
      if (kind === 'tcp') {
        server = yield* loop.createServer(factory, '127.0.0.1', 0);
        const [, port] = server.sockets[0].getsockname() as [string, number];
        [transport, client] = (yield* loop.createConnection(() => new Client(), '127.0.0.1', port)) as [
          Transport,
          Client,
        ];
      } else {
        server = yield* loop.createUnixServer(factory, where);
        [transport, client] = (yield* loop.createUnixConnection(() => new Client(), where)) as [
          Transport,
          Client,
        ];
      }
      transport.writeEof();
      while (peers.length === 0) yield* sleep(0);
      yield* gather(peers[0].lost, client.lost);
      console.log(`${kind}, eof_received returns ${py(keepOpen)}: ${log.join(' / ')}`);
      console.log(`  client got '${client.data}'`);
      server.close();
      yield* server.waitClosed();
      if (existsSync(where)) unlinkSync(where);
    }
  }
  rmdirSync(dir);
}

await run(main());
