// Properties of the loop's callbacks and timers, over random programs: callbacks that schedule
// callbacks (callSoon, callLater, callAt), some cancelled, some throwing. Whatever the program:
// every live callback runs exactly once and no cancelled one runs; callSoon callbacks run in the
// order they were scheduled; no timer runs before its deadline, and timers run in deadline order
// (registration order for equal deadlines); a throwing callback reaches the exception handler and
// nothing reaches Node; after close() nothing runs.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { newEventLoop } from '../../src/index.js';
import type { AbstractEventLoop } from '../../src/spec/index.js';
import { escapes, params } from './settings.js';

type Call = {
  kind: 'soon' | 'later' | 'at';
  /** Milliseconds, for callLater and callAt. */
  delay: number;
  cancelled: boolean;
  throws: boolean;
  children: Call[];
};

const call: fc.Memo<Call> = fc.memo((depth) =>
  fc.record({
    kind: fc.constantFrom('soon', 'later', 'at'),
    delay: fc.integer({ min: 0, max: 3 }),
    cancelled: fc.oneof(
      { arbitrary: fc.constant(false), weight: 4 },
      { arbitrary: fc.constant(true), weight: 1 },
    ),
    throws: fc.boolean(),
    children: depth <= 1 ? fc.constant([]) : fc.array(call(depth - 1), { maxLength: 3 }),
  }),
);
const program = fc.array(call(3), { minLength: 1, maxLength: 8 });

type Scheduled = { id: number; call: Call; seq: number; when: number | null; ranAt: number | null };

/** Runs `calls` on `loop` and reports what ran, when, and what the handler heard. */
async function execute(loop: AbstractEventLoop, calls: Call[]) {
  const all: Scheduled[] = [];
  const order: number[] = [];
  const handled: unknown[] = [];
  loop.setExceptionHandler((_loop, context) => handled.push(context.exception));
  const live = (c: Call): number => (c.cancelled ? 0 : 1 + c.children.reduce((n, k) => n + live(k), 0));
  let remaining = calls.reduce((n, c) => n + live(c), 0);
  const finished = loop.createFuture<void>();
  const schedule = (c: Call): void => {
    const entry: Scheduled = { id: all.length, call: c, seq: all.length, when: null, ranAt: null };
    all.push(entry);
    const run = (): void => {
      entry.ranAt = loop.time();
      order.push(entry.id);
      for (const child of c.children) schedule(child);
      remaining -= 1;
      if (remaining === 0) finished.setResult(undefined);
      if (c.throws) throw new Error(`callback ${entry.id}`);
    };
    let handle: { cancel(): void };
    if (c.kind === 'soon') handle = loop.callSoon(run);
    else if (c.kind === 'later') {
      const timer = loop.callLater(c.delay / 1000, run);
      entry.when = timer.when();
      handle = timer;
    } else {
      const timer = loop.callAt(loop.time() + c.delay / 1000, run);
      entry.when = timer.when();
      handle = timer;
    }
    if (c.cancelled) handle.cancel();
  };
  for (const c of calls) schedule(c);
  if (remaining > 0) await loop.runUntilComplete(finished);
  return { all, order, handled };
}

it('callbacks and timers: each live one runs once, in FIFO and deadline order, never early', async () => {
  await fc.assert(
    fc.asyncProperty(program, async (calls) => {
      const loop = newEventLoop();
      let outcome!: Awaited<ReturnType<typeof execute>>;
      const escaped = await escapes(async () => {
        outcome = await execute(loop, calls);
      });
      const { all, order, handled } = outcome;
      expect(escaped, 'nothing reaches Node').toEqual([]);
      for (const e of all) {
        if (e.call.cancelled) expect(e.ranAt, `cancelled ${e.id} never runs`).toBeNull();
        else
          expect(
            order.filter((id) => id === e.id),
            `${e.id} runs once`,
          ).toHaveLength(1);
        if (e.when !== null && e.ranAt !== null)
          expect(e.ranAt, `timer ${e.id} not early`).toBeGreaterThanOrEqual(e.when);
      }
      const soon = order.filter((id) => all[id].call.kind === 'soon');
      expect(soon, 'callSoon callbacks in the order scheduled').toEqual([...soon].sort((a, b) => a - b));
      const timers = order.map((id) => all[id]).filter((e) => e.when !== null);
      for (let i = 1; i < timers.length; i++) {
        const [a, b] = [timers[i - 1], timers[i]];
        const inOrder = (a.when as number) < (b.when as number) || (a.when === b.when && a.seq < b.seq);
        expect(inOrder, `timer ${a.id} (${a.when}) ran before ${b.id} (${b.when})`).toBe(true);
      }
      const throwers = all.filter((e) => e.call.throws && e.ranAt !== null).map((e) => `callback ${e.id}`);
      expect(
        handled.map((e) => (e as Error).message).sort(),
        'each thrown error reaches the handler',
      ).toEqual(throwers.sort());
      // After close(), nothing runs: not the cancelled timers left in the heap, not new callbacks.
      loop.close();
      expect(() => loop.callSoon(() => {}), 'callSoon after close').toThrow(/closed/);
      const before = order.length;
      await new Promise((resolve) => setTimeout(resolve, 5));
      expect(order.length, 'nothing ran after close()').toBe(before);
    }),
    params(60),
  );
}, 60_000); // a bound against a hang, not a timing claim
