// Twin of sched-timeout-states.py: the same trace, line for line.
import { type Coroutine, getRunningLoop, run, sleep, TimeoutError, timeout } from 'pep3156';

const py = (b: boolean): string => (b ? 'True' : 'False');
const isRuntimeError = (e: unknown): boolean => (e as Error).name === 'RuntimeError';

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  const cm = timeout(null);
  try {
    cm.reschedule(loop.time() + 1);
  } catch (e) {
    if (isRuntimeError(e)) console.log('reschedule before entry: RuntimeError');
  }
  yield* cm.run(function* () {
    console.log(`inside: expired ${py(cm.expired())}, when ${cm.when() ?? 'None'}`);
    try {
      yield* cm.run(function* () {});
    } catch (e) {
      if (isRuntimeError(e)) console.log('enter twice: RuntimeError');
    }
  });
  try {
    cm.reschedule(null);
  } catch (e) {
    if (isRuntimeError(e)) console.log('reschedule after exit: RuntimeError');
  }
  const cm2 = timeout(0);
  try {
    yield* cm2.run(function* () {
      yield* sleep(1);
    });
  } catch (e) {
    if (e instanceof TimeoutError) console.log(`timeout(0): TimeoutError, expired ${py(cm2.expired())}`);
  }
  try {
    cm2.reschedule(null);
  } catch (e) {
    if (isRuntimeError(e)) console.log('reschedule after expiry: RuntimeError');
  }
}

await run(main());
