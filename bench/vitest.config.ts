import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['source'] },
  test: { name: 'bench', include: ['**/*.test.ts'], exclude: ['**/node_modules/**'], passWithNoTests: true },
});
