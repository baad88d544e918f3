// Twin of streams-start-tls.py: the same trace, line for line.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type Coroutine,
  getRunningLoop,
  openConnection,
  run,
  type StreamReader,
  type StreamWriter,
  startServer,
} from 'pep3156';

const DATA = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'python', '_data');
const key = readFileSync(path.join(DATA, 'key.pem'), 'utf8');
const cert = readFileSync(path.join(DATA, 'cert.pem'), 'utf8');
const enc = (s: string) => new TextEncoder().encode(s);
/** Python's repr of the text of `data` (ASCII only). */
const show = (data: Uint8Array) =>
  `'${new TextDecoder().decode(data).replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/'/g, "\\'")}'`;
const py = (b: boolean) => (b ? 'True' : 'False');

function* main(): Coroutine<void> {
  const done = getRunningLoop().createFuture<void>();

  function* handle(reader: StreamReader, writer: StreamWriter): Coroutine<void> {
    let line = yield* reader.readline();
    console.log(`server: plain line ${show(line)}, tls=${py(writer.getExtraInfo('cipher') !== undefined)}`);
    writer.write(enc('ok, upgrade\n'));
    yield* writer.drain();
    yield* writer.startTls({ key, cert });
    console.log(`server: upgraded, tls=${py(writer.getExtraInfo('cipher') !== undefined)}`);
    line = yield* reader.readline();
    console.log(`server: tls line ${show(line)}`);
    writer.write(enc('secret reply\n'));
    yield* writer.drain();
    const rest = yield* reader.read();
    console.log(`server: read to eof ${show(rest)}, at_eof=${py(reader.atEof())}`);
    writer.close();
    yield* writer.waitClosed();
    done.setResult(undefined);
  }

  const server = yield* startServer(handle, '127.0.0.1', 0);
  const [, port] = server.sockets[0].getsockname() as [string, number];
  const [reader, writer] = yield* openConnection('127.0.0.1', port);
  console.log(`client: can_write_eof before=${py(writer.canWriteEof())}`);
  writer.write(enc('hello\n'));
  console.log(`client: reply ${show(yield* reader.readline())}`);
  const before = writer.transport;
  yield* writer.startTls({ ca: cert }, { serverHostname: 'localhost' });
  console.log(
    `client: upgraded, new transport=${py(writer.transport !== before)}, ` +
      `tls=${py(writer.getExtraInfo('cipher') !== undefined)}, peercert=${py(Boolean(writer.getExtraInfo('peercert')))}, ` +
      `can_write_eof=${py(writer.canWriteEof())}`,
  );
  writer.write(enc('over tls\n'));
  console.log(`client: reply ${show(yield* reader.readline())}`);
  writer.write(enc('last words'));
  yield* writer.drain();
  writer.close();
  yield* writer.waitClosed();
  yield* done;
  console.log(`client: closed, is_closing=${py(writer.isClosing())}`);
  server.close();
  yield* server.waitClosed();
}

await run(main());
