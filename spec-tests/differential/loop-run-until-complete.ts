// Twin of loop-run-until-complete.py: the same trace, line for line.
import { type Coroutine, newEventLoop, sleep } from 'pep3156';

const loop = newEventLoop();
const other = newEventLoop();
const py = (b: boolean): string => (b ? 'True' : 'False');
const repr = (v: unknown): string => (typeof v === 'string' ? `'${v}'` : String(v));

async function show(label: string, fn: () => Promise<unknown>, running?: () => boolean): Promise<void> {
  try {
    const value = await fn();
    console.log(`${label}: ${repr(value)} running=${py(running ? running() : loop.isRunning())}`);
  } catch (error) {
    console.log(`${label}: ${(error as Error).name} running=${py(running ? running() : loop.isRunning())}`);
  }
}

function* coro(): Coroutine<string> {
  yield* sleep(0);
  return 'from coro';
}
class KeyError extends Error {
  override name = 'KeyError';
}
function* failing(): Coroutine<string> {
  yield* sleep(0);
  throw new KeyError('k');
}

await show('coroutine', () => loop.runUntilComplete(coro()));
await show('failing coroutine', () => loop.runUntilComplete(failing()));
const f = loop.createFuture<number>();
loop.callSoon(() => f.setResult(3));
await show('future', () => loop.runUntilComplete(f));
const pending = loop.createFuture<string>();
loop.callSoon(() => loop.stop());
await show('stopped first', () => loop.runUntilComplete(pending));
const ran: string[] = [];
loop.callSoon(() => pending.setResult('late'));
loop.callSoon(() => loop.callSoon(() => ran.push('after pending')));
loop.callSoon(() => loop.callSoon(() => loop.callSoon(() => loop.stop())));
await loop.runForever();
console.log(`later run went on: [${ran.map(repr).join(', ')}]`);
await show('foreign future', () => loop.runUntilComplete(other.createFuture()));

let nestedDone: Promise<void> = Promise.resolve();
loop.callSoon(() => {
  const running = loop.isRunning();
  nestedDone = show(
    'nested run_until_complete',
    () => loop.runUntilComplete(loop.createFuture()),
    () => running,
  );
  loop.stop();
});
await loop.runForever();
await nestedDone;
loop.close();
await show('closed loop', () => loop.runUntilComplete(other.createFuture()));
other.close();
