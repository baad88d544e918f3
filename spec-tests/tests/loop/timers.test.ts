// spec-tests/tests/loop/timers.test.ts: PEP 3156 § Basic Callbacks, § Specifying Times
// > call_later(delay, callback, *args). Arrange for callback(*args) to be called approximately delay
// > seconds in the future, once, unless cancelled. ... Callbacks scheduled in the past or at exactly
// > the same time will be called in an undefined order.
import { expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { errorName, runFor, thrown } from '../support/index.js';

/** Tolerance for clock resolution when checking "not early", in seconds. */
const RESOLUTION = 0.001;

section('loop', 'Basic Callbacks', () => {
  statement(
    'loop.call-later.not-early',
    'callLater(delay) runs the callback no earlier than delay seconds later',
    async ({ loop }) => {
      const start = loop.time();
      let ranAt = Number.NaN;
      // 0.1 s: long enough that a timer firing at a fraction of its delay is caught even when a
      // loaded machine stalls the process for tens of milliseconds.
      loop.callLater(0.1, () => {
        ranAt = loop.time();
        loop.stop();
      });
      await loop.runForever();
      expect(ranAt - start, 'the callback waited its delay').toBeGreaterThanOrEqual(0.1 - RESOLUTION);
      expect(ranAt - start, 'delays are in seconds, not milliseconds').toBeLessThan(5);
    },
  );

  statement(
    'loop.call-later.is-call-at',
    'callLater(d) schedules at time() + d, as callAt does',
    async ({ loop }) => {
      const before = loop.time();
      const handle = loop.callLater(10, () => {});
      const after = loop.time();
      expect(handle.when()).toBeGreaterThanOrEqual(before + 10);
      expect(handle.when()).toBeLessThanOrEqual(after + 10);
      const at = loop.callAt(before + 5, () => {});
      expect(at.when()).toBe(before + 5);
      handle.cancel();
      at.cancel();
    },
  );

  statement(
    'loop.timers.deadline-order',
    'timers with different deadlines run in deadline order',
    async ({ loop }) => {
      const order: number[] = [];
      const now = loop.time();
      for (const d of [0.03, 0.01, 0.02]) loop.callAt(now + d, () => order.push(d));
      await runFor(loop, 0.05);
      expect(order, 'earliest deadline first').toEqual([0.01, 0.02, 0.03]);
    },
  );

  statement(
    'loop.timers.same-deadline',
    'timers due at the same time all run, in an order the PEP leaves open',
    async ({ loop }) => {
      const ran = new Set<string>();
      const when = loop.time() + 0.01;
      for (const name of ['a', 'b', 'c']) loop.callAt(when, () => ran.add(name));
      await runFor(loop, 0.03);
      expect([...ran].sort()).toEqual(['a', 'b', 'c']);
    },
  );

  statement(
    'loop.timers.behind-ready',
    'a timer that falls due runs after the callbacks already in the ready queue',
    async ({ loop }) => {
      const order: string[] = [];
      const now = loop.time();
      loop.callAt(now - 1, () => order.push('timer due in the past'));
      loop.callLater(0, () => order.push('callLater(0)'));
      loop.callSoon(() => {
        order.push('callSoon 1');
        loop.callSoon(() => order.push('callSoon from callSoon 1'));
      });
      loop.callSoon(() => order.push('callSoon 2'));
      await runFor(loop, 0.005);
      expect(order, 'the ready callbacks first, then the due timers, then what they scheduled').toEqual([
        'callSoon 1',
        'callSoon 2',
        'timer due in the past',
        'callLater(0)',
        'callSoon from callSoon 1',
      ]);
    },
  );

  statement('loop.timers.cancel', 'a cancelled timer never runs', async ({ loop }) => {
    const ran: string[] = [];
    const handle = loop.callLater(0.005, () => ran.push('cancelled'));
    loop.callLater(0.001, () => handle.cancel());
    loop.callLater(0.01, () => ran.push('kept'));
    await runFor(loop, 0.02);
    expect(ran).toEqual(['kept']);
    expect(handle.cancelled()).toBe(true);
  });

  statement(
    'loop.timers.past-deadline',
    'a timer scheduled in the past (callAt before time(), callLater with a negative delay) runs soon',
    async ({ loop }) => {
      const ran: string[] = [];
      loop.callAt(loop.time() - 1, () => ran.push('callAt in the past'));
      loop.callLater(-1, () => ran.push('callLater(-1)'));
      await runFor(loop, 0.01);
      expect(ran.sort()).toEqual(['callAt in the past', 'callLater(-1)']);
    },
  );

  statement(
    'loop.call-later.infinity',
    'an infinite time is accepted: +Infinity never runs (its handle can be cancelled), -Infinity runs soon',
    async ({ loop }) => {
      const ran: string[] = [];
      const never = loop.callLater(Number.POSITIVE_INFINITY, () => ran.push('later +inf'));
      const neverAt = loop.callAt(Number.POSITIVE_INFINITY, () => ran.push('at +inf'));
      loop.callLater(Number.NEGATIVE_INFINITY, () => ran.push('later -inf'));
      loop.callAt(Number.NEGATIVE_INFINITY, () => ran.push('at -inf'));
      await runFor(loop, 0.02);
      expect(ran.sort(), 'only the -Infinity timers ran').toEqual(['at -inf', 'later -inf']);
      expect([never.when(), neverAt.when()]).toEqual([Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY]);
      never.cancel();
      neverAt.cancel();
      expect(never.cancelled()).toBe(true);
    },
  );

  statement(
    'loop.call-later.type-error',
    'callLater rejects a delay that is not a number, and callAt a missing time, with TypeError',
    ({ loop }) => {
      const cb = () => {};
      expect(errorName(thrown(() => loop.callLater('1' as unknown as number, cb)))).toBe('TypeError');
      expect(errorName(thrown(() => loop.callLater(undefined as unknown as number, cb)))).toBe('TypeError');
      expect(errorName(thrown(() => loop.callAt(undefined as unknown as number, cb)))).toBe('TypeError');
    },
  );
});

section('loop', 'Specifying Times', () => {
  statement(
    'loop.time.monotonic-seconds',
    'time() never goes backwards and counts seconds',
    async ({ loop }) => {
      const samples: number[] = [loop.time()];
      for (let i = 1; i <= 3; i++) loop.callLater(0.005 * i, () => samples.push(loop.time()));
      await runFor(loop, 0.02);
      for (let i = 1; i < samples.length; i++) expect(samples[i]).toBeGreaterThanOrEqual(samples[i - 1]);
      expect(samples[samples.length - 1] - samples[0]).toBeGreaterThanOrEqual(0.015 - RESOLUTION);
      expect(samples[samples.length - 1] - samples[0]).toBeLessThan(5);
    },
  );
});
