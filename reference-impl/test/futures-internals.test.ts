// The reference Future's own promises beyond the conformance suite.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { type ExceptionContext, Future, newEventLoop } from 'pep3156';
import { describe, expect, it } from 'vitest';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

describe('Future', () => {
  it('[future.ref.unretrieved] reports an exception nobody retrieved once the future is collected', async () => {
    const loop = newEventLoop();
    const seen: ExceptionContext[] = [];
    loop.setExceptionHandler((_l, context) => {
      seen.push(context);
    });
    (() => {
      const retrieved = new Future<number>(loop);
      retrieved.setException(new Error('looked at'));
      retrieved.exception();
      const forgotten = new Future<number>(loop);
      forgotten.setException(new RangeError('never looked at'));
    })();
    // Finalizers run some time after a collection: give them a bounded number of turns.
    for (let i = 0; i < 50 && seen.length === 0; i++) {
      gc();
      await new Promise((r) => setTimeout(r, 5));
    }
    loop.close();
    expect(seen.map((c) => (c.exception as Error).message)).toEqual(['never looked at']);
    expect(seen[0].message).toMatch(/never retrieved/);
  });

  it('[future.ref.errors.stricter] refuses a CancelledError as exception and a done callback that is not a function', () => {
    const loop = newEventLoop();
    const pending = new Future<number>(loop);
    const other = new Future<number>(loop);
    other.cancel();
    let cancelledError: unknown;
    try {
      other.result();
    } catch (error) {
      cancelledError = error;
    }
    expect(() => pending.setException(cancelledError as Error)).toThrow(TypeError);
    expect(() => pending.addDoneCallback(42 as never)).toThrow(/callback|fn|function/i);
    expect(() => pending.addDoneCallback(42 as never)).toThrow(TypeError);
    expect(pending.done(), 'neither settled the future').toBe(false);
    loop.close();
  });

  it('[future.ref.constructor] checks its loop and describes itself by class and state', () => {
    for (const bad of [null, undefined, 42, {}, { callSoon: 1 }]) {
      expect(() => new Future(bad as never), String(bad)).toThrow(TypeError);
    }
    const loop = newEventLoop();
    const f = new Future<number>(loop);
    expect(f.getLoop()).toBe(loop);
    expect(String(f)).toBe('<Future PENDING>');
    f.setResult(1);
    expect(String(f)).toBe('<Future FINISHED>');
    const c = new Future<number>(loop);
    c.cancel();
    expect(String(c)).toBe('<Future CANCELLED>');
    loop.close();
  });
});
