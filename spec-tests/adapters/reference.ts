/**
 * The reference implementation's adapter: every feature supported.
 * @module
 */
import { newEventLoop } from 'pep3156';
import type { ConformanceAdapter } from '../src/adapter.js';

export default {
  name: 'pep3156 (reference)',
  newEventLoop,
} satisfies ConformanceAdapter;
