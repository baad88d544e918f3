import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The conformance suite as Stryker's only tests (stryker.config.mjs). Stryker copies the repository
// into a sandbox but links node_modules back to the original, where the `pep3156` workspace link
// points at the original, unmutated sources: so `pep3156` is aliased here to this copy's sources.
const here = path.dirname(fileURLToPath(import.meta.url));
const src = path.join(here, '..', 'reference-impl', 'src');
const conditions = ['source', 'module', 'node', 'development|production'];

export default defineConfig({
  root: here,
  resolve: {
    conditions,
    alias: [
      { find: /^pep3156$/, replacement: path.join(src, 'index.ts') },
      { find: /^pep3156\/core$/, replacement: path.join(src, 'core.ts') },
      { find: /^pep3156\/spec$/, replacement: path.join(src, 'spec', 'index.ts') },
      { find: /^pep3156\/testing$/, replacement: path.join(src, 'testing', 'index.ts') },
    ],
  },
  ssr: { resolve: { conditions, externalConditions: ['source'] } },
  test: {
    // The sections that reach the mutated modules (the loop, futures, tasks); the network sections
    // would multiply the time per mutant without reaching them.
    include: ['loop', 'future', 'task', 'scheduler', 'sync'].map((s) => `tests/${s}/**/*.test.ts`),
    setupFiles: ['./src/setup.ts'],
    testTimeout: 5000,
    hookTimeout: 5000,
  },
});
