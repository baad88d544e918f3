import { defineProject } from 'vitest/config';
import { sourceResolution } from '../vitest.shared.mjs';

// The conformance suite run against the virtual-time TestLoop: the independent second
// implementation (every I/O section is declared unsupported by its adapter).
export default defineProject({
  ...sourceResolution,
  test: {
    name: 'conformance-testloop',
    include: ['tests/**/*.test.ts'],
    setupFiles: ['./src/setup.ts'],
    env: { PEP3156_ADAPTER: new URL('./adapters/test-loop.ts', import.meta.url).pathname },
  },
});
