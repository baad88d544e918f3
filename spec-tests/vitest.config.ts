import { defineProject } from 'vitest/config';
import { sourceResolution } from '../vitest.shared.mjs';

// The conformance suite run against the reference implementation (tests/). The suite's own tests of
// its runner, reporters and hostile adapters (test/) are the project in test/vitest.config.ts.
export default defineProject({
  ...sourceResolution,
  test: {
    name: 'spec-tests',
    include: ['tests/**/*.test.ts'],
    setupFiles: ['./src/setup.ts'],
  },
});
