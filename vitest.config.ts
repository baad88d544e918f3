import { defineConfig } from 'vitest/config';

// One vitest run, several projects: the reference implementation's own tests, the conformance
// suite run against the reference implementation, the suite's own tests, examples and docs samples.
export default defineConfig({
  test: {
    projects: [
      ...['reference-impl', 'spec-tests', 'examples', 'docs', 'bench'].map(
        (dir) => `${dir}/vitest.config.ts`,
      ),
      'spec-tests/test/vitest.config.ts',
      'spec-tests/vitest.testloop.config.ts',
      'spec-tests/vitest.foreign.config.ts',
    ],
  },
});
