// spec-tests/tests/loop/lifecycle.test.ts: PEP 3156 § Starting, Stopping and Closing
// > run_forever(). Runs the event loop until stop() is called. ...
// > stop(). Stops the event loop as soon as it is convenient. It is fine to restart the loop with
// > run_forever() or run_until_complete() subsequently; no scheduled callbacks will be lost if this is done.
import { expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { errorName, rejection, thrown } from '../support/index.js';

section('loop', 'Starting, Stopping and Closing', () => {
  statement(
    'loop.stop.current-callback-finishes',
    'stop() returns normally and the current callback finishes',
    async ({ loop }) => {
      const steps: string[] = [];
      loop.callSoon(() => {
        loop.stop();
        steps.push('after stop()');
      });
      await loop.runForever();
      expect(steps).toEqual(['after stop()']);
      expect(loop.isRunning()).toBe(false);
    },
  );

  statement(
    'loop.stop.restart-loses-nothing',
    'after stop(), a new run resumes with no scheduled callback lost',
    async ({ loop }) => {
      const ran: string[] = [];
      loop.callSoon(() => {
        loop.stop();
        loop.callSoon(() => ran.push('scheduled while stopping'));
      });
      loop.callLater(0.01, () => ran.push('timer'));
      await loop.runForever();
      loop.callLater(0.03, () => loop.stop());
      await loop.runForever();
      expect(ran).toContain('scheduled while stopping');
      expect(ran).toContain('timer');
    },
  );

  statement(
    'loop.stop.batch-finishes',
    'stop() lets the callbacks already due in the current iteration run; what they schedule waits for the next run',
    async ({ loop }) => {
      const ran: string[] = [];
      loop.callSoon(() => {
        ran.push('a: stops');
        loop.stop();
      });
      loop.callSoon(() => ran.push('b: same iteration'));
      loop.callSoon(() => {
        ran.push('c: same iteration');
        loop.callSoon(() => ran.push('d: next iteration'));
      });
      await loop.runForever();
      expect(ran, 'the whole iteration ran, nothing after it').toEqual([
        'a: stops',
        'b: same iteration',
        'c: same iteration',
      ]);
      loop.callSoon(() => loop.stop());
      await loop.runForever();
      expect(ran.at(-1), 'the next run starts with what they scheduled').toBe('d: next iteration');
    },
  );

  statement(
    'loop.stop.before-run',
    'stop() called before runForever() makes that run do one iteration and stop',
    async ({ loop }) => {
      const ran: string[] = [];
      loop.callSoon(() => {
        ran.push('already scheduled');
        loop.callSoon(() => ran.push('scheduled during the iteration'));
      });
      loop.stop();
      const hung = new Promise((resolve) => setTimeout(() => resolve('still running after 1 s'), 1000));
      expect(await Promise.race([loop.runForever(), hung])).toBeUndefined();
      expect(ran).toEqual(['already scheduled']);
      loop.callSoon(() => loop.stop());
      await loop.runForever();
      expect(ran, 'the next run goes on from there').toEqual([
        'already scheduled',
        'scheduled during the iteration',
      ]);
    },
  );

  statement(
    'loop.stop.future-timers-wait',
    'stop() does not run timers that are due later',
    async ({ loop }) => {
      let ran = false;
      loop.callLater(10, () => {
        ran = true;
      });
      loop.callSoon(() => loop.stop());
      await loop.runForever();
      expect(ran).toBe(false);
    },
  );

  statement(
    'loop.lifecycle.is-running',
    'isRunning() is true while the loop runs its callbacks and false otherwise',
    async ({ loop }) => {
      let inside: boolean | null = null;
      expect(loop.isRunning()).toBe(false);
      loop.callSoon(() => {
        inside = loop.isRunning();
        loop.stop();
      });
      await loop.runForever();
      expect(inside).toBe(true);
      expect(loop.isRunning()).toBe(false);
    },
  );

  statement(
    'loop.run.reentrant-rejected',
    'running a loop that is already running is refused with RuntimeError',
    async ({ loop }) => {
      const errors: string[] = [];
      loop.callSoon(() => {
        rejection(loop.runForever()).then((e) => errors.push(errorName(e)));
        rejection(loop.runUntilComplete(loop.createFuture())).then((e) => errors.push(errorName(e)));
        loop.callLater(0.005, () => loop.stop());
      });
      await loop.runForever();
      await new Promise((r) => setTimeout(r, 0));
      expect(errors).toEqual(['RuntimeError', 'RuntimeError']);
    },
  );

  statement(
    'loop.run-until-complete.result',
    'runUntilComplete resolves with the future result and rejects with its exception',
    async ({ loop }) => {
      const ok = loop.createFuture<number>();
      loop.callSoon(() => ok.setResult(7));
      expect(await loop.runUntilComplete(ok)).toBe(7);
      const bad = loop.createFuture<number>();
      const boom = new Error('boom');
      loop.callSoon(() => bad.setException(boom));
      expect(await rejection(loop.runUntilComplete(bad))).toBe(boom);
    },
  );

  statement(
    'loop.run-until-complete.already-done',
    'runUntilComplete of a future that is already done runs one iteration and settles with its outcome',
    async ({ loop }) => {
      const ran: string[] = [];
      const done = loop.createFuture<number>();
      done.setResult(5);
      loop.callSoon(() => ran.push('already scheduled'));
      const hung = (ms: number) => new Promise((resolve) => setTimeout(() => resolve('hung'), ms));
      expect(await Promise.race([loop.runUntilComplete(done), hung(1000)]), 'a done future').toBe(5);
      expect(ran, 'the iteration ran').toEqual(['already scheduled']);
      expect(loop.isRunning(), 'and the loop stopped').toBe(false);

      const failed = loop.createFuture<number>();
      failed.setException(new RangeError('already failed'));
      const outcome = await Promise.race([rejection(loop.runUntilComplete(failed)), hung(1000)]);
      expect(errorName(outcome), 'a failed future').toBe('RangeError');

      function* quick(): Generator<undefined, string, unknown> {
        return 'finished';
      }
      const task = loop.createTask(quick());
      await loop.runUntilComplete(task);
      expect(await Promise.race([loop.runUntilComplete(task), hung(1000)]), 'a finished task').toBe(
        'finished',
      );
    },
  );

  statement(
    'loop.run-until-complete.wraps-coroutine',
    'runUntilComplete wraps a coroutine in a Task',
    async ({ loop }) => {
      function* body(): Generator<undefined, string, unknown> {
        yield undefined;
        return 'from a coroutine';
      }
      expect(await loop.runUntilComplete(body())).toBe('from a coroutine');
    },
  );

  statement(
    'loop.run-until-complete.promise-like-result',
    'runUntilComplete rejects with TypeError, at once, when the result is PromiseLike; the task keeps it',
    async ({ loop }) => {
      const pending = loop.createFuture<number>();
      const done = loop.createFuture<number>();
      done.setResult(1);
      const cases: [string, unknown][] = [
        ['a pending future', pending],
        ['a done future', done],
        ['a Promise', Promise.resolve(2)],
      ];
      for (const [what, value] of cases) {
        function* body(): Generator<undefined, unknown, unknown> {
          yield undefined;
          return value;
        }
        const task = loop.createTask(body());
        const hung = new Promise((resolve) => setTimeout(() => resolve('no settlement within 1 s'), 1000));
        const outcome = await Promise.race([rejection(loop.runUntilComplete(task)), hung]);
        expect(errorName(outcome), `${what}: a Promise cannot resolve to a PromiseLike`).toBe('TypeError');
        expect(task.result(), `${what}: the task's result is the object itself`).toBe(value);
      }
      const outer = loop.createFuture<unknown>();
      outer.setResult(pending);
      expect(errorName(await rejection(loop.runUntilComplete(outer))), 'a future given directly').toBe(
        'TypeError',
      );
    },
  );

  statement(
    'loop.run-until-complete.stop-timing',
    "runUntilComplete stops through the future's done callback: that iteration finishes, nothing later runs",
    async ({ loop }) => {
      const order: string[] = [];
      const fut = loop.createFuture<string>();
      loop.callSoon(() => {
        order.push('settles');
        fut.setResult('value');
        loop.callSoon(() => {
          order.push('queued after the settle');
          loop.callSoon(() => order.push('next iteration'));
        });
      });
      loop.callSoon(() => order.push('queued before the settle'));
      expect(await loop.runUntilComplete(fut)).toBe('value');
      expect(order, 'the iteration of the done callback runs to its end').toEqual([
        'settles',
        'queued before the settle',
        'queued after the settle',
      ]);
      loop.callSoon(() => loop.stop());
      await loop.runForever();
      expect(order.at(-1), 'what the stopped iteration scheduled runs in the next run').toBe(
        'next iteration',
      );
    },
  );

  statement(
    'loop.run-until-complete.stopped-early',
    'runUntilComplete rejects with RuntimeError if the loop stops first',
    async ({ loop }) => {
      const never = loop.createFuture<void>();
      loop.callSoon(() => loop.stop());
      expect(errorName(await rejection(loop.runUntilComplete(never)))).toBe('RuntimeError');
    },
  );

  statement(
    'loop.close.running-refused',
    'close() on a running loop throws RuntimeError',
    async ({ loop }) => {
      let error: unknown;
      loop.callSoon(() => {
        error = thrown(() => loop.close());
        loop.stop();
      });
      await loop.runForever();
      expect(errorName(error)).toBe('RuntimeError');
      expect(loop.isClosed()).toBe(false);
    },
  );

  statement('loop.close.idempotent', 'close() may be called twice and isClosed() reports it', ({ loop }) => {
    expect(loop.isClosed()).toBe(false);
    loop.close();
    loop.close();
    expect(loop.isClosed()).toBe(true);
  });

  statement(
    'loop.close.then-refuse',
    'after close(), scheduling and running throw RuntimeError',
    async ({ loop }) => {
      loop.close();
      const cb = () => {};
      expect(errorName(thrown(() => loop.callSoon(cb)))).toBe('RuntimeError');
      expect(errorName(thrown(() => loop.callLater(1, cb)))).toBe('RuntimeError');
      expect(errorName(thrown(() => loop.callAt(1, cb)))).toBe('RuntimeError');
      expect(errorName(await rejection(loop.runForever()))).toBe('RuntimeError');
    },
  );
});
