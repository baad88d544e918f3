/**
 * The reference implementation's adapter: every feature supported.
 * @module
 */
import { createRequire } from 'node:module';
import { newEventLoop } from 'pep3156';
import type { ConformanceAdapter } from '../src/adapter.js';

const { version } = createRequire(import.meta.url)('pep3156/package.json') as { version: string };

export default {
  name: 'pep3156 (reference)',
  version,
  newEventLoop,
} satisfies ConformanceAdapter;
