/**
 * The PEP 3156 conformance suite: describe a loop with {@link defineAdapter}, then run the suite
 * with {@link runConformance} or the `pep3156-conformance` command.
 * @module pep3156-conformance
 */
export * from './adapter.js';
export type { StatementContext, StatementMeta, StatementOptions } from './harness.js';
export { section, statement, supports } from './harness.js';
export type { MountOptions } from './mount.js';
export { mountConformance } from './mount.js';
export * from './report.js';
export type { ReporterName } from './reporters.js';
export {
  badgeValue,
  format,
  formatBadge,
  formatHuman,
  formatJson,
  formatJunit,
  formatMarkdown,
  REPORTERS,
} from './reporters.js';
export type { RunEvent, RunOptions } from './runner.js';
export { AdapterError, runConformance, UsageError } from './runner.js';
export type { AdapterCheck } from './validate.js';
export { validateAdapter } from './validate.js';
