// Twin of dgram-close-abort.py: the same trace, line for line.
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
  const [rt] = yield* loop.createDatagramEndpoint(() => receiver, { localAddr: ['127.0.0.1', 0] });
  const [, port] = rt.getExtraInfo('sockname') as [string, number];
  const peer = rt.getExtraInfo('peername', 'default');
  console.log(`unconnected peername: ${peer === null ? 'None' : String(peer)}`);

  const closing = new Rec();
  const [ct] = yield* loop.createDatagramEndpoint(() => closing, { remoteAddr: ['127.0.0.1', port] });
  const remote = ct.getExtraInfo('peername') as [string, number];
  console.log(`connected peername is the remote: ${py(remote[0] === '127.0.0.1' && remote[1] === port)}`);
  ct.sendto(bytes('before close'));
  ct.close();
  console.log(`closing: ${py(ct.isClosing())}, lost yet: ${py(closing.events.length > 1)}`);
  ct.sendto(bytes('after close'));
  ct.close();
  ct.abort();
  yield* until(() => closing.events.length > 1);

  const aborting = new Rec();
  const [at] = yield* loop.createDatagramEndpoint(() => aborting, { localAddr: ['127.0.0.1', 0] });
  at.abort();
  console.log(`aborting: ${py(at.isClosing())}, lost yet: ${py(aborting.events.length > 1)}`);
  at.abort();
  yield* until(() => aborting.events.length > 1);

  yield* until(() => receiver.got.length >= 1);
  yield* sleep(0.02);
  rt.close();
  yield* until(() => receiver.events.length > 1);
  console.log(`received: [${receiver.got.map((g) => `'${g}'`).join(', ')}]`);
  for (const [name, proto] of [
    ['closing', closing],
    ['aborting', aborting],
    ['receiver', receiver],
  ] as const) {
    console.log(`${name}: ${proto.events.join(', ')}`);
  }
}

await run(main());
