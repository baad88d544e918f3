import { defineProject } from 'vitest/config';
import { sourceResolution } from '../vitest.shared.mjs';

export default defineProject({
  ...sourceResolution,
  test: { name: 'reference-impl', include: ['test/**/*.test.ts'] },
});
