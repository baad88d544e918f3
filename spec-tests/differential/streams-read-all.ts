// Twin of streams-read-all.py: the same trace, line for line.
import {
  type Coroutine,
  createTask,
  getRunningLoop,
  run,
  StreamReader,
  sleep,
  type Transport,
} from 'pep3156';

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  let it = 0;
  const tick = (): void => {
    it += 1;
    if (it < 100) loop.callSoon(tick);
  };
  loop.callSoon(tick);

  const transport = (): Transport =>
    ({
      pauseReading: () => console.log(`${it}: transport pause_reading`),
      resumeReading: () => console.log(`${it}: transport resume_reading`),
    }) as unknown as Transport;

  function* readAll(name: string, r: StreamReader): Coroutine<void> {
    console.log(`${it}: ${name} starts`);
    const data = yield* r.read();
    console.log(`${it}: ${name} got ${data.length} bytes`);
  }

  let r = new StreamReader({ loop, limit: 4 });
  r.setTransport(transport());
  const task = createTask(readAll('read() fed by chunks', r));
  yield* sleep(0);
  for (const size of [3, 7, 12]) {
    console.log(`${it}: feeding ${size}`);
    r.feedData(new Uint8Array(size));
    yield* sleep(0);
  }
  console.log(`${it}: feeding eof`);
  r.feedEof();
  yield* task;

  r = new StreamReader({ loop, limit: 4 });
  r.setTransport(transport());
  r.feedData(new Uint8Array(20));
  console.log(`${it}: fed 20`);
  r.feedEof();
  yield* readAll('read() of a full buffer', r);

  const later = new StreamReader({ loop, limit: 4 });
  later.setTransport(transport());
  later.feedData(new Uint8Array(20));
  console.log(`${it}: fed 20, eof comes later`);
  loop.callSoon(() => later.feedEof());
  yield* readAll('read() of a full buffer, eof later', later);
}

await run(main());
