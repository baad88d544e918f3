// The reference's stream transports when connectionMade or pauseWriting throws: the exception goes to
// the handler and the transport closes with it. asyncio reports both but leaves the transport open,
// so these are reference-level statements (docs/spec/protocols.mdx), tested here and not in the suite.
import { expect, it } from 'vitest';
import { type ExceptionContext, newEventLoop, Protocol, type Transport } from '../src/index.js';

/** A protocol that records its calls. */
class Rec extends Protocol {
  events: string[] = [];
  transport: Transport | null = null;
  lostWith: Error | null | undefined = undefined;
  override connectionMade(t: Transport): void {
    this.events.push('connectionMade');
    this.transport = t;
  }
  override dataReceived(data: Uint8Array): void {
    this.events.push('dataReceived');
    this.text += new TextDecoder().decode(data);
  }
  override connectionLost(exc: Error | null): void {
    this.events.push('connectionLost');
    this.lostWith = exc;
  }
  override pauseWriting(): void {
    this.events.push('pauseWriting');
  }
  override resumeWriting(): void {
    this.events.push('resumeWriting');
  }
  text = '';
  lost(): boolean {
    return this.events.includes('connectionLost');
  }
}

/**
 * Two clients on one TCP server whose first accepted end is `bad`; `provoke` makes it throw; the
 * second connection must still carry data afterwards.
 */
async function isolated(bad: Rec, provoke: () => void) {
  const loop = newEventLoop();
  const contexts: ExceptionContext[] = [];
  loop.setExceptionHandler((_l, c) => {
    contexts.push(c);
  });
  try {
    const got = await loop.runUntilComplete(
      loop.createTask(
        (function* () {
          const accepted: Rec[] = [];
          const server = yield* loop.createServer(
            () => {
              const p = accepted.length === 0 ? bad : new Rec();
              accepted.push(p);
              return p;
            },
            '127.0.0.1',
            0,
          );
          const [, port] = server.sockets[0].getsockname() as [string, number];
          const wait = function* (predicate: () => boolean) {
            const deadline = loop.time() + 4;
            while (!predicate()) {
              if (loop.time() > deadline) throw new Error('condition not reached in time');
              const f = loop.createFuture<void>();
              loop.callLater(0.001, () => f.setResult(undefined));
              yield* f;
            }
          };
          const client = new Rec();
          yield* loop.createConnection(() => client, '127.0.0.1', port);
          yield* wait(() => accepted.length === 1);
          const [t2] = yield* loop.createConnection(() => new Rec(), '127.0.0.1', port);
          yield* wait(() => accepted.length === 2);
          provoke();
          yield* wait(() => bad.lost() && client.lost());
          t2.write(new TextEncoder().encode('fine'));
          yield* wait(() => accepted[1].text === 'fine');
          const otherAlive = !accepted[1].lost();
          t2.close();
          server.close();
          yield* server.waitClosed();
          return { otherAlive, badTransport: bad.transport };
        })(),
      ),
    );
    return { contexts, ...got };
  } finally {
    loop.close();
  }
}

it('[protocol.callback-error.connection-made] an exception from connectionMade closes that transport with the error', async () => {
  const boom = new RangeError('made');
  const bad = new Rec();
  bad.connectionMade = (t: Transport) => {
    bad.events.push('connectionMade');
    bad.transport = t;
    throw boom;
  };
  const o = await isolated(bad, () => {});
  expect(o.contexts.length).toBe(1);
  expect(o.contexts[0].exception).toBe(boom);
  expect(o.contexts[0].protocol).toBe(bad);
  expect(o.contexts[0].transport).toBe(o.badTransport);
  expect(bad.lostWith).toBe(boom);
  expect(bad.events.filter((e) => e === 'connectionLost')).toHaveLength(1);
  expect(o.otherAlive).toBe(true);
});

it('[protocol.callback-error.pause-writing] an exception from pauseWriting closes that transport with the error', async () => {
  const boom = new RangeError('pause');
  const bad = new Rec();
  bad.pauseWriting = () => {
    bad.events.push('pauseWriting');
    throw boom;
  };
  const o = await isolated(bad, () => {
    const t = bad.transport as Transport;
    t.setWriteBufferLimits(0);
    for (let i = 0; i < 256 && !bad.events.includes('pauseWriting'); i++) t.write(new Uint8Array(64 * 1024));
  });
  expect(o.contexts.length).toBe(1);
  expect(o.contexts[0].exception).toBe(boom);
  expect(o.contexts[0].protocol).toBe(bad);
  expect(bad.lostWith).toBe(boom);
  expect(bad.events.filter((e) => e === 'pauseWriting')).toHaveLength(1);
  expect(bad.events).not.toContain('resumeWriting');
  expect(o.otherAlive).toBe(true);
});
