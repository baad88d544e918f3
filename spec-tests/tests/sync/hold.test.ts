// spec-tests/tests/sync/hold.test.ts: PEP 3156 § Locks
// > Locks ... support the context management protocol ... (`with (yield from lock): ...`).
// In TypeScript: `lock.with(body)`, or `using _ = yield* lock.hold()` / `await using _ = await lock.hold()`.
import type { Coroutine } from 'pep3156/spec';
import { expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { errorName } from '../support/index.js';

section('sync', 'Locks', () => {
  statement(
    'sync.lock.scoped-release',
    'with() and hold() release the Lock, Semaphore or Condition when the block throws (generator coroutines)',
    async ({ api, run }) => {
      const got = await run(
        (function* (): Coroutine<unknown[]> {
          const lock = new api.Lock();
          const sem = new api.Semaphore(1);
          const cond = new api.Condition();
          const seen: unknown[] = [];
          for (const p of [lock, sem, cond]) {
            try {
              yield* p.with(function* (): Coroutine<void> {
                seen.push(p.locked());
                yield* api.sleep(0);
                throw new Error('boom');
              });
            } catch (e) {
              seen.push((e as Error).message, p.locked());
            }
            try {
              using _held = yield* p.hold();
              seen.push(p.locked());
              throw new Error('bang');
            } catch (e) {
              seen.push((e as Error).message, p.locked());
            }
          }
          return seen;
        })(),
      );
      const one = [true, 'boom', false, true, 'bang', false];
      expect(got).toEqual([...one, ...one, ...one]);
    },
  );

  statement(
    'sync.lock.scoped-release',
    'with() and hold() release the Lock when the block throws (async functions)',
    async ({ api, run }) => {
      const got = await run(async () => {
        const lock = new api.Lock();
        const seen: unknown[] = [];
        try {
          await lock.with(async () => {
            seen.push(lock.locked());
            await api.sleep(0);
            throw new Error('boom');
          });
        } catch (e) {
          seen.push(errorName(e), lock.locked());
        }
        try {
          await using _held = await lock.hold();
          seen.push(lock.locked());
          await api.sleep(0);
          throw new Error('bang');
        } catch (e) {
          seen.push(errorName(e), lock.locked());
        }
        return seen;
      });
      expect(got).toEqual([true, 'Error', false, true, 'Error', false]);
    },
    { features: ['async-functions'] },
  );

  statement(
    'sync.lock.scoped-release',
    'a task cancelled while waiting in hold() leaves the lock to the next waiter',
    async ({ loop, api, run }) => {
      const got = await run(
        (function* (): Coroutine<unknown[]> {
          const lock = new api.Lock();
          yield* lock.acquire();
          const a = loop.createTask(
            (function* (): Coroutine<string> {
              using _held = yield* lock.hold();
              return 'a';
            })(),
          );
          const b = loop.createTask(
            (function* (): Coroutine<string> {
              using _held = yield* lock.hold();
              return 'b';
            })(),
          );
          yield* api.sleep(0);
          lock.release();
          a.cancel();
          const r = yield* api.waitFor(b, 1);
          yield* api.sleep(0);
          return [r, a.cancelled(), lock.locked()];
        })(),
      );
      expect(got).toEqual(['b', true, false]);
    },
  );
});
