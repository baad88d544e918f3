// The loop's timer queue (events/timer-queue.ts: a millisecond wheel and a heap beyond it) against
// a model, a plain list sorted on demand: whatever the pushes, cancels, clock moves (forward, back,
// and jumps past the wheel's span) and compactions, takeDue hands out exactly the live timers due,
// in (deadline, registration) order, never one early; nextWhen is never later than the earliest
// timer, and past `now` after takeDue(now) (so the loop cannot spin); cancelled timers leave on
// compaction.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TimerHandle } from '../src/events/handle.js';
import { sortByDeadline, TimerQueue, WHEEL_SLOTS } from '../src/events/timer-queue.js';
import { params } from './properties/settings.js';

const owner = { callExceptionHandler: () => {} };
const noop = () => {};

/** A queue and the model it is checked against. */
function harness() {
  const queue = new TimerQueue();
  const model: TimerHandle[] = [];
  let seq = 0;
  return {
    queue,
    model,
    /** Schedules a timer at `when`, the clock reading `now` (the loop's time when it is scheduled). */
    push(when: number, now = 1000): TimerHandle {
      const handle = new TimerHandle(when, seq++, noop, [], owner);
      handle._scheduled = true;
      queue.push(handle, now);
      model.push(handle);
      return handle;
    },
    /** takeDue(now) on the queue, checked against the model. */
    take(now: number): TimerHandle[] {
      const out: TimerHandle[] = [];
      const dropped = queue.takeDue(now, out);
      const due = model.filter((h) => h._when <= now);
      const expected = due.filter((h) => !h.cancelled()).sort((a, b) => a._when - b._when || a._seq - b._seq);
      expect(
        out.map((h) => h._seq),
        `timers due at ${now}, in (deadline, registration) order`,
      ).toEqual(expected.map((h) => h._seq));
      expect(dropped, 'cancelled timers dropped').toBe(due.length - expected.length);
      for (const h of expected) expect(h._scheduled, 'a taken timer is no longer scheduled').toBe(false);
      const rest = model.filter((h) => h._when > now);
      model.splice(0, model.length, ...rest);
      expect(queue.size, 'timers left').toBe(model.length);
      const next = queue.nextWhen();
      expect(next > now, `nextWhen ${next} is past now ${now} after takeDue`).toBe(true);
      return out;
    },
    checkNext(): void {
      const earliest = Math.min(...model.map((h) => h._when));
      expect(queue.nextWhen(), 'nextWhen is never later than the earliest timer').toBeLessThanOrEqual(
        earliest,
      );
    },
  };
}

