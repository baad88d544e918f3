// The reference loop's own promises, beyond what the PEP (and so the conformance suite) demands.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  BaseEventLoop,
  type Coroutine,
  type LoopHost,
  logger,
  NodeEventLoop,
  newEventLoop,
  sleep,
} from 'pep3156';
import { afterEach, describe, expect, it } from 'vitest';

/** A host whose clock the test moves, running soon-callbacks with setImmediate. */
function fakeHost(): LoopHost & { t: number } {
  const host = {
    t: 1000,
    now: () => host.t,
    runSoon: (cb: () => void) => {
      setImmediate(cb);
    },
    setTimer: (cb: () => void) => setTimeout(cb, 1),
    clearTimer: (timer: unknown) => clearTimeout(timer as NodeJS.Timeout),
    keepAlive: () => {},
    debugByDefault: () => false,
  };
  return host;
}

const loops: BaseEventLoop[] = [];
function track<L extends BaseEventLoop>(loop: L): L {
  loops.push(loop);
  return loop;
}
afterEach(() => {
  for (const loop of loops.splice(0)) if (!loop.isRunning()) loop.close();
});

describe('the reference loop', () => {
  it('[loop.ref.timers.registration-order] runs timers due at the same time in registration order', async () => {
    const loop = track(new NodeEventLoop());
    const order: number[] = [];
    const when = loop.time() + 0.005;
    for (let i = 0; i < 50; i++) loop.callAt(when, () => order.push(i));
    loop.callAt(when + 0.005, () => loop.stop());
    await loop.runForever();
    expect(order).toEqual([...Array(50).keys()]);
  });

  it('[loop.ref.timers.compaction] does not let cancelled timers pile up in the timer queue', () => {
    const loop = track(new NodeEventLoop());
    const handles = [];
    for (let i = 0; i < 1000; i++) handles.push(loop.callLater(100 + i, () => {}));
    for (const h of handles.slice(0, 900)) h.cancel();
    expect(loop._timerCount).toBe(1000);
    // Compaction happens at the start of the next iteration.
    loop.callSoon(() => loop.stop());
    return loop.runForever().then(() => {
      expect(loop._timerCount).toBe(100);
    });
  });

  it('passes callLater and callAt their arguments after the callback, and none when there are none', async () => {
    const loop = newEventLoop();
    const seen: unknown[][] = [];
    function record(...args: unknown[]): void {
      seen.push(args);
    }
    loop.callLater(0, record);
    loop.callLater(0, record, 1, 'two', null);
    loop.callAt(loop.time(), record, undefined);
    loop.callAt(loop.time(), record);
    loop.callLater(0.001, () => loop.stop());
    await loop.runForever();
    expect(seen).toEqual([[], [1, 'two', null], [undefined], []]);
    loop.close();
  });

  it('keeps no reference to a callback once it has run, though the ready queue keeps its size', async () => {
    // The ready queue's arrays are reused from iteration to iteration; a slot still holding a run
    // handle would keep its callback (and all it closes over) alive until the slot is reused.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const loop = newEventLoop();
    const refs: WeakRef<object>[] = [];
    for (let i = 0; i < 3000; i++) {
      const payload = { i };
      refs.push(new WeakRef(payload));
      loop.callSoon(() => payload.i);
    }
    loop.callSoon(() => loop.stop());
    await loop.runForever();
    // Let the microtasks and this test's frames drop what they hold, then collect.
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    expect(refs.filter((ref) => ref.deref() !== undefined)).toHaveLength(0);
    loop.close();
  });

  it('[loop.ref.call-soon.clock-jump] keeps callSoon order when the clock jumps backwards', async () => {
    const host = fakeHost();
    const loop = track(new BaseEventLoop(host));
    const order: string[] = [];
    loop.callSoon(() => {
      order.push('a');
      host.t -= 500; // the clock jumps back
    });
    loop.callSoon(() => order.push('b'));
    loop.callSoon(() => {
      order.push('c');
      loop.stop();
    });
    await loop.runForever();
    expect(order).toEqual(['a', 'b', 'c']);
  });

  it('[loop.ref.stop.whole-iteration] finishes the iteration in which stop() was called', async () => {
    const loop = track(new NodeEventLoop());
    const ran: string[] = [];
    loop.callSoon(() => {
      loop.stop();
      loop.callSoon(() => ran.push('next iteration'));
    });
    loop.callSoon(() => ran.push('same iteration'));
    await loop.runForever();
    expect(ran).toEqual(['same iteration']);
    loop.callSoon(() => loop.stop());
    await loop.runForever();
    expect(ran).toEqual(['same iteration', 'next iteration']);
  });

  it('[loop.ref.debug.slow-callback] reports slow callbacks and records where handles were created', async () => {
    const loop = track(new NodeEventLoop());
    loop.setDebug(true);
    loop.slowCallbackDuration = 0.005;
    const warnings: string[] = [];
    const original = logger.warning;
    logger.warning = (message: string) => {
      warnings.push(message);
    };
    const contexts: Record<string, unknown>[] = [];
    loop.setExceptionHandler((_l, context) => {
      contexts.push(context);
    });
    try {
      loop.callSoon(function slowOne() {
        const end = Date.now() + 15;
        while (Date.now() < end) {
          // busy on purpose
        }
      });
      loop.callSoon(() => {
        throw new Error('x');
      });
      loop.callSoon(() => loop.stop());
      await loop.runForever();
    } finally {
      logger.warning = original;
    }
    expect(warnings.some((w) => w.includes('slowOne'))).toBe(true);
    expect(String(contexts[0]?.sourceTraceback)).toContain('loop-internals.test.ts');
  });

  it('[core.ref.no-node-imports] keeps node: imports out of the core modules', () => {
    const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src');
    const offenders: string[] = [];
    const visit = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, entry.name);
        const rel = path.relative(src, p);
        if (entry.isDirectory()) {
          if (rel === 'node' || rel === 'transports') continue;
          visit(p);
        } else if (entry.name.endsWith('.ts') && rel !== 'index.ts') {
          // Code only: TSDoc @example blocks may show a program that imports node: modules.
          const code = readFileSync(p, 'utf8')
            .replace(/\/\*[\s\S]*?\*\//g, '')
            .replace(/^\s*\/\/.*$/gm, '');
          if (/from\s+['"]node:|require\(['"]node:|import\(['"]node:/.test(code)) offenders.push(rel);
        }
      }
    };
    visit(src);
    expect(offenders).toEqual([]);
  });

  it('goes to sleep on a host timer when only timers are pending (no spinning)', async () => {
    const host = fakeHost();
    let slices = 0;
    let timer: (() => void) | null = null;
    const counting: LoopHost = {
      ...host,
      now: () => host.now(),
      runSoon: (cb) => {
        slices += 1;
        host.runSoon(cb);
      },
      setTimer: (cb) => {
        timer = cb;
        return cb;
      },
      clearTimer: () => {
        timer = null;
      },
    };
    const loop = track(new BaseEventLoop(counting));
    loop.callLater(0.05, () => loop.stop());
    const run = loop.runForever();
    await new Promise((r) => setTimeout(r, 20));
    expect(slices, 'a sleeping loop schedules no slices').toBe(1);
    expect(timer, 'the loop sleeps on one host timer').not.toBeNull();
    host.t += 1; // the deadline passes
    (timer as unknown as () => void)();
    await run;
    expect(loop.isRunning()).toBe(false);
  });

  it('re-arms its host timer, queueing no slice, for an earlier timer scheduled from outside while it sleeps', async () => {
    const host = fakeHost();
    let slices = 0;
    let sets = 0;
    let clears = 0;
    let timer: { cb: () => void; delay: number } | null = null;
    const counting: LoopHost = {
      ...host,
      now: () => host.now(),
      runSoon: (cb) => {
        slices += 1;
        host.runSoon(cb);
      },
      setTimer: (cb, delay) => {
        sets += 1;
        timer = { cb, delay };
        return timer;
      },
      clearTimer: () => {
        clears += 1;
        timer = null;
      },
    };
    const loop = track(new BaseEventLoop(counting));
    const fired: string[] = [];
    loop.callLater(10, () => fired.push('late'));
    const run = loop.runForever();
    await new Promise((r) => setTimeout(r, 20));
    expect([slices, sets, clears], 'asleep on one host timer').toEqual([1, 1, 0]);
    // A host callback (outside the loop's slices) schedules an earlier timer.
    loop.callLater(1, () => {
      fired.push('early');
      loop.stop();
    });
    expect([slices, sets, clears], 'the host timer is moved; no slice runs for a timer not due').toEqual([
      1, 2, 1,
    ]);
    expect(timer).not.toBeNull();
    const armed = timer as unknown as { cb: () => void; delay: number };
    expect(armed.delay).toBeCloseTo(1);
    host.t += 1;
    armed.cb();
    await run;
    expect(fired).toEqual(['early']);
  });

  it('lets generator tasks sleep(0) through exactly one iteration each', async () => {
    const loop = track(newEventLoop() as BaseEventLoop);
    const order: string[] = [];
    function* t(name: string): Coroutine<void> {
      for (let i = 0; i < 2; i++) {
        order.push(`${name}${i}`);
        yield* sleep(0);
      }
    }
    loop.createTask(t('a'));
    loop.createTask(t('b'));
    loop.callLater(0.01, () => loop.stop());
    await loop.runForever();
    expect(order).toEqual(['a0', 'b0', 'a1', 'b1']);
  });
});
