// Where the reference's datagram endpoints deliberately differ from CPython (reference-level
// statements, see docs/spec/protocols.mdx and transports.mdx): a throwing datagramReceived closes its
// endpoint with the error, and sendto without an address on an unconnected endpoint is a ValueError.
import { expect, it } from 'vitest';
import {
  type AbstractEventLoop,
  type Coroutine,
  DatagramProtocol,
  type DatagramTransport,
  newEventLoop,
  type SockAddr,
} from '../src/index.js';

class Recording extends DatagramProtocol {
  events: string[] = [];
  got: string[] = [];
  lostWith: Error | null | undefined = undefined;
  override connectionMade(): void {
    this.events.push('connectionMade');
  }
  override datagramReceived(data: Uint8Array, _addr: SockAddr): void {
    this.events.push('datagramReceived');
    this.got.push(new TextDecoder().decode(data));
  }
  override connectionLost(exc: Error | null): void {
    this.events.push('connectionLost');
    this.lostWith = exc;
  }
}

function* until(loop: AbstractEventLoop, condition: () => boolean): Coroutine<void> {
  const deadline = loop.time() + 4;
  while (!condition()) {
    if (loop.time() > deadline) throw new Error('condition not met in time');
    const f = loop.createFuture<void>();
    loop.callLater(0.001, () => f.setResult(undefined));
    yield* f;
  }
}

function* receiver(loop: AbstractEventLoop, proto: Recording) {
  const [t] = yield* loop.createDatagramEndpoint(() => proto, { localAddr: ['127.0.0.1', 0] });
  const [, port] = t.getExtraInfo('sockname') as [string, number];
  return { t, port };
}

const bytes = (s: string) => new TextEncoder().encode(s);

it('[datagram.callback-error.datagram-received] a throwing datagramReceived goes to the handler and closes that endpoint with connectionLost(error)', async () => {
  const loop = newEventLoop();
  const contexts: Record<string, unknown>[] = [];
  loop.setExceptionHandler((_l, context) => contexts.push(context));
  const boom = new RangeError('bad datagram');
  const bad = new Recording();
  bad.datagramReceived = () => {
    bad.events.push('datagramReceived');
    throw boom;
  };
  const good = new Recording();
  try {
    const got = await loop.runUntilComplete(
      loop.createTask(
        (function* () {
          const b = yield* receiver(loop, bad);
          const g = yield* receiver(loop, good);
          const [sender] = yield* loop.createDatagramEndpoint(() => new Recording(), {
            localAddr: ['127.0.0.1', 0],
          });
          sender.sendto(bytes('one'), ['127.0.0.1', b.port]);
          yield* until(loop, () => bad.events.includes('connectionLost'));
          sender.sendto(bytes('two'), ['127.0.0.1', b.port]);
          sender.sendto(bytes('fine'), ['127.0.0.1', g.port]);
          yield* until(loop, () => good.got.length === 1);
          const goodOpen = !g.t.isClosing();
          sender.close();
          g.t.close();
          return { goodOpen, transport: b.t };
        })(),
      ),
    );
    expect(contexts.length).toBe(1);
    expect(contexts[0]?.exception).toBe(boom);
    expect(contexts[0]?.protocol).toBe(bad);
    expect(contexts[0]?.transport).toBe(got.transport);
    expect(bad.lostWith, 'connectionLost gets the error').toBe(boom);
    expect(bad.events).toEqual(['connectionMade', 'datagramReceived', 'connectionLost']);
    expect(got.goodOpen, 'another endpoint did not notice').toBe(true);
  } finally {
    loop.close();
  }
});

it('[datagram.ref.sendto-no-address] sendto without an address on an unconnected endpoint throws ValueError and sends nothing', async () => {
  const loop = newEventLoop();
  const proto = new Recording();
  try {
    const got = await loop.runUntilComplete(
      loop.createTask(
        (function* () {
          const [t] = yield* loop.createDatagramEndpoint(() => proto, { localAddr: ['127.0.0.1', 0] });
          let name = 'no error';
          try {
            (t as DatagramTransport).sendto(bytes('x'));
          } catch (e) {
            name = (e as Error).name;
          }
          const open = !t.isClosing();
          t.close();
          yield* until(loop, () => proto.events.includes('connectionLost'));
          return { name, open, size: t.getWriteBufferSize() };
        })(),
      ),
    );
    expect(got).toEqual({ name: 'ValueError', open: true, size: 0 });
    expect(proto.lostWith).toBeNull();
  } finally {
    loop.close();
  }
});
