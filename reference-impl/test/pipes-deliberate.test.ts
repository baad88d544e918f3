// Where the reference's pipe transports deliberately differ from CPython (a reference-level
// statement, see docs/spec/transports.mdx): a throwing read-pipe protocol ends the pipe with the
// error, as asyncio's stream transports do with a failing data_received (its unix read pipe keeps
// reading).
import { PassThrough } from 'node:stream';
import { expect, it } from 'vitest';
import { type AbstractEventLoop, type Coroutine, newEventLoop, Protocol } from '../src/index.js';

class Recording extends Protocol {
  events: string[] = [];
  lostWith: Error | null | undefined = undefined;
  override connectionMade(): void {
    this.events.push('connectionMade');
  }
  override connectionLost(exc: Error | null): void {
    this.events.push('connectionLost');
    this.lostWith = exc;
  }
}

function* settle(loop: AbstractEventLoop, seconds: number): Coroutine<void> {
  const f = loop.createFuture<void>();
  loop.callLater(seconds, () => f.setResult(undefined));
  yield* f;
}

it("[pipes.read.callback-error] a read pipe's throwing dataReceived goes to the handler and ends it with connectionLost(error)", async () => {
  const loop = newEventLoop();
  const contexts: Record<string, unknown>[] = [];
  loop.setExceptionHandler((_l, context) => contexts.push(context));
  const boom = new RangeError('bad chunk');
  const proto = new Recording();
  proto.dataReceived = () => {
    proto.events.push('dataReceived');
    throw boom;
  };
  try {
    const transport = await loop.runUntilComplete(
      loop.createTask(
        (function* () {
          const stream = new PassThrough();
          const [transport] = yield* loop.connectReadPipe(() => proto, stream);
          stream.write('a');
          const deadline = loop.time() + 4;
          while (!proto.events.includes('connectionLost') && loop.time() < deadline)
            yield* settle(loop, 0.001);
          stream.write('b');
          yield* settle(loop, 0.02);
          return transport;
        })(),
      ),
    );
    expect(contexts.length).toBe(1);
    expect(contexts[0]?.exception).toBe(boom);
    expect(contexts[0]?.protocol).toBe(proto);
    expect(contexts[0]?.transport).toBe(transport);
    expect(proto.lostWith).toBe(boom);
    expect(proto.events).toEqual(['connectionMade', 'dataReceived', 'connectionLost']);
  } finally {
    loop.close();
  }
});
