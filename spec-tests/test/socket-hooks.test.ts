// The adapter's optional socket hooks (adapter.sockets): the shape check names a bad hook, and a
// well-formed set passes.
import { describe, expect, it } from 'vitest';
import { validateAdapter } from '../src/validate.js';

const base = { name: 'x', newEventLoop: () => null };

describe('adapter.sockets', () => {
  it('is optional, and three functions pass', () => {
    expect(validateAdapter(base).problems).toEqual([]);
    const sockets = {
      newTcpSocket: () => ({}),
      listenTcp: async () => ({ sock: {}, port: 1 }),
      close: () => {},
    };
    const check = validateAdapter({ ...base, sockets });
    expect(check.problems).toEqual([]);
    expect(check.warnings).toEqual([]);
  });

  it('names what is not an object, and each hook that is not a function', () => {
    expect(validateAdapter({ ...base, sockets: 42 }).problems).toEqual([
      'adapter.sockets must be an object of socket hooks (got a number (42))',
    ]);
    const problems = validateAdapter({
      ...base,
      sockets: { newTcpSocket: () => ({}), close: 'no' },
    }).problems;
    expect(problems).toEqual([
      'adapter.sockets.listenTcp must be a function (got undefined)',
      'adapter.sockets.close must be a function (got a string ("no"))',
    ]);
  });
});
