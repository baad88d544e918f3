// spec-tests/tests/loop/contract.test.ts: PEP 3156 § Event Loop Interface, § Error Handling
// > run_until_complete(future). ... If the argument is a coroutine object, it is wrapped by
// > ensure_future().
// > set_exception_handler(handler) ... If handler is None, the default exception handler will be set.
// > default_exception_handler(context). Default exception handler. ... logs ...
import type { Coroutine } from 'pep3156/spec';
import { expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { errorName, misuse, rejection, thrown } from '../support/index.js';

/** What `fn` writes with console.error, as one string. */
function consoleErrors(fn: () => void): string {
  const written: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => {
    written.push(args.map((a) => (a instanceof Error ? (a.stack ?? String(a)) : String(a))).join(' '));
  };
  try {
    fn();
  } finally {
    console.error = original;
  }
  return written.join('\n');
}

section('loop', 'Event Loop Interface', () => {
  statement(
    'loop.run-until-complete.foreign-future',
    'runUntilComplete() with a future of another loop rejects with ValueError and leaves the loop usable',
    async ({ loop, newLoop }) => {
      const other = newLoop();
      const foreign = other.createFuture<number>();
      expect(errorName(await rejection(loop.runUntilComplete(foreign)))).toBe('ValueError');
      expect(loop.isRunning()).toBe(false);
      function* body(): Coroutine<string> {
        return 'still works';
      }
      expect(await loop.runUntilComplete(body())).toBe('still works');
      other.close();
    },
  );

  statement(
    'loop.handlers.type-error',
    'setExceptionHandler() and setTaskFactory() take a function or null; anything else is a TypeError that changes nothing',
    ({ loop }) => {
      const handler = () => {};
      loop.setExceptionHandler(handler);
      for (const bad of [42, 'handler', {}]) {
        misuse(() => loop.setExceptionHandler(bad as never), 'TypeError');
        expect(errorName(thrown(() => loop.setTaskFactory(bad as never))), String(bad)).toBe('TypeError');
      }
      expect(loop.getExceptionHandler(), 'the handler set before is kept').toBe(handler);
      expect(loop.getTaskFactory()).toBeNull();
      loop.setExceptionHandler(null);
      expect(loop.getExceptionHandler()).toBeNull();
    },
  );
});

section('loop', 'Starting, Stopping and Closing', () => {
  statement(
    'loop.run-until-complete.detaches',
    'once runUntilComplete() has returned, its future no longer stops the loop',
    async ({ loop }) => {
      const f = loop.createFuture<string>();
      loop.callSoon(() => loop.stop());
      expect(errorName(await rejection(loop.runUntilComplete(f))), 'stopped before f was done').toBe(
        'RuntimeError',
      );
      // f completes during a later run: that run must go on until its own stop.
      // The run's own stop comes three iterations later: a stale stop callback on f would end the
      // run in the second iteration.
      const ran: string[] = [];
      let ticks = 0;
      const tick = (): void => {
        ticks += 1;
        ran.push(`tick ${ticks}`);
        if (ticks === 3) loop.stop();
        else loop.callSoon(tick);
      };
      loop.callSoon(() => f.setResult('late'));
      loop.callSoon(() => loop.callSoon(() => ran.push('after f')));
      loop.callSoon(tick);
      await loop.runForever();
      expect(ran, 'the run was not stopped by f').toEqual(['tick 1', 'after f', 'tick 2', 'tick 3']);
    },
  );

  statement(
    'loop.stop.from-outside',
    'stop() called from outside the loop (a host callback) ends a run that is waiting on a far timer at once',
    async ({ loop }) => {
      const far = loop.callLater(30, () => {});
      const started = Date.now();
      setTimeout(() => loop.stop(), 5);
      await loop.runForever();
      expect(Date.now() - started, 'stopped without waiting for the 30 s timer').toBeLessThan(5000);
      expect(loop.isRunning()).toBe(false);
      far.cancel();
    },
  );
});

section('loop', 'Error Handling', () => {
  statement(
    'loop.exception-handler.default-logs',
    'defaultExceptionHandler logs one console error with the message, the other context keys and the exception',
    ({ loop }) => {
      const boom = new RangeError('the cause');
      const logged = consoleErrors(() =>
        loop.defaultExceptionHandler({ message: 'something failed', exception: boom, where: 'in a test' }),
      );
      expect(logged).toContain('something failed');
      expect(logged, 'other keys, by name and value').toMatch(/where\W+in a test/);
      expect(logged, 'the exception').toContain('the cause');
      expect(logged, 'with its stack').toContain((boom.stack ?? '').split('\n')[1]?.trim() ?? 'the cause');
      const noMessage = consoleErrors(() => loop.defaultExceptionHandler({ message: '' }));
      expect(
        noMessage.trim().length,
        'an empty message still logs a line that says something',
      ).toBeGreaterThan(0);
    },
  );

  statement(
    'loop.exception-handler.handler-error-logged',
    "an error thrown by the exception handler is logged with the default handler's output, naming that error",
    ({ loop }) => {
      loop.setExceptionHandler(() => {
        throw new EvalError('handler broke');
      });
      const logged = consoleErrors(() => loop.callExceptionHandler({ message: 'first problem' }));
      expect(logged).toContain('handler broke');
      expect(logged, 'and the context the handler was given').toContain('first problem');

      // Even a default handler that throws is contained, and what it threw is logged.
      loop.setExceptionHandler(null);
      loop.defaultExceptionHandler = () => {
        throw new EvalError('default handler broke');
      };
      let escaped: unknown = null;
      const fromDefault = consoleErrors(() => {
        try {
          loop.callExceptionHandler({ message: 'second problem' });
        } catch (e) {
          escaped = e;
        }
      });
      expect(escaped, 'nothing escapes').toBeNull();
      expect(fromDefault).toContain('default handler broke');
      loop.setExceptionHandler(() => {
        throw new EvalError('handler broke again');
      });
      const fromBoth = consoleErrors(() => loop.callExceptionHandler({ message: 'third problem' }));
      expect(fromBoth, 'handler and default handler both broke: still logged').toContain(
        'default handler broke',
      );
    },
  );

  statement(
    'loop.errors.name-the-method',
    'a TypeError or RuntimeError thrown by a loop method names that method in its message',
    async ({ loop, newLoop }) => {
      const cb = () => {};
      const cases: [string, () => unknown][] = [
        ['callSoon', () => loop.callSoon(42 as never)],
        ['callLater', () => loop.callLater(Number.NaN, cb)],
        ['callLater', () => loop.callLater(1, 'no' as never)],
        ['callAt', () => loop.callAt(Number.NaN, cb)],
        ['callSoonThreadsafe', () => loop.callSoonThreadsafe(null as never)],
        ['setTaskFactory', () => loop.setTaskFactory(1 as never)],
        ['setExceptionHandler', () => loop.setExceptionHandler(1 as never)],
      ];
      for (const [method, call] of cases) {
        const error = thrown(call) as Error;
        expect(errorName(error), method).toBe('TypeError');
        expect(error.message, `the message names ${method}`).toContain(method);
      }
      const closed = newLoop();
      closed.close();
      for (const [method, call] of [
        ['callSoon', () => closed.callSoon(cb)],
        ['callLater', () => closed.callLater(1, cb)],
        ['callAt', () => closed.callAt(1, cb)],
        ['callSoonThreadsafe', () => closed.callSoonThreadsafe(cb)],
        ['createTask', () => closed.createTask((function* () {})())],
      ] as [string, () => unknown][]) {
        const error = thrown(call) as Error;
        expect(errorName(error), method).toBe('RuntimeError');
        expect(error.message, `the message names ${method}`).toContain(method);
      }
      const running = await rejection(closed.runForever());
      expect(errorName(running)).toBe('RuntimeError');
      expect((running as Error).message, 'says the loop is closed').toMatch(/closed/i);
    },
  );

  statement(
    'loop.errors.name-the-argument',
    'a TypeError for a time that is not a number (or is NaN) names the argument: delay for callLater, when for callAt',
    ({ loop }) => {
      const cb = () => {};
      const cases: [string, () => unknown][] = [
        ['delay', () => loop.callLater(Number.NaN, cb)],
        ['delay', () => loop.callLater('1' as never, cb)],
        ['when', () => loop.callAt(Number.NaN, cb)],
        ['when', () => loop.callAt(undefined as never, cb)],
      ];
      for (const [argument, call] of cases) {
        const error = thrown(call) as Error;
        expect(errorName(error), argument).toBe('TypeError');
        expect(error.message, `the message names ${argument}`).toMatch(new RegExp(`\\b${argument}\\b`));
      }
    },
  );
});
