// spec-tests/tests/scheduler/outcomes.test.ts: PEP 3156 § Waiting for Multiple Coroutines
// > shield(f): Wait for a Future, shielding it from cancellation.
// > wait_for(f, timeout): Wait for a single Future or coroutine to complete, with timeout.
// > as_completed(fs, timeout=None): Returns an iterator whose values are coroutines or Futures;
// > waiting for successive values waits until the next Future or coroutine from the set completes,
// > and returns its result (or raises its exception).
// The helpers pass a failure through as they pass a result: the same exception object.
import type { Coroutine } from 'pep3156/spec';
import { expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { rejection } from '../support/index.js';

section('scheduler', 'Waiting for Multiple Coroutines', () => {
  statement(
    'scheduler.outcome.exception-passes',
    'shield, waitFor and asCompleted settle with the very exception their future failed with',
    async ({ loop, api }) => {
      const failing = (error: Error) => {
        const f = loop.createFuture<number>();
        loop.callSoon(() => f.setException(error));
        return f;
      };
      const viaShield = new TypeError('through shield');
      const viaWaitFor = new RangeError('through waitFor');
      const viaAsCompleted = new SyntaxError('through asCompleted');
      function* shielded(): Coroutine<number> {
        return yield* api.shield(failing(viaShield), { loop });
      }
      function* waited(): Coroutine<number> {
        return yield* api.waitFor(failing(viaWaitFor), 5, { loop });
      }
      function* completed(): Coroutine<number> {
        let last = 0;
        for (const next of api.asCompleted([failing(viaAsCompleted)], { loop })) last = yield* next;
        return last;
      }
      expect(await rejection(loop.runUntilComplete(shielded()))).toBe(viaShield);
      expect(await rejection(loop.runUntilComplete(waited()))).toBe(viaWaitFor);
      expect(await rejection(loop.runUntilComplete(completed()))).toBe(viaAsCompleted);
    },
  );

  statement(
    'scheduler.outcome.result-passes',
    'shield, waitFor and asCompleted give the result of a future that finishes later',
    async ({ loop, api }) => {
      const later = <T>(value: T) => {
        const f = loop.createFuture<T>();
        loop.callLater(0.001, () => f.setResult(value));
        return f;
      };
      function* all(): Coroutine<unknown[]> {
        const a = yield* api.shield(later('shielded'), { loop });
        const b = yield* api.waitFor(later('waited'), 5, { loop });
        const c: string[] = [];
        for (const next of api.asCompleted([later('x'), later('y')], { loop })) c.push(yield* next);
        return [a, b, c.sort()];
      }
      expect(await loop.runUntilComplete(all())).toEqual(['shielded', 'waited', ['x', 'y']]);
    },
  );
});
