// spec-tests/tests/future/callbacks.test.ts: PEP 3156 § Futures
// > add_done_callback(fn). Add a callback to be run when the Future becomes done (or is cancelled).
// > If the Future is already done (or cancelled), schedules the callback to using call_soon().
// > Difference with PEP 3148: The callback is never called immediately, and always in the context of
// > the caller -- typically this is a thread.
import { expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { runFor } from '../support/index.js';

section('future', 'Futures', () => {
  statement(
    'future.callbacks.never-sync',
    'done callbacks are never called synchronously, even on a done future',
    async ({ loop }) => {
      const calls: unknown[][] = [];
      const f = loop.createFuture<number>();
      f.addDoneCallback((...args: unknown[]) => calls.push(args));
      f.setResult(1);
      expect(calls, 'not called inside setResult').toEqual([]);
      f.addDoneCallback((...args: unknown[]) => calls.push(args));
      expect(calls, 'not called inside addDoneCallback').toEqual([]);
      await runFor(loop, 0.005);
      expect(calls, 'each called once with exactly the future').toEqual([[f], [f]]);
    },
  );

  statement('future.callbacks.order', 'done callbacks run in the order they were added', async ({ loop }) => {
    const order: number[] = [];
    const f = loop.createFuture<void>();
    for (let i = 0; i < 10; i++) f.addDoneCallback(() => order.push(i));
    loop.callSoon(() => f.setResult(undefined));
    await runFor(loop, 0.005);
    expect(order, 'registration order').toEqual([...Array(10).keys()]);
  });

  statement(
    'future.callbacks.on-cancel',
    'done callbacks also run when the future is cancelled',
    async ({ loop }) => {
      let seen: boolean | null = null;
      const f = loop.createFuture<void>();
      f.addDoneCallback((fut) => {
        seen = fut.cancelled();
      });
      f.cancel();
      await runFor(loop, 0.005);
      expect(seen).toBe(true);
    },
  );

  statement(
    'future.callbacks.scheduled-at-settle',
    'done callbacks are queued with callSoon when the future is settled (or, on a done future, when added)',
    async ({ loop }) => {
      const order: string[] = [];
      const f = loop.createFuture<number>();
      f.addDoneCallback(() => order.push('done callback 1'));
      f.addDoneCallback(() => order.push('done callback 2'));
      loop.callSoon(() => {
        loop.callSoon(() => order.push('callSoon before setResult'));
        f.setResult(1);
        loop.callSoon(() => order.push('callSoon after setResult'));
        f.addDoneCallback(() => order.push('added once done'));
        loop.callSoon(() => order.push('callSoon after that'));
      });
      await runFor(loop, 0.005);
      expect(order, 'each in the queue where it was scheduled').toEqual([
        'callSoon before setResult',
        'done callback 1',
        'done callback 2',
        'callSoon after setResult',
        'added once done',
        'callSoon after that',
      ]);
    },
  );

  statement(
    'future.remove-done-callback.count',
    'removeDoneCallback removes every registration of fn and returns how many',
    async ({ loop }) => {
      const ran: string[] = [];
      const f = loop.createFuture<void>();
      const a = () => ran.push('a');
      const b = () => ran.push('b');
      f.addDoneCallback(a);
      f.addDoneCallback(b);
      f.addDoneCallback(a);
      expect(f.removeDoneCallback(a)).toBe(2);
      expect(f.removeDoneCallback(a)).toBe(0);
      f.setResult(undefined);
      await runFor(loop, 0.005);
      expect(ran).toEqual(['b']);
    },
  );
});
