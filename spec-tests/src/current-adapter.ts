/**
 * The adapter under test, set once per test process before the test files load.
 * @module
 */
import type { ConformanceAdapter } from './adapter.js';

const KEY = Symbol.for('pep3156-conformance.adapter');

/** Installs the adapter the tests of this process run against. */
export function setAdapter(adapter: ConformanceAdapter): void {
  (globalThis as Record<symbol, unknown>)[KEY] = adapter;
}

/** The adapter under test. */
export function getAdapter(): ConformanceAdapter {
  const adapter = (globalThis as Record<symbol, unknown>)[KEY] as ConformanceAdapter | undefined;
  if (!adapter) throw new Error('pep3156-conformance: no adapter installed (set PEP3156_ADAPTER)');
  return adapter;
}
