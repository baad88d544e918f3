// spec-tests/tests/sync/event.test.ts: PEP 3156 § Locks
// > Event ... clear() resets the internal flag to false. Subsequently, coroutines calling wait()
// > will block until set() is called to set the internal flag to true again.
import type { Coroutine } from 'pep3156/spec';
import { expect } from 'vitest';
import { section, statement } from '../../src/harness.js';

section('sync', 'Locks', () => {
  statement(
    'sync.event.clear',
    'after Event.clear(), wait() blocks again until the next set()',
    async ({ loop, api, run }) => {
      const got = await run(
        (function* (): Coroutine<unknown[]> {
          const ev = new api.Event();
          ev.set();
          ev.clear();
          const w = loop.createTask(
            (function* (): Coroutine<boolean> {
              return yield* ev.wait();
            })(),
          );
          yield* api.sleep(0.001);
          const before = w.done();
          ev.set();
          const r = yield* api.waitFor(w, 1);
          return [before, r, ev.isSet()];
        })(),
      );
      expect(got).toEqual([false, true, true]);
    },
  );
});
