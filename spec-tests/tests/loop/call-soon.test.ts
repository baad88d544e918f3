// spec-tests/tests/loop/call-soon.test.ts: PEP 3156 § Basic Callbacks
// > call_soon(callback, *args). This schedules a callback to be called as soon as possible.
// > ... callbacks are called in the order in which they were registered.
import type { Handle, TimerHandle } from 'pep3156/spec';
import { expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { errorName, runFor, thrown } from '../support/index.js';

section('loop', 'Basic Callbacks', () => {
  statement(
    'loop.call-soon.fifo',
    'callSoon callbacks run in the order they were scheduled',
    async ({ loop }) => {
      const order: number[] = [];
      for (let i = 0; i < 20; i++) loop.callSoon(() => order.push(i));
      loop.callSoon(() => loop.stop());
      await loop.runForever();
      expect(order, 'callbacks ran in scheduling order').toEqual([...Array(20).keys()]);
    },
  );

  statement('loop.call-soon.args', 'callSoon passes its extra arguments positionally', async ({ loop }) => {
    const seen: unknown[][] = [];
    loop.callSoon((a: number, b: string) => seen.push([a, b]), 1, 'two');
    loop.callSoon(() => loop.stop());
    await loop.runForever();
    expect(seen).toEqual([[1, 'two']]);
  });

  statement(
    'loop.call-soon.returns-handle',
    'callSoon returns a Handle whose cancel() stops the call',
    async ({ loop }) => {
      const ran: string[] = [];
      const handle = loop.callSoon(() => ran.push('cancelled one'));
      loop.callSoon(() => ran.push('kept'));
      expect(typeof handle.cancel).toBe('function');
      handle.cancel();
      expect(handle.cancelled()).toBe(true);
      handle.cancel(); // idempotent
      loop.callSoon(() => loop.stop());
      await loop.runForever();
      expect(ran, 'a cancelled handle never runs').toEqual(['kept']);
    },
  );

  statement(
    'loop.handle.cancel-in-iteration',
    'a callback or due timer cancelled by an earlier callback of the same iteration does not run',
    async ({ loop }) => {
      const ran: string[] = [];
      let second: Handle | null = null;
      loop.callSoon(() => {
        ran.push('first');
        second?.cancel();
      });
      second = loop.callSoon(() => ran.push('second, cancelled by first'));
      await runFor(loop, 0.005);
      expect(ran, 'callSoon').toEqual(['first']);

      // Two timers due in the same iteration: whichever runs first cancels the other.
      const timers: TimerHandle[] = [];
      const fired: number[] = [];
      const when = loop.time() + 0.002;
      for (const i of [0, 1]) {
        timers.push(
          loop.callAt(when, () => {
            fired.push(i);
            timers[1 - i].cancel();
          }),
        );
      }
      await runFor(loop, 0.01);
      expect(fired, 'due timers').toHaveLength(1);
    },
  );

  statement(
    'loop.call-soon.next-iteration',
    'a callback scheduled by a callback runs after those already scheduled',
    async ({ loop }) => {
      const order: string[] = [];
      loop.callSoon(() => {
        order.push('a');
        loop.callSoon(() => order.push('c (scheduled by a)'));
      });
      loop.callSoon(() => order.push('b'));
      await runFor(loop, 0.01);
      expect(order, 'c waits for b, which was scheduled before it').toEqual(['a', 'b', 'c (scheduled by a)']);
    },
  );

  statement(
    'loop.callbacks.serialized',
    'callbacks run one at a time: none starts inside another',
    async ({ loop }) => {
      let depth = 0;
      let maxDepth = 0;
      const body = () => {
        depth += 1;
        maxDepth = Math.max(maxDepth, depth);
        loop.callSoon(() => {
          depth += 1;
          maxDepth = Math.max(maxDepth, depth);
          depth -= 1;
        });
        depth -= 1;
      };
      for (let i = 0; i < 5; i++) loop.callSoon(body);
      loop.callLater(0, body);
      await runFor(loop, 0.01);
      expect(maxDepth, 'no callback ran inside another').toBe(1);
    },
  );

  statement(
    'loop.callbacks.no-starvation',
    'a chain of callSoon callbacks does not starve a due timer',
    async ({ loop }) => {
      let spins = 0;
      const spin = () => {
        spins += 1;
        loop.callSoon(spin);
      };
      loop.callSoon(spin);
      loop.callLater(0, () => loop.stop()); // due at once: the chain must not keep it waiting
      await loop.runForever();
      expect(spins, 'the chain ran while the timer waited').toBeGreaterThan(0);
    },
  );

  statement(
    'loop.call-soon.type-error',
    'in debug mode, callSoon, callLater and callAt reject a callback that is not a function with TypeError',
    ({ loop }) => {
      loop.setDebug(true); // asyncio checks only in debug mode
      for (const bad of [42, null] as unknown as (() => void)[]) {
        expect(errorName(thrown(() => loop.callSoon(bad))), 'callSoon').toBe('TypeError');
        expect(errorName(thrown(() => loop.callLater(0.1, bad))), 'callLater').toBe('TypeError');
        expect(errorName(thrown(() => loop.callAt(loop.time(), bad))), 'callAt').toBe('TypeError');
      }
    },
  );
});
