// Twin of dgram-sendto-errors.py: the same trace, line for line.
import { type Coroutine, DatagramProtocol, getRunningLoop, run, sleep } from 'pep3156';

class Rec extends DatagramProtocol {
  events: string[] = [];
  got: string[] = [];
  override connectionMade(): void {
    this.events.push('connection_made');
  }
  override datagramReceived(data: Uint8Array): void {
    this.got.push(new TextDecoder().decode(data));
  }
  override errorReceived(exc: Error): void {
    this.events.push(`error_received ${exc.name}`);
  }
  override connectionLost(exc: Error | null): void {
    this.events.push(`connection_lost ${exc === null ? 'None' : String(exc)}`);
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
const bytes = (s: string) => new TextEncoder().encode(s);

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  const receiver = new Rec();
  const [rt] = yield* loop.createDatagramEndpoint(() => receiver, { localAddr: ['0.0.0.0', 0] });
  const [, port] = rt.getExtraInfo('sockname') as [string, number];
  const free = new Rec();
  const [ft] = yield* loop.createDatagramEndpoint(() => free, { localAddr: ['127.0.0.1', 0] });
  const connected = new Rec();
  const [ct] = yield* loop.createDatagramEndpoint(() => connected, { remoteAddr: ['127.0.0.1', port] });
  for (const [what, call] of [
    ['text data', () => ft.sendto('text' as unknown as Uint8Array, ['127.0.0.1', port])],
    ['other address on a connected endpoint', () => ct.sendto(bytes('x'), ['127.0.0.1', port + 1])],
  ] as const) {
    try {
      call();
      console.log(`${what}: sent`);
    } catch (error) {
      console.log(`${what}: ${(error as Error).name}`);
    }
  }
  ft.sendto(bytes('denied'), ['127.255.255.255', port]);
  yield* until(() => free.events.length > 1);
  console.log(`after the refused send: open ${py(!ft.isClosing())}`);
  ft.sendto(bytes('still sending'), ['127.0.0.1', port]);
  ct.sendto(bytes('connected'));
  yield* until(() => receiver.got.length === 2);
  console.log(
    `received: [${[...receiver.got]
      .sort()
      .map((g) => `'${g}'`)
      .join(', ')}]`,
  );
  for (const t of [ft, ct, rt]) t.close();
  yield* until(() =>
    [free, connected, receiver].every((p) => (p.events.at(-1) ?? '').startsWith('connection_lost')),
  );
  for (const [name, p] of [
    ['free', free],
    ['connected', connected],
    ['receiver', receiver],
  ] as const) {
    console.log(`${name}: ${p.events.join(', ')}`);
  }
}

await run(main());
