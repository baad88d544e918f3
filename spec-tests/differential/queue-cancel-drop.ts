// Twin of queue-cancel-drop.py: the same trace, line for line.
import { CancelledError, type Coroutine, getRunningLoop, Queue, run, sleep } from 'pep3156';

const py = (b: boolean): string => (b ? 'True' : 'False');

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  let it = 0;
  const tick = (): void => {
    it += 1;
    if (it < 40) loop.callSoon(tick);
  };
  loop.callSoon(tick);
  const get = <T>(q: Queue<T>) =>
    loop.createTask(
      (function* (): Coroutine<T> {
        return yield* q.get();
      })(),
    );
  const put = <T>(q: Queue<T>, item: T) =>
    loop.createTask(
      (function* (): Coroutine<void> {
        yield* q.put(item);
      })(),
    );

  let q = new Queue<number>();
  let reader = get(q);
  yield* sleep(0);
  q.putNowait(1);
  q.putNowait(2);
  reader.cancel();
  try {
    yield* reader;
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    console.log(`${it}: reader cancelled, qsize=${q.qsize()}`);
    reader = get(q);
    console.log(`${it}: retry got ${yield* reader}`);
  }

  q = new Queue<number>(1);
  q.putNowait(1);
  let writer = put(q, 2);
  yield* sleep(0);
  console.log(`${it}: got ${q.getNowait()}`);
  writer.cancel();
  try {
    yield* writer;
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    console.log(`${it}: writer cancelled, qsize=${q.qsize()}`);
    writer = put(q, 2);
    yield* writer;
  }
  console.log(`${it}: got ${q.getNowait()}, qsize=${q.qsize()}`);

  const s = new Queue<string>(1);
  const putA = put(s, 'a');
  const putB = put(s, 'b');
  const putC = put(s, 'X');
  yield* sleep(0);
  console.log(`${it}: a done=${py(putA.done())}, b done=${py(putB.done())}`);
  putC.cancel();
  yield* sleep(0);
  console.log(`${it}: c done=${py(putC.done())}, got ${s.getNowait()}`);
  yield* sleep(0);
  console.log(`${it}: got ${s.getNowait()}`);
  yield* putB;
  console.log(`${it}: b done, qsize=${s.qsize()}`);
}

await run(main());
