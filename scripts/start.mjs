#!/usr/bin/env node
// `npm start` (after the packages are built): serves the docs site with live reload at
// http://127.0.0.1:3000 (PORT to change it).
import { spawnSync } from 'node:child_process';

const port = process.env.PORT ?? '3000';
const r = spawnSync(
  'node_modules/.bin/docusaurus',
  ['start', '--host', '127.0.0.1', '--port', port, '--no-open'],
  {
    stdio: 'inherit',
  },
);
process.exit(r.status ?? 1);
