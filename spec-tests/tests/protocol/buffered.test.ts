// spec-tests/tests/protocol/buffered.test.ts: asyncio 3.7 BufferedProtocol (beyond PEP 3156)
// > get_buffer(sizehint) returns a buffer to receive into; buffer_updated(nbytes) says how much was written.
import type { BufferedProtocol, Transport } from 'pep3156/spec';
import { expect } from 'vitest';
import { type StatementContext, section, statement } from '../../src/harness.js';
import { bytes, listen, until } from '../support/net.js';
import { Buffered, isPattern, Probe, pair, pattern, type StreamKind, tcp, tls } from './kinds.js';

class Collect implements BufferedProtocol {
  buffer = new Uint8Array(7); // small on purpose: the transport must refill it several times
  got: number[] = [];
  events: string[] = [];
  connectionMade(_t: Transport): void {
    this.events.push('connectionMade');
  }
  getBuffer(sizeHint: number): Uint8Array {
    expect(typeof sizeHint).toBe('number');
    return this.buffer;
  }
  bufferUpdated(n: number): void {
    this.got.push(...this.buffer.subarray(0, n));
  }
  connectionLost(): void {
    this.events.push('connectionLost');
  }
}

section('protocol', 'Stream Protocols', () => {
  statement(
    'protocol.buffered.receives-all',
    'a BufferedProtocol receives every byte through getBuffer and bufferUpdated',
    async ({ loop, run }) => {
      const text = 'a message longer than the buffer it is received into';
      const got = await run(
        (function* () {
          const collected: Collect[] = [];
          const srv = yield* listen(loop, () => {
            const c = new Collect();
            collected.push(c);
            return c as never;
          });
          const [t] = yield* loop.createConnection(() => ({}) as never, '127.0.0.1', srv.port);
          t.write(bytes(text));
          t.close();
          yield* until(loop, () => collected.length === 1 && collected[0].events.includes('connectionLost'));
          srv.server.close();
          return new TextDecoder().decode(new Uint8Array(collected[0].got));
        })(),
      );
      expect(got).toBe(text);
    },
  );
});

/** Receives a pattern through a 5-byte Buffered end and checks the order of its calls. */
function bufferedOrder(kind: StreamKind) {
  return async ({ loop, run }: StatementContext) => {
    const server = new Buffered();
    const total = 100_003;
    await run(
      (function* () {
        const p = yield* pair(kind, loop, new Probe(), server);
        p.clientTransport.write(pattern(total));
        p.clientTransport.close();
        yield* until(loop, () => server.isLost(), 5);
        p.listener.stop();
      })(),
    );
    expect(isPattern(server.received, total), 'every byte, in order, through the small buffer').toBe(true);
    expect(server.events.includes('dataReceived'), 'a BufferedProtocol never gets dataReceived').toBe(false);
    expect(
      server.hints.every((h) => Number.isInteger(h) && h >= -1),
      'sizeHint is a byte count, 0 included (asyncio TLS passes 0), or -1',
    ).toBe(true);
    expect(
      server.events.every((e, i) => e !== 'bufferUpdated' || server.events[i - 1] === 'getBuffer'),
      'each bufferUpdated right after its getBuffer',
    ).toBe(true);
    // A last getBuffer may go without a bufferUpdated: asyncio asks for a buffer, then finds the EOF.
    const shape = server.events.filter((e) => e !== 'getBuffer');
    const collapsed = shape.filter((e, i) => !(e === 'bufferUpdated' && shape[i - 1] === 'bufferUpdated'));
    expect(collapsed).toEqual(['connectionMade', 'bufferUpdated', 'eofReceived', 'connectionLost']);
    expect(server.lostWith).toBeNull();
  };
}

section('protocol', 'Stream Protocols', () => {
  statement(
    'protocol.buffered.order',
    'TCP: a BufferedProtocol gets connectionMade, (getBuffer, bufferUpdated)*, eofReceived, connectionLost',
    bufferedOrder(tcp),
  );
  statement(
    'protocol.buffered.tls',
    'TLS: a BufferedProtocol receives every byte in order, then eofReceived and connectionLost',
    bufferedOrder(tls),
    { features: ['tls'] },
  );
});
