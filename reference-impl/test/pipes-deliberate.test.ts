// The reference's pipe transports beyond the suite (reference-level statements, see
// docs/spec/transports.mdx): a throwing read-pipe protocol ends the pipe with the error, as asyncio's
// stream transports do with a failing data_received (its unix read pipe keeps reading, a deliberate
// difference); Node streams destroyed under a pipe, one PassThrough as both ends of a pipe, and a
// write pipe whose reader is gone.
import { spawn } from 'node:child_process';
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

it('[pipes.ref.destroyed-stream] one PassThrough as both ends: the reader gets every byte and EOF; a destroyed stream ends a read pipe', async () => {
  const loop = newEventLoop();
  const reader = new Recording();
  const chunks: string[] = [];
  reader.dataReceived = (data: Uint8Array) => {
    reader.events.push('dataReceived');
    chunks.push(new TextDecoder().decode(data));
  };
  reader.eofReceived = () => {
    reader.events.push('eofReceived');
    return true;
  };
  const orphan = new Recording();
  try {
    await loop.runUntilComplete(
      loop.createTask(
        (function* () {
          const pipe = new PassThrough();
          const [rt] = yield* loop.connectReadPipe(() => reader, pipe);
          const [wt] = yield* loop.connectWritePipe(() => new Recording(), pipe);
          rt.pauseReading();
          wt.write(new TextEncoder().encode('kept'));
          wt.writeEof();
          yield* settle(loop, 0.02);
          rt.resumeReading();
          const other = new PassThrough();
          yield* loop.connectReadPipe(() => orphan, other);
          other.destroy();
          const deadline = loop.time() + 4;
          while (!(reader.events.includes('connectionLost') && orphan.events.includes('connectionLost')))
            if (loop.time() > deadline) throw new Error('a pipe was never lost');
            else yield* settle(loop, 0.001);
        })(),
      ),
    );
    expect(chunks.join('')).toBe('kept');
    expect(reader.events.filter((e, i, a) => !(e === 'dataReceived' && a[i - 1] === e))).toEqual([
      'connectionMade',
      'dataReceived',
      'eofReceived',
      'connectionLost',
    ]);
    expect(orphan.events).toEqual(['connectionMade', 'connectionLost']);
    expect(orphan.lostWith).toBeNull();
  } finally {
    loop.close();
  }
});

it('[pipes.ref.write-broken-pipe] the write that finds the reader gone makes the write pipe closing; connectionLost(BrokenPipeError) follows', async () => {
  // A child that closed its end of the stdin pipe (and says so): the next write fails with EPIPE.
  const child = spawn('sh', ['-c', 'exec 0<&-; echo closed; sleep 10'], {
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  await new Promise((resolve) => child.stdout.once('data', resolve));
  const loop = newEventLoop();
  const proto = new Recording();
  try {
    const got = await loop.runUntilComplete(
      loop.createTask(
        (function* () {
          const [t] = yield* loop.connectWritePipe(() => proto, child.stdin);
          let writes = 0;
          while (!t.isClosing() && writes < 1000) {
            t.write(new Uint8Array(100));
            writes += 1;
          }
          const lostBefore = proto.events.includes('connectionLost');
          t.write(new Uint8Array(100)); // dropped, no exception
          while (!proto.events.includes('connectionLost')) yield* settle(loop, 0.001);
          return { writes, lostBefore, closing: t.isClosing(), lostWith: proto.lostWith?.name };
        })(),
      ),
    );
    expect(got).toEqual({ writes: 1, lostBefore: false, closing: true, lostWith: 'BrokenPipeError' });
    expect(proto.events).toEqual(['connectionMade', 'connectionLost']);
  } finally {
    loop.close();
    child.kill();
  }
});
