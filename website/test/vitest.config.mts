import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Browser checks of the built site (build/), run by `npm test` after the site build.
export default defineConfig({
  test: {
    name: 'browser',
    root: path.dirname(fileURLToPath(import.meta.url)),
    include: ['*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 90_000,
    fileParallelism: false,
  },
});
