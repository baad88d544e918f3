// spec-tests/tests/pipes/pipes.test.ts: PEP 3156 § Pipes, § Unidirectional Stream Transports
// > connect_read_pipe(protocol_factory, pipe) ... connect_write_pipe(protocol_factory, pipe) ...
// > Node has no file objects: a pipe is a Node Readable/Writable stream or a file descriptor.
import { PassThrough } from 'node:stream';
import { expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { bytes, Recorder, until } from '../support/net.js';

section('pipes', 'Pipes', () => {
  statement(
    'pipes.read.order',
    'a read pipe calls connectionMade, dataReceived*, eofReceived, then connectionLost',
    async ({ loop, run }) => {
      const stream = new PassThrough();
      const proto = new Recorder();
      await run(
        (function* () {
          yield* loop.connectReadPipe(() => proto, stream);
          stream.write('piped ');
          stream.end('data');
          yield* until(loop, () => proto.events.includes('connectionLost'));
        })(),
      );
      expect(proto.shape()).toEqual(['connectionMade', 'dataReceived', 'eofReceived', 'connectionLost']);
      expect(proto.text()).toBe('piped data');
    },
  );

  statement(
    'pipes.write.delivers',
    'a write pipe delivers what is written and calls connectionLost after close',
    async ({ loop, run }) => {
      const stream = new PassThrough();
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      const proto = new Recorder();
      await run(
        (function* () {
          const [t] = yield* loop.connectWritePipe(() => proto, stream);
          t.write(bytes('to the '));
          t.write(bytes('pipe'));
          t.close();
          yield* until(loop, () => proto.events.includes('connectionLost'));
        })(),
      );
      expect(Buffer.concat(chunks).toString()).toBe('to the pipe');
      expect(proto.events).toEqual(['connectionMade', 'connectionLost']);
    },
  );
});
