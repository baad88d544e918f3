import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['source'] },
  test: { name: 'reference-impl', include: ['test/**/*.test.ts'] },
});
