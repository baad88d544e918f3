// Twin of streams-drain-loopback.py: the same trace, line for line.
import {
  type Coroutine,
  Event,
  gather,
  getRunningLoop,
  openConnection,
  run,
  type StreamReader,
  type StreamWriter,
  sleep,
  startServer,
} from 'pep3156';

const TOTAL = 32 * 1024 * 1024;
const py = (b: boolean) => (b ? 'True' : 'False');

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  let it = 0;
  const tick = (): void => {
    it += 1;
    loop.callSoon(tick);
  };
  loop.callSoon(tick);
  const go = new Event();
  const served = loop.createFuture<number>();
  const finished = loop.createFuture<number>();

  function* handle(reader: StreamReader, writer: StreamWriter): Coroutine<void> {
    yield* go.wait();
    let n = 0;
    while (n < TOTAL) {
      const chunk = yield* reader.read(1 << 20);
      if (chunk.length === 0) break;
      n += chunk.length;
    }
    served.setResult(n);
    const rest = yield* reader.read();
    finished.setResult(rest.length);
    writer.close();
  }

  const server = yield* startServer(handle, '127.0.0.1', 0);
  const [, port] = server.sockets[0].getsockname() as [string, number];
  const [reader, writer] = yield* openConnection('127.0.0.1', port);
  const protocol = writer.transport.getProtocol() as unknown as Record<string, () => void>;
  for (const name of ['pauseWriting', 'resumeWriting']) {
    const original = (protocol[name] as () => void).bind(protocol);
    const pyName = name === 'pauseWriting' ? 'pause_writing' : 'resume_writing';
    protocol[name] = () => {
      console.log(`client protocol: ${pyName}`);
      original();
    };
  }
  writer.transport.setWriteBufferLimits(16 * 1024, 4 * 1024);
  const [low, high] = writer.transport.getWriteBufferLimits();
  console.log(`write buffer limits: (${low}, ${high})`);

  const before = it;
  yield* writer.drain();
  console.log(`drain with nothing buffered: ${it - before} iterations`);

  writer.write(new Uint8Array(TOTAL));
  console.log(`buffered above the high mark: ${py(writer.transport.getWriteBufferSize() > 16 * 1024)}`);
  const drains = [0, 1, 2].map((i) => {
    const d = writer.drain();
    d.addDoneCallback((f) =>
      console.log(`drain ${i} done: ${f.exception() === null ? 'None' : f.exception()?.name}`),
    );
    return d;
  });
  yield* sleep(0.05);
  console.log(
    `drains pending while the peer does not read: [${drains.map((d) => py(!d.done())).join(', ')}]`,
  );
  go.set();
  yield* gather(...drains);
  console.log(`buffer at or below the low mark: ${py(writer.transport.getWriteBufferSize() <= 4 * 1024)}`);
  console.log(`server got everything: ${py((yield* served) === TOTAL)}`);

  writer.close();
  try {
    yield* writer.drain();
    console.log('drain after close: returned');
  } catch (e) {
    console.log(`drain after close: ${(e as Error).name}`);
  }
  yield* writer.waitClosed();
  console.log(`reader at eof after wait_closed: ${py(reader.atEof())}`);
  console.log(`server then read eof with ${yield* finished} more bytes`);
  server.close();
  yield* server.waitClosed();
  yield* sleep(0);
}

await run(main());
