import { defineProject } from 'vitest/config';

// The conformance suite run against the reference implementation (tests/), and the suite's own
// tests of its runner, reporters and hostile adapters (test/).
export default defineProject({
  resolve: { conditions: ['source'] },
  test: {
    name: 'spec-tests',
    include: ['tests/**/*.test.ts', 'test/**/*.test.ts'],
    setupFiles: ['./src/setup.ts'],
  },
});
