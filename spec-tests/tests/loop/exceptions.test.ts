// spec-tests/tests/loop/exceptions.test.ts: PEP 3156 § Exceptions, § Error Handling
// > If an exception is raised by a callback, it is logged ... and the loop continues.
// > set_exception_handler(handler) ... handler(loop, context) (CPython's signature; this spec chooses it).
import { expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { captureExceptions, runFor } from '../support/index.js';

section('loop', 'Exceptions', () => {
  statement(
    'loop.exception.callback-error-handled',
    "a callback's exception goes to the exception handler and the loop goes on",
    async ({ loop }) => {
      const seen = captureExceptions(loop);
      const boom = new Error('boom');
      const ran: string[] = [];
      const handle = loop.callSoon(() => {
        throw boom;
      });
      loop.callSoon(() => ran.push('next callback'));
      await runFor(loop, 0.005);
      expect(ran, 'the loop went on').toEqual(['next callback']);
      expect(seen).toHaveLength(1);
      expect(typeof seen[0].message).toBe('string');
      expect(seen[0].message.length).toBeGreaterThan(0);
      expect(seen[0].exception).toBe(boom);
      expect(seen[0].handle).toBe(handle);
    },
  );

  statement(
    'loop.exception.timer-error-handled',
    "a timer callback's exception goes to the exception handler",
    async ({ loop }) => {
      const seen = captureExceptions(loop);
      loop.callLater(0.001, () => {
        throw new TypeError('bad');
      });
      await runFor(loop, 0.01);
      expect(seen.map((c) => (c.exception as Error).name)).toEqual(['TypeError']);
    },
  );

  statement(
    'loop.exception-handler.signature',
    'the handler is called as handler(loop, context)',
    async ({ loop }) => {
      const calls: unknown[][] = [];
      loop.setExceptionHandler((...args: unknown[]) => {
        calls.push(args);
      });
      loop.callSoon(() => {
        throw new Error('x');
      });
      await runFor(loop, 0.005);
      expect(calls).toHaveLength(1);
      expect(calls[0][0]).toBe(loop);
      expect(calls[0][1]).toMatchObject({ exception: expect.any(Error) });
    },
  );

  statement(
    'loop.exception-handler.get-set',
    'getExceptionHandler returns what was set; null restores the default',
    ({ loop }) => {
      expect(loop.getExceptionHandler()).toBeNull();
      const handler = () => {};
      loop.setExceptionHandler(handler);
      expect(loop.getExceptionHandler()).toBe(handler);
      loop.setExceptionHandler(null);
      expect(loop.getExceptionHandler()).toBeNull();
    },
  );

  statement(
    'loop.exception-handler.handler-error',
    'an error thrown by the handler does not escape and the loop goes on',
    async ({ loop }) => {
      let calls = 0;
      const original = loop.defaultExceptionHandler.bind(loop);
      const fallback: unknown[] = [];
      loop.defaultExceptionHandler = (context) => {
        fallback.push(context);
        void original;
      };
      loop.setExceptionHandler(() => {
        calls += 1;
        throw new Error('handler broke');
      });
      const ran: string[] = [];
      loop.callSoon(() => {
        throw new Error('first');
      });
      loop.callSoon(() => ran.push('after'));
      await runFor(loop, 0.005);
      expect(calls).toBe(1);
      expect(ran).toEqual(['after']);
    },
  );

  statement(
    'loop.call-exception-handler.default',
    'callExceptionHandler uses defaultExceptionHandler when no handler is set',
    ({ loop }) => {
      const seen: unknown[] = [];
      loop.defaultExceptionHandler = (context) => {
        seen.push(context);
      };
      const context = { message: 'something happened' };
      loop.callExceptionHandler(context);
      expect(seen).toEqual([context]);
    },
  );
});

section('loop', 'Debug Mode', () => {
  statement(
    'loop.debug.toggle',
    'debug mode is off by default and setDebug/getDebug switch it',
    ({ loop }) => {
      const initial = loop.getDebug();
      expect(typeof initial).toBe('boolean');
      loop.setDebug(true);
      expect(loop.getDebug()).toBe(true);
      loop.setDebug(false);
      expect(loop.getDebug()).toBe(false);
    },
  );

  statement(
    'loop.debug.slow-callback-duration',
    'slowCallbackDuration defaults to 0.1 seconds and can be assigned',
    ({ loop }) => {
      expect(loop.slowCallbackDuration).toBe(0.1);
      loop.slowCallbackDuration = 0.5;
      expect(loop.slowCallbackDuration).toBe(0.5);
    },
  );
});
