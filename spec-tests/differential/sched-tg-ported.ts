// Twin of sched-tg-ported.py: the same trace, line for line.
import {
  CancelledError,
  type Coroutine,
  ensureFuture,
  type Future,
  getRunningLoop,
  run,
  sleep,
  taskGroup,
} from 'pep3156';

class ValueError extends Error {
  override name = 'ValueError';
}
class ZeroDivisionError extends Error {
  override name = 'ZeroDivisionError';
}
class MyExc extends Error {
  override name = 'MyExc';
}

function shape(e: unknown): string {
  if (e instanceof AggregateError) return `group(${e.errors.map(shape).sort().join(', ')})`;
  return (e as Error).name;
}

function* outcome(f: Future<unknown>): Coroutine<string> {
  try {
    yield* f;
    return 'no error';
  } catch (e) {
    return shape(e);
  }
}

function* main(): Coroutine<void> {
  function* crashAfter(t: number): Coroutine<never> {
    yield* sleep(t);
    throw new ValueError(String(t));
  }
  function* t13(): Coroutine<void> {
    yield* taskGroup(function* (g1) {
      g1.createTask(crashAfter(0.01));
      yield* taskGroup(function* (g2) {
        g2.createTask(crashAfter(10));
      });
    });
  }
  console.log(`13 outer child fails first: ${yield* outcome(ensureFuture(t13()))}`);
  function* t14(): Coroutine<void> {
    yield* taskGroup(function* (g1) {
      g1.createTask(crashAfter(10));
      yield* taskGroup(function* (g2) {
        g2.createTask(crashAfter(0.01));
      });
    });
  }
  console.log(`14 inner child fails first: ${yield* outcome(ensureFuture(t14()))}`);
  function* crashSoon(): Coroutine<never> {
    yield* sleep(0.02);
    throw new ZeroDivisionError('division by zero');
  }
  function* crashWhen(gate: Future<void>): Coroutine<never> {
    yield* gate;
    throw new ZeroDivisionError('division by zero');
  }
  function* t15(): Coroutine<void> {
    // The child fails while the cancelled body waits: the body releases it, then waits until the
    // group cancels it for that failure (no timer decides which comes first).
    const gate = getRunningLoop().createFuture<void>();
    yield* taskGroup(function* (g1) {
      g1.createTask(crashWhen(gate));
      try {
        yield* sleep(10);
      } catch (e) {
        if (e instanceof CancelledError) {
          gate.setResult(undefined);
          yield* sleep(10);
        }
        throw e;
      }
    });
  }
  let r = ensureFuture(t15());
  yield* sleep(0.01);
  r.cancel();
  console.log(`15 cancelled body waits, child fails meanwhile: ${yield* outcome(r)}`);
  function* t16(): Coroutine<void> {
    yield* ensureFuture(t15());
  }
  r = ensureFuture(t16());
  yield* sleep(0.01);
  r.cancel();
  console.log(`16 the same one task further: ${yield* outcome(r)}`);
  let num = 0;
  function* t17(): Coroutine<void> {
    yield* taskGroup(function* () {
      try {
        yield* sleep(10);
      } catch (e) {
        if (e instanceof CancelledError) num += 10;
        throw e;
      }
    });
  }
  r = ensureFuture(t17());
  yield* sleep(0.01);
  r.cancel();
  console.log(`17 empty group cancelled: ${yield* outcome(r)}, num ${num}`);
  function* t18(): Coroutine<void> {
    yield* taskGroup(function* () {
      try {
        yield* sleep(10);
      } catch (e) {
        if (!(e instanceof CancelledError)) throw e;
        num += 10;
        throw new MyExc();
      }
    });
  }
  r = ensureFuture(t18());
  yield* sleep(0.01);
  r.cancel();
  console.log(`18 cancellation turned into MyExc: ${yield* outcome(r)}, num ${num}`);
  function* nested(): Coroutine<void> {
    try {
      yield* sleep(10);
    } finally {
      // biome-ignore lint/correctness/noUnsafeFinally: as the Python scenario
      throw new MyExc();
    }
  }
  function* t19(): Coroutine<void> {
    yield* taskGroup(function* (g) {
      g.createTask(crashSoon());
      yield* nested();
    });
  }
  console.log(`19 body error beside a child's: ${yield* outcome(ensureFuture(t19()))}`);
}

await run(main());
