// Twin of streams-drain-closing.py: the same trace, line for line.
import { type Coroutine, getRunningLoop, openConnection, run, startServer } from 'pep3156';
import type { Protocol, Transport } from 'pep3156/spec';

const py = (b: boolean) => (b ? 'True' : 'False');

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  let it = 0;
  const tick = (): void => {
    it += 1;
    loop.callSoon(tick);
  };
  loop.callSoon(tick);
  const server = yield* startServer(() => undefined, '127.0.0.1', 0);
  const [, port] = server.sockets[0].getsockname() as [string, number];

  let [reader, writer] = yield* openConnection('127.0.0.1', port);
  writer.close();
  console.log(`closing after close(): ${py(writer.isClosing())}`);
  let before = it;
  try {
    yield* writer.drain();
    console.log('drain after close: returned');
  } catch (e) {
    console.log(`drain after close: ${(e as Error).name} after ${it - before} iteration(s)`);
  }
  console.log(`lost before drain raised: ${py(reader.atEof())}`);

  const closesAtOnce = (): Protocol => ({
    connectionMade: (t) => (t as Transport).abort(),
    connectionLost: () => {},
    dataReceived: () => {},
    eofReceived: () => false,
  });
  const dead = yield* loop.createServer(closesAtOnce, '127.0.0.1', 0);
  [reader, writer] = yield* openConnection(
    '127.0.0.1',
    (dead.sockets[0].getsockname() as [string, number])[1],
  );
  const eof = yield* reader.read();
  console.log(`reader sees the peer's close: b'${new TextDecoder().decode(eof)}'`);
  let rounds = 0;
  try {
    while (rounds < 10_000) {
      writer.write(new TextEncoder().encode('x'.repeat(100)));
      if (writer.isClosing()) {
        console.log(`closing after write ${rounds + 1}`);
        before = it;
        const lostBefore = reader.exception() !== null;
        try {
          yield* writer.drain();
        } finally {
          console.log(`  drain: ${it - before} iteration(s); lost when drain was called: ${py(lostBefore)}`);
        }
      } else {
        yield* writer.drain();
      }
      rounds += 1;
    }
    console.log('the loop ran all its rounds');
  } catch (e) {
    const name = (e as Error).name;
    if (name !== 'ConnectionResetError' && name !== 'BrokenPipeError') throw e;
    console.log('the loop ended: ConnectionResetError or BrokenPipeError');
  }
  console.log(`closing: ${py(writer.isClosing())}`);
  dead.close();
  server.close();
}

await run(main());
