#!/usr/bin/env node
// `npm start`: the docs site when it exists, else the conformance report.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const args = existsSync('docusaurus.config.ts')
  ? ['node_modules/.bin/docusaurus', ['start', '--host', '127.0.0.1']]
  : ['node_modules/.bin/vitest', ['run', '--project', 'spec-tests']];
const r = spawnSync(args[0], args[1], { stdio: 'inherit' });
process.exit(r.status ?? 1);
