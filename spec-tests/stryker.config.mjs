// Stryker: mutants of the reference implementation's core (the loop, futures, tasks), killed by the
// conformance suite alone (through the reference adapter, so vitest.related must be off: no test file
// imports the mutated modules directly). Run with `npm run mutation` (from the repository root).
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'spec-tests/vitest.mutation.config.ts', related: false },
  mutate: [
    'reference-impl/src/events/**/*.ts',
    'reference-impl/src/futures.ts',
    'reference-impl/src/tasks.ts',
  ],
  ignorePatterns: ['website', 'docs', 'build', 'reports', '.docusaurus', 'examples', 'bench', '.tmp', '.ci'],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 10_000,
  timeoutFactor: 1.5,
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
