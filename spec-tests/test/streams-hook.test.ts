// The adapter's optional streams (adapter.streams): the shape check names a bad entry, and the
// streams section takes the adapter's own classes and functions over the reference's.
import * as reference from 'pep3156';
import { afterEach, describe, expect, it } from 'vitest';
import { setAdapter } from '../src/current-adapter.js';
import { validateAdapter } from '../src/validate.js';
import { streamsApi } from '../tests/support/streams.js';

const base = { name: 'x', newEventLoop: () => null };
const KEY = Symbol.for('pep3156-conformance.adapter');
const before = (globalThis as Record<symbol, unknown>)[KEY];
afterEach(() => {
  (globalThis as Record<symbol, unknown>)[KEY] = before;
});

describe('adapter.streams', () => {
  it('is optional, and functions and classes of the known names pass', () => {
    expect(validateAdapter(base).problems).toEqual([]);
    const check = validateAdapter({ ...base, streams: { StreamReader: class {}, openConnection: () => {} } });
    expect(check.problems).toEqual([]);
    expect(check.warnings).toEqual([]);
  });

  it('names what is not an object, an unknown name, and an entry that is not a function', () => {
    expect(validateAdapter({ ...base, streams: 1 }).problems).toEqual([
      'adapter.streams must be an object (got a number (1))',
    ]);
    const problems = validateAdapter({
      ...base,
      streams: { openConnection: 'no', readAll: () => {} },
    }).problems;
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^adapter\.streams\.openConnection must be a function or class/);
    expect(problems[1]).toMatch(/^adapter\.streams\.readAll is not one of StreamReader, /);
  });

  it("gives the adapter's own streams, and the reference's for what it leaves out", () => {
    const openConnection = (() => {}) as unknown as typeof reference.openConnection;
    setAdapter({ ...base, newEventLoop: reference.newEventLoop, streams: { openConnection } });
    const api = streamsApi();
    expect(api.openConnection).toBe(openConnection);
    expect(api.startServer).toBe(reference.startServer);
    expect(api.StreamReader).toBe(reference.StreamReader);
  });
});
