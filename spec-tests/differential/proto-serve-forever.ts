// Twin of proto-serve-forever.py: the same trace, line for line.
import { CancelledError, type Coroutine, ensureFuture, getRunningLoop, Protocol, run, sleep } from 'pep3156';

const py = (b: boolean): string => (b ? 'True' : 'False');
let it = 0;

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  const tick = (): void => {
    it += 1;
    loop.callSoon(tick);
  };
  loop.callSoon(tick);
  const server = yield* loop.createServer(() => new Protocol(), '127.0.0.1', 0, { startServing: false });
  console.log('before: is_serving', py(server.isServing()));
  const forever = ensureFuture(server.serveForever());
  yield* sleep(0);
  yield* sleep(0);
  console.log('serve_forever running: is_serving', py(server.isServing()), '| done', py(forever.done()));
  try {
    yield* server.serveForever();
  } catch (error) {
    console.log(`second serve_forever: ${(error as Error).name}`);
  }
  const at = it;
  server.close();
  console.log('after close: is_serving', py(server.isServing()), '| done', py(forever.done()));
  try {
    yield* forever;
    console.log('serve_forever returned');
  } catch (error) {
    if (!(error instanceof CancelledError)) throw error;
    console.log('serve_forever: CancelledError, iterations after close:', it - at);
  }
  console.log('cancelled:', py(forever.cancelled()));
  try {
    yield* server.serveForever();
    console.log('serve_forever on a closed server: completed');
  } catch (error) {
    console.log(`serve_forever on a closed server: ${(error as Error).name}`);
  }
  yield* server.waitClosed();
  console.log('wait_closed done');
}

await run(main());
