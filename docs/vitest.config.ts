import { defineProject } from 'vitest/config';
import { sourceResolution } from '../vitest.shared.mjs';

export default defineProject({
  ...sourceResolution,
  test: { name: 'docs', include: ['**/*.test.{ts,mts}'], exclude: ['**/node_modules/**'] },
});
