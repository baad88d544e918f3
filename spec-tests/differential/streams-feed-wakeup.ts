// Twin of streams-feed-wakeup.py: the same trace, line for line.
import {
  CancelledError,
  type Coroutine,
  createTask,
  getRunningLoop,
  run,
  StreamReader,
  sleep,
  ValueError,
} from 'pep3156';

const enc = (s: string) => new TextEncoder().encode(s);
/** Python's repr of the text of `data` (ASCII only). */
const show = (data: Uint8Array) =>
  `'${new TextDecoder().decode(data).replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/'/g, "\\'")}'`;

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  let it = 0;
  const tick = (): void => {
    it += 1;
    if (it < 200) loop.callSoon(tick);
  };
  loop.callSoon(tick);

  function* waiter(name: string, read: () => Iterable<unknown>): Coroutine<void> {
    console.log(`${it}: ${name} waits`);
    try {
      const got = (yield* read() as Coroutine<Uint8Array>) as Uint8Array;
      console.log(`${it}: ${name} got ${show(got)}`);
    } catch (e) {
      if (e instanceof CancelledError) throw e;
      console.log(`${it}: ${name} raised ${(e as Error).name}`);
    }
  }

  // fed by the main task, twice in one iteration
  const r1 = new StreamReader({ loop });
  let t = createTask(waiter('read(10)', () => r1.read(10)));
  yield* sleep(0);
  console.log(`${it}: main feeds ab, cd`);
  r1.feedData(enc('ab'));
  r1.feedData(enc('cd'));
  yield* t;

  // fed by a callback
  const r2 = new StreamReader({ loop });
  t = createTask(waiter('readline', () => r2.readline()));
  yield* sleep(0);
  console.log(`${it}: main schedules feed of x\\n`);
  loop.callSoon(() => r2.feedData(enc('x\n')));
  yield* t;

  // readexactly across chunks fed one iteration apart
  const r3 = new StreamReader({ loop });
  t = createTask(waiter('readexactly(6)', () => r3.readexactly(6)));
  yield* sleep(0);
  for (const chunk of ['12', '34', '56']) {
    console.log(`${it}: main feeds ${show(enc(chunk))}`);
    r3.feedData(enc(chunk));
    yield* sleep(0);
  }
  yield* t;

  // readuntil across chunks, separator split
  const r4 = new StreamReader({ loop });
  t = createTask(waiter('readuntil(END)', () => r4.readuntil('END')));
  yield* sleep(0);
  for (const chunk of ['aE', 'N', 'Dz']) {
    console.log(`${it}: main feeds ${show(enc(chunk))}`);
    r4.feedData(enc(chunk));
    yield* sleep(0);
  }
  yield* t;

  // feed_eof wakes a waiting read
  const r5 = new StreamReader({ loop });
  r5.feedData(enc('tail'));
  t = createTask(waiter('read()', () => r5.read()));
  yield* sleep(0);
  console.log(`${it}: main feeds eof`);
  r5.feedEof();
  yield* t;

  // set_exception wakes a waiting read
  const r6 = new StreamReader({ loop });
  t = createTask(waiter('read(1)', () => r6.read(1)));
  yield* sleep(0);
  console.log(`${it}: main sets ValueError`);
  r6.setException(new ValueError('boom'));
  yield* t;

  // data fed, then the waiting task cancelled before it resumes: the data stays
  const r7 = new StreamReader({ loop });
  t = createTask(waiter('read(5) cancelled', () => r7.read(5)));
  yield* sleep(0);
  console.log(`${it}: main feeds kept, cancels`);
  r7.feedData(enc('kept'));
  t.cancel();
  try {
    yield* t;
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    console.log(`${it}: task cancelled=${t.cancelled() ? 'True' : 'False'}`);
  }
  console.log(`${it}: next read(5) got ${show(yield* r7.read(5))}`);
}

await run(main());
