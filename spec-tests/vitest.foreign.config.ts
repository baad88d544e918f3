import { defineProject } from 'vitest/config';
import { sourceResolution } from '../vitest.shared.mjs';

// The conformance suite run against a loop written from scratch (test/fixtures/foreign/): its own
// Handle, Future and Task, none of the reference's classes. The reference helpers run on it only
// through the public running-loop hook (setRunningLoop, enterTask). Every I/O section is declared
// unsupported by its adapter.
export default defineProject({
  ...sourceResolution,
  test: {
    name: 'conformance-foreign',
    include: ['tests/**/*.test.ts'],
    setupFiles: ['./src/setup.ts'],
    env: { PEP3156_ADAPTER: new URL('./test/fixtures/foreign/adapter.ts', import.meta.url).pathname },
  },
});
