// Twin of dgram-callback-order.py: the same trace, line for line.
import {
  type Coroutine,
  DatagramProtocol,
  type DatagramTransport,
  getRunningLoop,
  run,
  type SockAddr,
  sleep,
} from 'pep3156';

class Rec extends DatagramProtocol {
  events: string[] = [];
  transport: DatagramTransport | null = null;
  constructor(
    readonly name: string,
    readonly echo = false,
  ) {
    super();
  }
  override connectionMade(transport: DatagramTransport): void {
    this.transport = transport;
    this.events.push('connection_made');
  }
  override datagramReceived(data: Uint8Array, addr: SockAddr): void {
    const text = new TextDecoder().decode(data);
    this.events.push(`datagram_received ${text}`);
    if (this.echo) this.transport?.sendto(new TextEncoder().encode(text.toUpperCase()), addr);
  }
  override errorReceived(exc: Error): void {
    this.events.push(`error_received ${exc.name}`);
  }
  override connectionLost(exc: Error | null): void {
    this.events.push(`connection_lost ${exc === null ? 'None' : String(exc)}`);
  }
  lost(): boolean {
    return this.events.some((e) => e.startsWith('connection_lost'));
  }
}

function* until(condition: () => boolean): Coroutine<void> {
  for (let i = 0; i < 2000; i++) {
    if (condition()) return;
    yield* sleep(0.001);
  }
  throw new Error('condition not met');
}

const py = (b: boolean) => (b ? 'True' : 'False');

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  const server = new Rec('server', true);
  const [st] = yield* loop.createDatagramEndpoint(() => server, { localAddr: ['127.0.0.1', 0] });
  console.log(
    `server made before the endpoint resolved: ${py(server.events.length === 1 && server.events[0] === 'connection_made')}`,
  );
  const [, port] = st.getExtraInfo('sockname') as [string, number];
  const client = new Rec('client');
  const [ct] = yield* loop.createDatagramEndpoint(() => client, { remoteAddr: ['127.0.0.1', port] });
  for (const word of ['one', 'two', 'three']) {
    ct.sendto(new TextEncoder().encode(word));
    yield* until(
      () => client.events.length > 1 && client.events.at(-1) === `datagram_received ${word.toUpperCase()}`,
    );
  }

  // A connected endpoint whose peer port is closed: error_received, and it stays open.
  const dead = new Rec('dead');
  const [dt] = yield* loop.createDatagramEndpoint(() => dead, { localAddr: ['127.0.0.1', 0] });
  const [, deadPort] = dt.getExtraInfo('sockname') as [string, number];
  dt.close();
  yield* until(() => dead.lost());
  const probe = new Rec('probe');
  const [pt] = yield* loop.createDatagramEndpoint(() => probe, { remoteAddr: ['127.0.0.1', deadPort] });
  for (let i = 0; i < 50; i++) {
    if (probe.events.some((e) => e.startsWith('error_received'))) break;
    pt.sendto(new TextEncoder().encode('anyone?'));
    yield* sleep(0.005);
  }
  console.log(`probe open after error_received: ${py(!pt.isClosing())}`);

  for (const t of [ct, st, pt]) {
    t.close();
    console.log(`is_closing after close: ${py(t.isClosing())}`);
  }
  yield* until(() => client.lost() && server.lost() && probe.lost());
  yield* sleep(0.01);
  for (const proto of [server, client, dead, probe]) {
    const events = proto.events.filter(
      (e, i) => !(i > 0 && e === proto.events[i - 1] && e.startsWith('error')),
    );
    console.log(`${proto.name}: ${events.join(', ')}`);
  }
}

await run(main());
