#!/usr/bin/env node
// Builds the docs site (docusaurus build: broken links and anchors fail it, TypeDoc validation
// fails it on an undocumented export) and prints the build time, the built size and the largest
// page weight (an HTML page plus the JS and CSS it loads).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const gen = spawnSync(process.execPath, ['scripts/gen-rosetta.mjs', '--check'], { stdio: 'inherit' });
if (gen.status !== 0) process.exit(gen.status ?? 1);
const started = Date.now();
const r = spawnSync(path.join(root, 'node_modules/.bin/docusaurus'), ['build'], { stdio: 'inherit' });
const seconds = (Date.now() - started) / 1000;
if (r.status !== 0) process.exit(r.status ?? 1);

const files = [];
const walk = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else files.push(p);
  }
};
walk(path.join(root, 'build'));
const total = files.reduce((n, f) => n + statSync(f).size, 0);
let largest = { page: '', bytes: 0 };
for (const f of files.filter((x) => x.endsWith('.html'))) {
  const html = readFileSync(f, 'utf8');
  let bytes = statSync(f).size;
  for (const m of html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)) {
    try {
      bytes += statSync(path.join(root, 'build', m[1])).size;
    } catch {
      // not a local asset
    }
  }
  if (bytes > largest.bytes) largest = { page: path.relative(path.join(root, 'build'), f), bytes };
}
const mb = (n) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
console.log(
  `site: built in ${seconds.toFixed(1)} s; ${files.length} files, ${mb(total)}; largest page ${largest.page} at ${mb(largest.bytes)} (HTML + JS + CSS)`,
);