describe('TimerQueue', () => {
  it('runs timers in deadline order, and timers with equal deadlines in registration order', () => {
    const h = harness();
    const t = 1000;
    for (const d of [0.0025, 0.001, 0.0025, 0.0011, 0.001, 0.0025]) h.push(t + d);
    expect(h.take(t + 0.0011).map((x) => x._seq)).toEqual([1, 4, 3]);
    expect(h.take(t + 0.003).map((x) => x._seq)).toEqual([0, 2, 5]);
  });

  it('never hands out a timer before its deadline, even within its millisecond', () => {
    const h = harness();
    h.push(1000.0004);
    h.push(1000.0002);
    expect(h.take(1000.0003).map((x) => x._seq)).toEqual([1]);
    expect(h.queue.nextWhen()).toBe(1000.0004);
    expect(h.take(1000.0004).map((x) => x._seq)).toEqual([0]);
  });

  it('keeps the order of timers beyond the wheel, brought in when the clock gets near or jumps past them', () => {
    const h = harness();
    const span = WHEEL_SLOTS / 1000;
    for (let i = 0; i < 20; i++) h.push(1000 + span * (1 + (i % 5)) + (i % 3) * 0.0001);
    h.push(1000.001);
    h.take(1000.5);
    h.take(1000 + span * 2.0001);
    h.take(1000 + span * 10);
    expect(h.queue.size).toBe(0);
  });

  it("merges the heap's due timers with the wheel's, ties in registration order", () => {
    const h = harness();
    const span = WHEEL_SLOTS / 1000;
    const far = 1000 + span + 0.5; // beyond the wheel when scheduled at 1000
    h.push(far, 1000);
    h.push(far + 0.0001, 1000);
    h.take(1000 + span); // the wheel moves up to the clock
    h.push(far, 1000 + span); // in the wheel now, same deadline as the first
    h.push(far - 0.0001, 1000 + span);
    expect(h.take(far + 0.001).map((x) => x._seq)).toEqual([3, 0, 2, 1]);
  });

  it('drops cancelled timers when they come due, and all of them on compact()', () => {
    const h = harness();
    const handles = [];
    for (let i = 0; i < 1000; i++) handles.push(h.push(1000 + i * 0.003));
    for (const x of handles.slice(0, 900)) x.cancel();
    expect(h.queue.size).toBe(1000);
    expect(h.queue.compact()).toBe(900);
    expect(h.queue.size).toBe(100);
    h.model.splice(0, h.model.length, ...handles.slice(900));
    h.checkNext();
    h.take(1001);
    h.take(1004);
  });

  it('keeps ±Infinity and far-off deadlines: -Infinity is always due, +Infinity never', () => {
    const h = harness();
    h.push(Number.POSITIVE_INFINITY);
    h.push(1e300);
    h.push(Number.NEGATIVE_INFINITY);
    h.push(1000.5);
    h.push(-1e300);
    h.checkNext();
    expect(h.take(1000).map((x) => x._seq)).toEqual([2, 4]);
    h.take(1001);
    h.take(1e301);
    expect(h.queue.nextWhen()).toBe(Number.POSITIVE_INFINITY);
    expect(h.queue.size).toBe(1);
  });

  it('matches the model over random pushes, cancels, clock moves and compactions', () => {
    const delay = fc.oneof(
      fc.integer({ min: 0, max: 40 }).map((n) => n * 0.0001), // sub-millisecond, same-millisecond ties
      fc.integer({ min: -5, max: 30 }).map((n) => n * 0.001), // whole milliseconds, some past
      fc.double({ min: 0, max: 3, noNaN: true }), // beyond the wheel's span
      fc.constantFrom(Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e12),
    );
    const op = fc.oneof(
      { arbitrary: fc.record({ push: delay }), weight: 6 },
      { arbitrary: fc.record({ cancel: fc.nat() }), weight: 2 },
      {
        arbitrary: fc.record({
          advance: fc.oneof(
            fc.double({ min: 0, max: 0.004, noNaN: true }),
            fc.double({ min: 0, max: 4, noNaN: true }),
            fc.constant(-0.5), // the clock jumps back
          ),
        }),
        weight: 3,
      },
      { arbitrary: fc.constant({ compact: true }), weight: 1 },
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        const h = harness();
        let now = 1000;
        const handles: TimerHandle[] = [];
        for (const o of ops) {
          if ('push' in o) handles.push(h.push(now + o.push, now));
          else if ('cancel' in o) {
            if (handles.length > 0) handles[o.cancel % handles.length].cancel();
          } else if ('advance' in o) {
            now += o.advance;
            h.take(now);
          } else {
            const cancelled = h.model.filter((x) => x.cancelled()).length;
            expect(h.queue.compact()).toBe(cancelled);
            h.model.splice(0, h.model.length, ...h.model.filter((x) => !x.cancelled()));
            expect(h.queue.size).toBe(h.model.length);
          }
          h.checkNext();
        }
        h.take(1e13);
        expect(h.queue.size).toBe(h.model.length);
      }),
      params(300),
    );
  });

  it('sorts a bucket by deadline, keeping registration order for ties (sortByDeadline)', () => {
    const when = fc.oneof(
      fc.integer({ min: 0, max: 9 }).map((n) => 1000 + n * 0.0001), // many ties
      fc.double({ min: 1000, max: 1000.001, noNaN: true }), // spread over a millisecond
      fc.double({ min: 1000.0005, max: 1000.0005000001, noNaN: true }), // a tight cluster
      fc.constantFrom(Number.NEGATIVE_INFINITY, -1e300, 1e300), // spans no scale can express
    );
    fc.assert(
      fc.property(fc.array(when, { maxLength: 300 }), (whens) => {
        const items = whens.map((w, i) => new TimerHandle(w, i, noop, [], owner));
        const expected = [...items].sort((a, b) => a._when - b._when || a._seq - b._seq);
        sortByDeadline(items);
        expect(items.map((h) => h._seq)).toEqual(expected.map((h) => h._seq));
      }),
      params(300),
    );
  });
});
