// spec-tests/tests/executor/run-in-executor.test.ts: PEP 3156 § Thread interaction
// > run_in_executor(executor, callback, *args). Arrange to call callback(*args) in an executor
// > ... Returns a Future whose result on success is the return value of that call. ... If executor
// > is None, a default ThreadPoolExecutor is used.
// > set_default_executor(executor). Set the default executor used by run_in_executor().
// JavaScript threads share no memory: functions must be self-contained (their source is sent).
import type { Executor } from 'pep3156/spec';
import { expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { errorName } from '../support/index.js';

section('executor', 'Thread interaction', () => {
  statement(
    'executor.run.result',
    'runInExecutor(null, fn, ...args) resolves with fn(...args) computed off the loop',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const a = loop.runInExecutor(null, (x: number, y: number) => x * y, 6, 7);
          const b = loop.runInExecutor(null, (s: string) => s.toUpperCase(), 'off');
          const c = loop.runInExecutor(null, async (n: number) => n + 1, 1);
          return [yield* a, yield* b, yield* c];
        })(),
      );
      expect(got).toEqual([42, 'OFF', 2]);
      await run(loop.shutdownDefaultExecutor());
    },
    { timeout: 10_000 },
  );

  statement(
    'executor.run.exception',
    'an exception thrown by fn fails the Future with an error of the same name and message',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          try {
            yield* loop.runInExecutor(null, () => {
              throw new RangeError('out of range');
            });
            return ['no error'];
          } catch (e) {
            return [errorName(e), (e as Error).message];
          }
        })(),
      );
      expect(got).toEqual(['RangeError', 'out of range']);
      await run(loop.shutdownDefaultExecutor());
    },
    { timeout: 10_000 },
  );

  statement(
    'executor.run.does-not-block',
    'the loop keeps running callbacks while a call runs in the executor',
    async ({ loop, api, run }) => {
      const got = await run(
        (function* () {
          let ticks = 0;
          const busy = loop.runInExecutor(
            null,
            (ms: number) => {
              const end = Date.now() + ms;
              while (Date.now() < end) {
                // spin in the worker, not on the loop
              }
              return 'done';
            },
            100,
          );
          while (!busy.done()) {
            ticks += 1;
            yield* api.sleep(0.005);
          }
          return [yield* busy, ticks > 3];
        })(),
      );
      expect(got).toEqual(['done', true]);
      await run(loop.shutdownDefaultExecutor());
    },
    { timeout: 10_000 },
  );

  statement(
    'executor.default.set',
    'setDefaultExecutor(executor) makes runInExecutor(null, …) use that executor',
    async ({ loop, run }) => {
      const calls: string[] = [];
      const inline: Executor = {
        submit<A extends unknown[], R>(fn: (...args: A) => R, ...args: A) {
          calls.push('submit');
          return Promise.resolve(fn(...args)) as Promise<Awaited<R>>;
        },
        shutdown() {
          calls.push('shutdown');
        },
      };
      loop.setDefaultExecutor(inline);
      const captured = 'closure';
      const got = await run(loop.runInExecutor(null, () => `${captured} ok`));
      await run(loop.shutdownDefaultExecutor());
      expect([got, calls]).toEqual(['closure ok', ['submit', 'shutdown']]);
    },
  );

  statement(
    'executor.default.shutdown',
    'after shutdownDefaultExecutor() completes, runInExecutor(null, …) throws RuntimeError',
    async ({ loop, run }) => {
      await run(loop.runInExecutor(null, () => 1));
      await run(loop.shutdownDefaultExecutor());
      let name = 'no error';
      try {
        loop.runInExecutor(null, () => 2);
      } catch (e) {
        name = errorName(e);
      }
      expect(name).toBe('RuntimeError');
    },
    { timeout: 10_000 },
  );

  statement(
    'executor.run.bad-input',
    'in debug mode, runInExecutor with something that is not a function throws TypeError',
    ({ loop }) => {
      loop.setDebug(true); // asyncio checks only in debug mode
      let name = 'no error';
      try {
        loop.runInExecutor(null, 42 as unknown as () => void);
      } catch (e) {
        name = errorName(e);
      }
      expect(name).toBe('TypeError');
    },
  );
});
