// Loads the suite's runner for the scripts in this directory: from the TypeScript sources through
// tsx in this repository (no build needed), from dist/ otherwise.
import { existsSync } from 'node:fs';

const inRepository = existsSync(new URL('../tsconfig.json', import.meta.url));
if (inRepository) await import('../bin/register-source.mjs');
const base = inRepository ? '../src/' : '../dist/';
const ext = inRepository ? '.ts' : '.js';

/** The suite's modules: runner, reporters. */
export const { runConformance } = await import(new URL(`${base}runner${ext}`, import.meta.url).href);
export const reporters = await import(new URL(`${base}reporters${ext}`, import.meta.url).href);
