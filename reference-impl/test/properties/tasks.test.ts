// Properties of tasks and the scheduler functions, over random trees of coroutines: each node
// sleeps, awaits its children (directly, through gather, waitFor, shield or a TaskGroup) and returns
// its value plus theirs, or fails. Whatever the tree: runUntilComplete settles; with no failure and
// no cancellation the result is the model's sum; a failure surfaces as the error of a failing node
// (directly or inside a TaskGroup's AggregateError); a root cancelled from outside ends cancelled,
// failed or done, never pending; every task left over can be cancelled and finishes; nothing
// reaches Node.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import {
  allTasks,
  type Coroutine,
  gather,
  newEventLoop,
  shield,
  sleep,
  type Task,
  taskGroup,
  waitFor,
} from '../../src/index.js';
import { escapes, params } from './settings.js';

type Node = {
  value: number;
  pause: 0 | 1 | 2;
  join: 'direct' | 'gather' | 'waitFor' | 'shield' | 'group';
  fails: boolean;
  children: Node[];
};

const node: fc.Memo<Node> = fc.memo((depth) =>
  fc.record({
    value: fc.integer({ min: 1, max: 100 }),
    pause: fc.constantFrom(0 as const, 1 as const, 2 as const),
    join: fc.constantFrom(
      'direct' as const,
      'gather' as const,
      'waitFor' as const,
      'shield' as const,
      'group' as const,
    ),
    fails: fc.oneof(
      { arbitrary: fc.constant(false), weight: 9 },
      { arbitrary: fc.constant(true), weight: 1 },
    ),
    children: depth <= 1 ? fc.constant([]) : fc.array(node(depth - 1), { maxLength: 3 }),
  }),
);

/** What the tree returns when nothing fails. */
const sum = (n: Node): number => n.value + n.children.reduce((s, c) => s + sum(c), 0);
const failing = (n: Node, label = '0'): string[] => [
  ...(n.fails ? [`fail ${label}`] : []),
  ...n.children.flatMap((c, i) => failing(c, `${label}.${i}`)),
];

function* body(n: Node, label: string): Coroutine<number> {
  if (n.pause === 1) yield* sleep(0);
  if (n.pause === 2) yield* sleep(0.001);
  const kids = n.children.map((c, i) => () => body(c, `${label}.${i}`));
  let total = n.value;
  if (n.join === 'direct') for (const k of kids) total += yield* k();
  else if (n.join === 'gather') total += (yield* gather(...kids.map((k) => k()))).reduce((s, v) => s + v, 0);
  else if (n.join === 'waitFor') for (const k of kids) total += yield* waitFor(k(), 10);
  else if (n.join === 'shield') for (const k of kids) total += yield* shield(k());
  else {
    const tasks = yield* taskGroup(function* (tg) {
      return kids.map((k) => tg.createTask(k()));
    });
    total += tasks.reduce((s, t) => s + t.result(), 0);
  }
  if (n.fails) throw new Error(`fail ${label}`);
  return total;
}

/** Every message in an error and the errors it aggregates. */
const messages = (e: unknown): string[] =>
  e instanceof AggregateError ? e.errors.flatMap(messages) : [(e as Error).message];

it('task trees settle with the model result, a failing node, or a cancellation', async () => {
  await fc.assert(
    fc.asyncProperty(node(4), fc.option(fc.integer({ min: 0, max: 6 })), async (tree, cancelAfter) => {
      const loop = newEventLoop();
      const escaped = await escapes(async () => {
        const root = loop.createTask(body(tree, '0'));
        let cancelled = false;
        if (cancelAfter !== null) {
          let ticks = 0;
          const tick = (): void => {
            if (root.done()) return;
            if (ticks++ < cancelAfter) loop.callSoon(tick);
            else cancelled = root.cancel();
          };
          loop.callSoon(tick);
        }
        const outcome = await loop.runUntilComplete(root).then(
          (value) => ({ value }),
          (error: unknown) => ({ error }),
        );
        const failures = failing(tree);
        if (!cancelled && failures.length === 0) expect(outcome).toEqual({ value: sum(tree) });
        else if ('error' in outcome) {
          const names = messages(outcome.error);
          const ok =
            (cancelled && (outcome.error as Error).name === 'CancelledError') ||
            names.some((m) => failures.includes(m));
          expect(ok, `root ended with ${names.join(', ')}; failing nodes: ${failures.join(', ')}`).toBe(true);
        } else expect(failures.length === 0 || cancelled, 'a failure went missing').toBe(true);
        // As asyncio.run() does: cancel what is left and let it finish.
        const left = [...allTasks(loop)] as Task<unknown>[];
        for (const t of left) t.cancel();
        if (left.length) await loop.runUntilComplete(gather({ returnExceptions: true }, ...left));
        expect(
          left.every((t) => t.done()),
          'every task left over finished',
        ).toBe(true);
        loop.close();
      });
      expect(escaped, 'nothing reaches Node').toEqual([]);
    }),
    params(80),
  );
}, 60_000); // a bound against a hang, not a timing claim
