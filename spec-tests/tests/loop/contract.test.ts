// spec-tests/tests/loop/contract.test.ts: PEP 3156 § Event Loop Interface, § Error Handling
// > run_until_complete(future). ... If the argument is a coroutine object, it is wrapped by
// > ensure_future().
// > set_exception_handler(handler) ... If handler is None, the default exception handler will be set.
// > default_exception_handler(context). Default exception handler. ... logs ...
import type { Coroutine } from 'pep3156/spec';
import { expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { errorName, rejection, thrown } from '../support/index.js';

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
    async ({ loop, adapter }) => {
      const other = adapter.newEventLoop();
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
        const error = thrown(() => loop.setExceptionHandler(bad as never)) as Error;
        expect(errorName(error), String(bad)).toBe('TypeError');
        expect(error.message.length).toBeGreaterThan(0);
        expect(errorName(thrown(() => loop.setTaskFactory(bad as never))), String(bad)).toBe('TypeError');
      }
      expect(loop.getExceptionHandler(), 'the handler set before is kept').toBe(handler);
      expect(loop.getTaskFactory()).toBeNull();
      loop.setExceptionHandler(null);
      expect(loop.getExceptionHandler()).toBeNull();
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
    },
  );
});
