// The adapter's type follows its declared features (LoopFor, defineAdapter), and each new loop is
// checked at run time against the same table (FEATURE_LOOP_METHODS), with a message that names the
// missing methods per feature. The @ts-expect-error lines are checked by `tsc -p spec-tests`.
import { newEventLoop } from 'pep3156';
import type { AbstractEventLoop } from 'pep3156/spec';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  CORE_LOOP_METHODS,
  type ConformanceAdapter,
  defineAdapter,
  FEATURE_LOOP_METHODS,
  FEATURES,
  type LoopFor,
} from '../src/adapter.js';
import { missingFeatureMethods, newCheckedLoop } from '../src/validate.js';

/** A loop with only what a loop without any I/O needs (the members of `LoopFor` for those features). */
function minimalLoop(): LoopFor<
  | 'executor'
  | 'signals'
  | 'subprocess'
  | 'transport'
  | 'protocol'
  | 'server'
  | 'datagram'
  | 'streams'
  | 'dns'
  | 'tls'
  | 'pipes'
  | 'unix'
  | 'sockets'
> {
  const full = newEventLoop();
  const members = [...CORE_LOOP_METHODS, ...FEATURE_LOOP_METHODS.loop] as const;
  const loop = Object.fromEntries(
    members.map((m) => {
      const value = full[m];
      return [m, typeof value === 'function' ? value.bind(full) : value];
    }),
  );
  return loop as unknown as ReturnType<typeof minimalLoop>;
}

const IO = [
  'executor',
  'signals',
  'subprocess',
  'transport',
  'protocol',
  'server',
  'datagram',
  'streams',
  'dns',
  'tls',
  'pipes',
  'unix',
  'sockets',
] as const;

describe('the adapter type', () => {
  it('with nothing unsupported, a loop must be the whole AbstractEventLoop', () => {
    expectTypeOf<LoopFor>().toEqualTypeOf<Pick<AbstractEventLoop, keyof AbstractEventLoop>>();
    // The core methods and the features' table cover every member of the loop.
    const covered = new Set<string>([
      ...CORE_LOOP_METHODS,
      ...FEATURES.flatMap((f) => FEATURE_LOOP_METHODS[f]),
    ]);
    const sample = newEventLoop();
    const uncoveredLoopMethods = [...covered].filter((m) => !(m in sample));
    expect(uncoveredLoopMethods, 'every listed member exists on the reference loop').toEqual([]);
    sample.close();
  });

  it('defineAdapter infers the unsupported features and accepts a loop without their methods', () => {
    const adapter = defineAdapter({ name: 'no I/O', newEventLoop: minimalLoop, unsupported: IO });
    expectTypeOf(adapter).toEqualTypeOf<ConformanceAdapter<(typeof IO)[number]>>();
    // A typed adapter is still a ConformanceAdapter, as the runner takes it.
    const loose: ConformanceAdapter = adapter;
    expect(loose.name).toBe('no I/O');
  });

  it('the compiler names the method a supported feature misses', () => {
    defineAdapter({
      name: 'claims dns',
      // @ts-expect-error: Property 'getaddrinfo' is missing (dns is not declared unsupported)
      newEventLoop: minimalLoop,
      unsupported: IO.filter((f): f is Exclude<(typeof IO)[number], 'dns'> => f !== 'dns'),
    });
    defineAdapter({
      name: 'nothing declared',
      // @ts-expect-error: without `unsupported` the whole loop is required
      newEventLoop: minimalLoop,
    });
    expect(true).toBe(true);
  });
});

describe('the run-time check of each loop', () => {
  const claimsDns: ConformanceAdapter = {
    name: 'claims dns and tls',
    newEventLoop: minimalLoop,
    unsupported: IO.filter((f) => f !== 'dns' && f !== 'tls'),
  };

  it('names, per supported feature, every method the loop lacks', () => {
    expect(missingFeatureMethods(claimsDns, minimalLoop())).toEqual([
      { feature: 'dns', missing: ['getaddrinfo', 'getnameinfo'] },
      { feature: 'tls', missing: ['startTls', 'createConnection', 'createServer'] },
    ]);
    expect(() => newCheckedLoop(claimsDns, ['dns'])).toThrow(
      /dns needs getaddrinfo, getnameinfo; tls needs startTls, createConnection, createServer\. Implement them, or list those features in adapter\.unsupported/,
    );
  });

  it('fails only the tests that need such a feature', () => {
    const loop = newCheckedLoop(claimsDns, ['loop', 'future']);
    expect(loop.isClosed()).toBe(false);
  });

  it('accepts a loop without the methods of the features declared unsupported', () => {
    const adapter: ConformanceAdapter = { name: 'no I/O', newEventLoop: minimalLoop, unsupported: IO };
    expect(missingFeatureMethods(adapter, minimalLoop())).toEqual([]);
    for (const feature of FEATURES) expect(() => newCheckedLoop(adapter, [feature])).not.toThrow();
  });
});
