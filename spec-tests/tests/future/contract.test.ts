// spec-tests/tests/future/contract.test.ts: PEP 3156 § Futures
// > When a Future is garbage-collected, if it has an associated exception but neither result() nor
// > exception() has ever been called, the exception is logged.
// > cancel(). ... this attempts to cancel the Future and returns True.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Coroutine, ExceptionContext, Future } from 'pep3156/spec';
import { expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { errorName, misuse, thrown } from '../support/index.js';

/** A forced collection (G34: tested only with forced GC). */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

section('future', 'Futures', () => {
  statement(
    'future.errors.clear',
    'misusing a future throws an error of the class the spec names, with a message, and changes nothing',
    ({ loop }) => {
      const pending = loop.createFuture<number>();
      misuse(() => pending.result(), 'InvalidStateError');
      misuse(() => pending.exception(), 'InvalidStateError');
      misuse(() => pending.setException('not an error' as unknown as Error), 'TypeError');
      expect(pending.done(), 'none of that settled the future').toBe(false);
      pending.setResult(1);
      misuse(() => pending.setResult(2), 'InvalidStateError');
      misuse(() => pending.setException(new Error('late')), 'InvalidStateError');
      expect(pending.result()).toBe(1);
    },
  );

  statement(
    'future.cancel.message',
    'cancel(msg) puts msg in the CancelledError that result() and exception() throw; cancel() leaves it empty',
    ({ loop }) => {
      const withMessage = loop.createFuture<number>();
      expect(withMessage.cancel('shutting down')).toBe(true);
      expect((thrown(() => withMessage.result()) as Error).message).toBe('shutting down');
      expect((thrown(() => withMessage.exception()) as Error).message).toBe('shutting down');
      const plain = loop.createFuture<number>();
      plain.cancel();
      const error = thrown(() => plain.result()) as Error;
      expect(errorName(error)).toBe('CancelledError');
      expect(error.message).toBe('');
    },
  );

  statement(
    'future.await.done-at-once',
    'awaiting a future that is already done needs no loop iteration: it settles with the loop stopped',
    async ({ loop }) => {
      const done = loop.createFuture<string>();
      done.setResult('ready');
      const failed = loop.createFuture<string>();
      const boom = new URIError('boom');
      failed.setException(boom);
      expect(loop.isRunning()).toBe(false);
      expect(await done).toBe('ready');
      await expect(Promise.resolve(failed)).rejects.toBe(boom);
    },
  );

  statement(
    'future.await.outside-task',
    'a pending future can be awaited from async code that is not a task; it settles when the future does',
    async ({ loop }) => {
      const f = loop.createFuture<number>();
      const plain = (async () => (await f) * 2)();
      loop.callSoon(() => f.setResult(21));
      await loop.runUntilComplete(f);
      expect(await plain).toBe(42);
    },
  );

  statement(
    'future.yield-star.protocol',
    'the iterator behind yield* future follows the iterator protocol: resumed early it throws InvalidStateError',
    async ({ loop }) => {
      const f = loop.createFuture<string>();
      const it = f[Symbol.iterator]();
      expect(it[Symbol.iterator](), 'an iterator is its own iterable').toBe(it);
      const first = it.next();
      expect(first.done).toBe(false);
      expect(first.value, 'it yields the future itself to the task').toBe(f);
      misuse(() => it.next(), 'InvalidStateError');
      f.setResult('now');
      expect(it.next()).toEqual({ done: true, value: 'now' });

      // Closing a generator suspended in `yield* future` (gen.return) ends it at once.
      const g = loop.createFuture<string>();
      function* waits(): Coroutine<string> {
        return yield* g;
      }
      const gen = waits();
      expect(gen.next().done).toBe(false);
      expect(gen.return('closed')).toEqual({ done: true, value: 'closed' });
      expect(g.done(), 'closing the generator does not settle the future').toBe(false);
    },
  );

  statement(
    'future.unretrieved.reported',
    'an exception nobody retrieved is reported to the exception handler once its future is collected',
    async ({ loop }) => {
      const seen: ExceptionContext[] = [];
      loop.setExceptionHandler((_l, context) => {
        seen.push(context);
      });
      loop.setDebug(true);
      (() => {
        const retrieved: Future<number> = loop.createFuture<number>();
        retrieved.setException(new Error('looked at'));
        retrieved.exception();
        const viaResult: Future<number> = loop.createFuture<number>();
        viaResult.setException(new Error('looked at through result()'));
        thrown(() => viaResult.result());
        const forgotten: Future<number> = loop.createFuture<number>();
        forgotten.setException(new RangeError('never looked at'));
      })();
      // Finalizers run some time after a collection: a bounded number of turns, then the verdict.
      for (let i = 0; i < 50 && seen.length === 0; i++) {
        collectGarbage();
        await new Promise((r) => setTimeout(r, 5));
      }
      expect(seen.map((c) => (c.exception as Error).message)).toEqual(['never looked at']);
      expect(seen[0]?.message, 'the context says what happened').toMatch(/never retrieved/i);
      expect(typeof seen[0]?.sourceTraceback, 'in debug mode: where the future was created').toBe('string');
    },
  );
});
