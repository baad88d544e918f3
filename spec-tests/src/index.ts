/**
 * pep3156-conformance: the PEP 3156 conformance suite.
 * @module
 */
export * from './adapter.js';
export type { StatementContext, StatementOptions } from './harness.js';
export { section, statement, supports } from './harness.js';
