import { defineProject } from 'vitest/config';

// The suite's own tests: the runner and its watchdog (against hostile adapters and small fixture
// suites), the reporters, the statement check and the broken implementations. Each runs the suite
// in child processes, so this project needs no adapter of its own.
export default defineProject({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
  test: {
    name: 'spec-tests-self',
    include: ['*.test.ts'],
    testTimeout: 60_000,
  },
});
