// Twin of proto-close-vs-abort.py: the same trace, line for line.
import { type Coroutine, gather, getRunningLoop, Protocol, run, sleep, type Transport } from 'pep3156';

const BIG = 16 * 1024 * 1024;
const bool = (b: boolean): string => (b ? 'True' : 'False');
let it = 0;

class Rec extends Protocol {
  events: string[] = [];
  chunks: Uint8Array[] = [];
  transport: Transport | null = null;
  lostAt = -1;
  lost = getRunningLoop().createFuture<void>();
  override connectionMade(transport: Transport): void {
    this.transport = transport;
    this.events.push('connection_made');
  }
  override dataReceived(data: Uint8Array): void {
    if (this.events.at(-1) !== 'data_received') this.events.push('data_received');
    this.chunks.push(new Uint8Array(data));
  }
  override eofReceived(): boolean {
    this.events.push('eof_received');
    return false;
  }
  override connectionLost(exc: Error | null): void {
    this.events.push(`connection_lost(${exc ? exc.name : 'None'})`);
    this.lostAt = it;
    this.lost.setResult(undefined);
  }
  data(): Uint8Array {
    return Buffer.concat(this.chunks);
  }
}

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  const tick = (): void => {
    it += 1;
    loop.callSoon(tick);
  };
  loop.callSoon(tick);
  for (const [how, size] of [
    ['close', 0],
    ['abort', 0],
    ['close', BIG],
    ['abort', BIG],
  ] as const) {
    const peers: Rec[] = [];
    const server = yield* loop.createServer(
      () => {
        peers.push(new Rec());
        return peers[peers.length - 1];
      },
      '127.0.0.1',
      0,
    );
    const [, port] = server.sockets[0].getsockname() as [string, number];
    const [transport, client] = (yield* loop.createConnection(() => new Rec(), '127.0.0.1', port)) as [
      Transport,
      Rec,
    ];
    while (peers.length === 0 || peers[0].transport === null) yield* sleep(0);
    const peer = peers[0];
    peer.transport?.pauseReading();
    let data: Uint8Array;
    if (size) {
      data = new Uint8Array(size);
      for (let i = 0; i < size; i++) data[i] = i % 251;
    } else data = new TextEncoder().encode('bye');
    transport.write(data);
    const buffered = transport.getWriteBufferSize() > 0;
    const at = it;
    transport[how]();
    console.log(`${how}, data buffered: ${bool(buffered)}`);
    console.log(
      '  is_closing:',
      bool(transport.isClosing()),
      '| lost inside the call:',
      bool(client.lost.done()),
    );
    peer.transport?.resumeReading();
    yield* gather(client.lost, peer.lost);
    if (!buffered) console.log('  connection_lost after iterations:', client.lostAt - at);
    console.log('  client:', client.events.join(' '));
    console.log('  server:', peer.events.join(' '));
    const got = peer.data();
    const prefix = got.length <= data.length && Buffer.from(data.subarray(0, got.length)).equals(got);
    console.log(
      '  server got everything:',
      bool(prefix && got.length === data.length),
      '| a prefix:',
      bool(prefix),
    );
    server.close();
    yield* server.waitClosed();
  }
}

await run(main());
