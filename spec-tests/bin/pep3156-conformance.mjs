#!/usr/bin/env node
// pep3156-conformance <adapter module> [options]: see spec-tests/README.md or --help.
// Runs from dist/ when the package is built and installed; from the TypeScript sources (through
// tsx) inside this repository, where tsconfig.json sits next to this package's package.json.
import { existsSync } from 'node:fs';

const dist = new URL('../dist/cli.js', import.meta.url);
const inRepository = existsSync(new URL('../tsconfig.json', import.meta.url));
let entry = dist;
if (!existsSync(dist) || inRepository) {
  await import('./register-source.mjs');
  entry = new URL('../src/cli.ts', import.meta.url);
}
const { cli } = await import(entry.href);
process.exit(await cli(process.argv.slice(2)));
