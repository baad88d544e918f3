// Twin of streams-reader-pause-resume.py: the same trace, line for line.
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

  const transport = {
    pauseReading: () => console.log(`${it}: transport pause_reading`),
    resumeReading: () => console.log(`${it}: transport resume_reading`),
  } as unknown as Transport;

  const r = new StreamReader({ loop, limit: 4 });
  r.setTransport(transport);
  for (const chunk of ['1234', '5678', '9', 'abc']) {
    r.feedData(new TextEncoder().encode(chunk));
    console.log(`${it}: fed ${chunk.length}`);
  }
  for (const n of [3, 4, 1, 1, 10]) {
    const got = yield* r.read(n);
    console.log(`${it}: read(${n}) got ${got.length}`);
  }

  function* longRead(): Coroutine<void> {
    console.log(`${it}: readexactly(20) waits`);
    const got = yield* r.readexactly(20);
    console.log(`${it}: readexactly(20) got ${got.length}`);
  }

  r.feedData(new TextEncoder().encode('0123456789'));
  console.log(`${it}: fed 10`);
  let task = createTask(longRead());
  yield* sleep(0);
  for (const size of [4, 6]) {
    console.log(`${it}: feeding ${size}`);
    r.feedData(new Uint8Array(size));
    yield* sleep(0);
  }
  yield* task;

  function* lineRead(): Coroutine<void> {
    console.log(`${it}: readline waits`);
    const got = yield* r.readline();
    console.log(`${it}: readline got ${got.length}`);
  }

  task = createTask(lineRead());
  yield* sleep(0);
  console.log(`${it}: feeding 12 without a newline, then 1 with`);
  r.feedData(new TextEncoder().encode('abcdefghijkl'));
  yield* sleep(0);
  r.feedData(new TextEncoder().encode('\n'));
  try {
    yield* task;
  } catch (e) {
    if ((e as Error).name !== 'ValueError') throw e;
    console.log(`${it}: readline raised ValueError`);
  }
  r.feedEof();
  console.log(`${it}: left after eof: ${(yield* r.read()).length}`);
}

await run(main());
