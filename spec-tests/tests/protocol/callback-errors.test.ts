// spec-tests/tests/protocol/callback-errors.test.ts: PEP 3156 § Stream Protocols, asyncio's
// _fatal_error ("Fatal error: protocol.data_received() call failed.")
// > connection_lost(exc) ... The argument is ... an exception object for errors.
// An exception thrown by any stream protocol callback goes to the loop's exception handler, with
// `exception`, `protocol` and `transport` in the context, and closes that transport with
// connectionLost(error); other connections to the same server never notice. (connectionMade and
// pauseWriting are reference-level: asyncio reports them but leaves the transport open; their tests
// are in reference-impl/test/protocol-callback-errors.test.ts.)
import type { ExceptionContext, Protocol, Transport } from 'pep3156/spec';
import { expect } from 'vitest';
import { type StatementContext, section, statement } from '../../src/harness.js';
import { captureExceptions, errorName } from '../support/index.js';
import { bytes, until } from '../support/net.js';
import { Buffered, Probe, tcp } from './kinds.js';

interface Outcome {
  contexts: ExceptionContext[];
  /** The server end whose callback threw. */
  bad: Probe;
  badTransport: Transport | null;
  /** Whether a second connection to the same server still carried data afterwards. */
  otherAlive: boolean;
  /** Whether the client of the bad end saw its connection end. */
  clientLost: boolean;
}

/**
 * Connects two clients to one TCP server; the first accepted end is `bad`. `provoke` makes the
 * first client trigger the throwing callback; then the second connection must still work.
 */
async function isolated(
  { loop, run }: StatementContext,
  bad: Probe,
  provoke: (client: Transport) => void,
): Promise<Outcome> {
  const contexts = captureExceptions(loop);
  const got = await run(
    (function* () {
      let n = 0;
      const listener = yield* tcp.listen(loop, () => (n++ === 0 ? (bad as Protocol) : new Probe()));
      const client = new Probe();
      const t1 = yield* listener.connect(client);
      yield* until(loop, () => listener.accepted.length === 1);
      const t2 = yield* listener.connect(new Probe());
      yield* until(loop, () => listener.accepted.length === 2);
      const other = listener.accepted[1] as Probe;
      provoke(t1);
      yield* until(loop, () => bad.isLost() && client.isLost());
      t2.write(bytes('fine'));
      yield* until(loop, () => other.text() === 'fine');
      const otherAlive = !other.isLost();
      t2.close();
      yield* until(loop, () => other.isLost());
      listener.stop();
      return { otherAlive, clientLost: client.isLost() };
    })(),
  );
  return { contexts, bad, badTransport: bad.transport, ...got };
}

/** The checks every callback shares. */
function expectIsolated(o: Outcome, error: unknown): void {
  expect(o.contexts.length, 'the exception handler was called once').toBe(1);
  const [context] = o.contexts;
  expect(context.exception, 'context.exception').toBe(error);
  expect(context.protocol, 'context.protocol').toBe(o.bad);
  if (o.badTransport !== null) expect(context.transport, 'context.transport').toBe(o.badTransport);
  else expect(context.transport, 'context.transport').toBeDefined();
  expect(o.bad.lostWith, 'connectionLost gets the error').toBe(error);
  expect(o.bad.count('connectionLost'), 'connectionLost once').toBe(1);
  expect(o.clientLost, 'the connection was closed').toBe(true);
  expect(o.otherAlive, 'the other connection did not notice').toBe(true);
}

section('protocol', 'Stream Protocols', () => {
  statement(
    'protocol.callback-error.lost-next-iteration',
    "a callback's exception schedules connectionLost(error) with callSoon at once: the next iteration",
    async ({ loop, run }) => {
      captureExceptions(loop);
      const boom = new RangeError('bad data');
      const order: string[] = [];
      const bad = new Probe();
      bad.dataReceived = () => {
        loop.callSoon(() => {
          order.push('soon from the callback');
          loop.callSoon(() => order.push('one iteration later'));
        });
        throw boom;
      };
      bad.connectionLost = (exc: Error | null) => {
        bad.events.push('connectionLost');
        bad.lostWith = exc;
        order.push(`connectionLost(${errorName(exc)})`);
      };
      await run(
        (function* () {
          const listener = yield* tcp.listen(loop, () => bad);
          const client = new Probe();
          const t = yield* listener.connect(client);
          yield* until(loop, () => bad.transport !== null);
          t.write(bytes('x'));
          yield* until(loop, () => bad.isLost() && client.isLost());
          listener.stop();
        })(),
      );
      expect(order.slice(0, 3)).toEqual([
        'soon from the callback',
        'connectionLost(RangeError)',
        'one iteration later',
      ]);
    },
  );

  statement(
    'protocol.callback-error.eof-received',
    'an exception from eofReceived closes that transport with the error',
    async (ctx) => {
      const boom = new RangeError('eof');
      const bad = new Probe();
      bad.eofReceived = () => {
        bad.events.push('eofReceived');
        throw boom;
      };
      expectIsolated(await isolated(ctx, bad, (t) => t.writeEof()), boom);
    },
  );

  statement(
    'protocol.callback-error.get-buffer',
    'an exception from getBuffer closes that transport with the error; bufferUpdated is not called',
    async (ctx) => {
      const boom = new RangeError('no buffer');
      const bad = new Buffered();
      bad.getBuffer = () => {
        bad.events.push('getBuffer');
        throw boom;
      };
      expectIsolated(await isolated(ctx, bad, (t) => t.write(bytes('data'))), boom);
      expect(bad.events).not.toContain('bufferUpdated');
    },
  );

  statement(
    'protocol.callback-error.get-buffer-empty',
    'getBuffer returning an empty buffer is a RuntimeError that closes that transport',
    async (ctx) => {
      const bad = new Buffered();
      bad.buffer = new Uint8Array(0);
      const o = await isolated(ctx, bad, (t) => t.write(bytes('data')));
      expectIsolated(o, o.contexts[0]?.exception);
      expect(errorName(o.bad.lostWith)).toBe('RuntimeError');
      expect(bad.events).not.toContain('bufferUpdated');
    },
  );

  statement(
    'protocol.callback-error.buffer-updated',
    'an exception from bufferUpdated closes that transport with the error',
    async (ctx) => {
      const boom = new RangeError('updated');
      const bad = new Buffered();
      bad.bufferUpdated = () => {
        bad.events.push('bufferUpdated');
        throw boom;
      };
      expectIsolated(await isolated(ctx, bad, (t) => t.write(bytes('data'))), boom);
      expect(bad.count('bufferUpdated'), 'no further bufferUpdated after the error').toBe(1);
    },
  );

  statement(
    'protocol.callback-error.connection-lost',
    'an exception from connectionLost goes to the handler; connectionLost is not called again',
    async (ctx) => {
      const boom = new RangeError('lost');
      const bad = new Probe();
      bad.connectionLost = (exc: Error | null) => {
        bad.events.push('connectionLost');
        bad.lostWith = exc;
        throw boom;
      };
      const o = await isolated(ctx, bad, (t) => t.close());
      expect(o.contexts.length, 'the exception handler was called once').toBe(1);
      expect(o.contexts[0].exception).toBe(boom);
      expect(bad.count('connectionLost'), 'connectionLost once').toBe(1);
      expect(bad.lostWith, 'a clean close').toBeNull();
      expect(o.otherAlive).toBe(true);
    },
  );
});
