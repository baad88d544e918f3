/**
 * vitest setup file: loads the adapter module named by `PEP3156_ADAPTER` (default: the reference
 * implementation's adapter) before any test file loads.
 * @module
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ConformanceAdapter } from './adapter.js';
import { setAdapter } from './current-adapter.js';

const specifier = process.env.PEP3156_ADAPTER ?? new URL('../adapters/reference.ts', import.meta.url).href;
const url = /^[a-z]+:/i.test(specifier) ? specifier : pathToFileURL(path.resolve(specifier)).href;
const mod = (await import(url)) as { default?: ConformanceAdapter };
if (!mod.default) throw new Error(`pep3156-conformance: ${specifier} has no default export`);
setAdapter(mod.default);
