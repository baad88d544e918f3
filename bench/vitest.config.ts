import { defineProject } from 'vitest/config';
import { sourceResolution } from '../vitest.shared.mjs';

export default defineProject({
  ...sourceResolution,
  test: { name: 'bench', include: ['**/*.test.ts'], exclude: ['**/node_modules/**'] },
});
