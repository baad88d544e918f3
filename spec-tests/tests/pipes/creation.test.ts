// spec-tests/tests/pipes/creation.test.ts: PEP 3156 § Pipes and Subprocesses (creation only;
// the call order of pipe transports is checked in tests/pipes)
// > connect_read_pipe(protocol_factory, pipe): Create a unidirectional stream connection from a
// > file-like object wrapping the read end of a UNIX pipe ... connect_write_pipe(protocol_factory, pipe)
// Node has no file objects: a pipe is a Node Readable/Writable stream or a file descriptor.
import { mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { errorName } from '../support/index.js';
import { bytes, Recorder, until } from '../support/net.js';

const dir = mkdtempSync(path.join(tmpdir(), 'pep3156-pipes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

section('pipes', 'Pipes and Subprocesses', () => {
  statement(
    'pipes.create.arguments',
    'connectReadPipe and connectWritePipe refuse what is not a stream or a file descriptor, and a factory that is not a function, with TypeError',
    async ({ loop, run }) => {
      const names = await run(
        (function* () {
          const f = () => new Recorder();
          const cases: [string, () => ReturnType<typeof loop.connectReadPipe>][] = [
            ['read: a string', () => loop.connectReadPipe(f, 'not a pipe')],
            ['read: an object', () => loop.connectReadPipe(f, {})],
            ['read: null', () => loop.connectReadPipe(f, null)],
            ['read: factory', () => loop.connectReadPipe(7 as never, new PassThrough())],
            ['write: a string', () => loop.connectWritePipe(f, 'not a pipe') as never],
            ['write: null', () => loop.connectWritePipe(f, null) as never],
            ['write: factory', () => loop.connectWritePipe(7 as never, new PassThrough()) as never],
          ];
          const out: Record<string, string> = {};
          for (const [what, call] of cases) {
            try {
              const [t] = yield* call();
              t.close();
              out[what] = 'created';
            } catch (e) {
              out[what] = errorName(e);
            }
          }
          return out;
        })(),
      );
      expect(Object.values(names)).toEqual(Array(7).fill('TypeError'));
    },
  );

  statement(
    'pipes.create.fd-or-stream',
    'a pipe may be a file descriptor or a Node stream; the factory is called once and its protocol returned',
    async ({ loop, run }) => {
      const source = path.join(dir, 'source.txt');
      const target = path.join(dir, 'target.txt');
      writeFileSync(source, 'from a file');
      const readFd = openSync(source, 'r');
      const writeFd = openSync(target, 'w');
      let calls = 0;
      const got = await run(
        (function* () {
          const reader = new Recorder();
          const [rt, rp] = yield* loop.connectReadPipe(() => {
            calls += 1;
            return reader;
          }, readFd);
          yield* until(loop, () => reader.events.includes('connectionLost'));
          const writer = new Recorder();
          const [wt, wp] = yield* loop.connectWritePipe(() => {
            calls += 1;
            return writer;
          }, writeFd);
          wt.write(bytes('to a file'));
          wt.close();
          yield* until(loop, () => writer.events.includes('connectionLost'));
          const stream = new PassThrough();
          const [st, sp] = yield* loop.connectWritePipe(() => {
            calls += 1;
            return new Recorder();
          }, stream);
          const isProtocol = sp instanceof Recorder;
          st.close();
          return [rp === reader, wp === writer, isProtocol, reader.text(), rt.isClosing()];
        })(),
      );
      expect(got).toEqual([true, true, true, 'from a file', true]);
      expect(calls, 'one factory call per pipe').toBe(3);
      expect(readFileSync(target, 'utf8')).toBe('to a file');
    },
  );
});
