// The reference's subprocess transport beyond the suite: close() kills a running child and still
// ends with connectionLost(null); an exception in a protocol method goes to the exception handler.
import { expect, it } from 'vitest';
import { newEventLoop, type SubprocessTransport } from '../src/index.js';

function* until(done: () => boolean, loop: ReturnType<typeof newEventLoop>) {
  const deadline = loop.time() + 5;
  while (!done() && loop.time() < deadline) {
    const f = loop.createFuture<void>();
    loop.callLater(0.005, () => f.setResult(undefined));
    yield* f;
  }
}

it('close() kills a running child; connectionLost(null) still comes last, after processExited', async () => {
  const loop = newEventLoop();
  const events: string[] = [];
  const proto = {
    processExited: () => events.push('exited'),
    connectionLost: (exc: Error | null) => events.push(`lost:${String(exc)}`),
  };
  const code = await loop.runUntilComplete(
    loop.createTask(
      (function* () {
        const [t] = yield* loop.subprocessExec(() => proto, process.execPath, [
          '-e',
          'setTimeout(() => {}, 5000)',
        ]);
        t.close();
        const closing = t.isClosing();
        yield* until(() => events.includes('lost:null'), loop);
        return [closing, (t as SubprocessTransport).getReturncode()];
      })(),
    ),
  );
  loop.close();
  expect(code).toEqual([true, -9]);
  expect(events).toEqual(['exited', 'lost:null']);
});

it('an exception thrown by a protocol method goes to the exception handler, and the calls go on', async () => {
  const loop = newEventLoop();
  const seen: string[] = [];
  loop.setExceptionHandler((_l, ctx) => seen.push(String(ctx.message)));
  const events: string[] = [];
  const proto = {
    pipeDataReceived: () => {
      throw new Error('bad protocol');
    },
    connectionLost: () => events.push('lost'),
  };
  await loop.runUntilComplete(
    loop.createTask(
      (function* () {
        yield* loop.subprocessShell(() => proto, 'echo x');
        yield* until(() => events.includes('lost'), loop);
      })(),
    ),
  );
  loop.close();
  expect(seen).toEqual(['Exception in subprocess protocol.pipeDataReceived()']);
  expect(events).toEqual(['lost']);
});
