// spec-tests/tests/future/state.test.ts: PEP 3156 § Futures
// > cancel(). If the Future is already done (or cancelled), do nothing and return False. Otherwise,
// > this attempts to cancel the Future and returns True. ...
// > result(). Returns the result set with set_result(), or raises the exception set with set_exception().
import { expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { errorName, thrown } from '../support/index.js';

section('future', 'Futures', () => {
  statement(
    'future.state.pending',
    'a new future is pending: result() and exception() throw InvalidStateError',
    ({ loop }) => {
      const f = loop.createFuture<number>();
      expect(f.done()).toBe(false);
      expect(f.cancelled()).toBe(false);
      expect(errorName(thrown(() => f.result()))).toBe('InvalidStateError');
      expect(errorName(thrown(() => f.exception()))).toBe('InvalidStateError');
    },
  );

  statement(
    'future.result.set',
    'setResult makes the future done with that result and no exception',
    ({ loop }) => {
      const f = loop.createFuture<string>();
      f.setResult('value');
      expect(f.done()).toBe(true);
      expect(f.cancelled()).toBe(false);
      expect(f.result()).toBe('value');
      expect(f.exception()).toBeNull();
    },
  );

  statement(
    'future.exception.set',
    'setException makes result() throw that exception and exception() return it',
    ({ loop }) => {
      const f = loop.createFuture<string>();
      const boom = new RangeError('boom');
      f.setException(boom);
      expect(f.done()).toBe(true);
      expect(thrown(() => f.result())).toBe(boom);
      expect(f.exception()).toBe(boom);
    },
  );

  statement(
    'future.set.done-invalid',
    'setResult or setException on a done or cancelled future throws InvalidStateError',
    ({ loop }) => {
      const done = loop.createFuture<number>();
      done.setResult(1);
      expect(errorName(thrown(() => done.setResult(2)))).toBe('InvalidStateError');
      expect(errorName(thrown(() => done.setException(new Error('x'))))).toBe('InvalidStateError');
      expect(done.result(), 'nothing changed').toBe(1);
      const cancelled = loop.createFuture<number>();
      cancelled.cancel();
      expect(errorName(thrown(() => cancelled.setResult(2)))).toBe('InvalidStateError');
    },
  );

  statement(
    'future.set-exception.type-error',
    'setException with something that is not an Error throws TypeError',
    ({ loop }) => {
      const f = loop.createFuture<number>();
      expect(errorName(thrown(() => f.setException('nope' as unknown as Error)))).toBe('TypeError');
      expect(f.done(), 'the future is still pending').toBe(false);
    },
  );

  statement(
    'future.cancel.pending',
    'cancel() on a pending future returns true and makes it cancelled and done',
    ({ loop }) => {
      const f = loop.createFuture<number>();
      expect(f.cancel()).toBe(true);
      expect(f.cancelled()).toBe(true);
      expect(f.done()).toBe(true);
      expect(errorName(thrown(() => f.result()))).toBe('CancelledError');
      expect(errorName(thrown(() => f.exception()))).toBe('CancelledError');
    },
  );

  statement(
    'future.cancel.done-noop',
    'cancel() on a done future returns false and changes nothing',
    ({ loop }) => {
      const f = loop.createFuture<number>();
      f.setResult(3);
      expect(f.cancel()).toBe(false);
      expect(f.cancelled()).toBe(false);
      expect(f.result()).toBe(3);
      const c = loop.createFuture<number>();
      c.cancel();
      expect(c.cancel()).toBe(false);
    },
  );

  statement('future.loop.get', 'getLoop() returns the loop the future is bound to', ({ loop }) => {
    expect(loop.createFuture().getLoop()).toBe(loop);
  });
});
