import { defineProject } from 'vitest/config';
import { sourceResolution } from '../../vitest.shared.mjs';

// The suite's own tests: the runner and its watchdog (against hostile adapters and small fixture
// suites), the reporters, the statement check and the broken implementations. Each runs the suite
// in child processes, so this project needs no adapter of its own.
export default defineProject({
  ...sourceResolution,
  test: {
    name: 'spec-tests-self',
    include: ['*.test.ts'],
    testTimeout: 60_000,
  },
});
