#!/usr/bin/env node
// Writes docs/spec/rosetta-stone.mdx from docs/data/pep3156-inventory.tsv: every PEP 3156 and
// asyncio 3.4 name → its TypeScript name → the spec page → how it maps onto Node, with the names
// that differ in JavaScript and why, and → its page in the API reference. Deterministic; `--check`
// fails if the page is stale.
//
// The API links follow TypeDoc's layout (docs/api is generated later, by the site build, which
// fails on a broken link or anchor): the exports of `pep3156` and `pep3156/spec` are read with the
// TypeScript compiler, and a name is documented where TypeDoc documents it, a member under its
// heading's anchor.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsv = readFileSync(path.join(root, 'docs/data/pep3156-inventory.tsv'), 'utf8').trim().split('\n');
const [header, ...rows] = tsv;
const cols = header.split('\t');
const records = rows.map((line) => Object.fromEntries(line.split('\t').map((v, i) => [cols[i], v ?? ''])));

const PAGE = {
  policy: 'event-loop#event-loop-policy',
  'loop-lifecycle': 'event-loop#starting-stopping-and-closing',
  'loop-callbacks': 'event-loop#basic-callbacks-and-handles',
  'loop-time': 'event-loop#specifying-times',
  'loop-threads': 'event-loop#thread-interaction',
  'loop-errors': 'event-loop#error-handling',
  'loop-debug': 'event-loop#debug-mode',
  handle: 'event-loop#basic-callbacks-and-handles',
  future: 'futures',
  task: 'tasks-and-coroutines',
  coroutine: 'tasks-and-coroutines',
  'scheduler-fn': 'scheduler',
  sync: 'synchronization',
  queue: 'synchronization#queues',
  exception: 'event-loop#error-handling',
  transport: 'transports',
  protocol: 'protocols',
  server: 'servers',
  'loop-net': 'connections',
  'loop-dns': 'name-lookups',
  'loop-pipes': 'transports#pipe-transports',
  'loop-sock': 'node-differences',
  'loop-fd': 'node-differences',
  'loop-signals': 'event-loop',
  'loop-subprocess': 'subprocesses-and-executors',
  'subprocess-hl': 'subprocesses-and-executors',
  streams: 'streams',
  'beyond-3.4': 'scheduler',
};

const ts = createRequire(import.meta.url)('typescript');
const MAIN = path.join(root, 'reference-impl/src/index.ts');
const SPEC = path.join(root, 'reference-impl/src/spec/index.ts');
const program = ts.createProgram([MAIN, SPEC], {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  customConditions: ['source'],
  strict: true,
  skipLibCheck: true,
  noEmit: true,
  types: ['node'],
});
const checker = program.getTypeChecker();
const resolve = (symbol) => (symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol);
const exportsOf = (file) =>
  new Map(
    checker
      .getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(file)))
      .map((e) => [e.name, resolve(e)]),
  );
const mainExports = exportsOf(MAIN);
const specExports = exportsOf(SPEC);
const API = '/docs/api/reference-impl/src';

/** The API page of an exported name, with the symbol whose members it documents; or null. */
function apiPage(name) {
  const main = mainExports.get(name);
  const spec = specExports.get(name);
  const F = ts.SymbolFlags;
  if (main && main.flags & F.Class) return { url: `${API}/classes/${name}`, symbol: main };
  if (main && main.flags & F.Interface) return { url: `${API}/interfaces/${name}`, symbol: main };
  // An interface of the spec that the main entry exports as something else (Future, Task: a type
  // alias plus a constructor) is documented on the spec's page.
  if (spec && spec.flags & F.Interface) return { url: `${API}/spec/interfaces/${name}`, symbol: spec };
  if (!main) return null;
  if (main.flags & F.Function) return { url: `${API}/functions/${name}`, symbol: null };
  if (main.flags & F.TypeAlias) return { url: `${API}/type-aliases/${name}`, symbol: null };
  if (main.flags & F.Variable) return { url: `${API}/variables/${name}`, symbol: null };
  return null;
}

/** The API link of a TypeScript name (`X`, `X.member`, `X[Symbol.iterator]`), or null. */
function apiLink(tsName) {
  const m = /^([A-Za-z_$][\w$]*)(?:\.([A-Za-z_$][\w$]*)|\[Symbol\.(\w+)\])?$/.exec(tsName);
  if (!m) return null;
  const [, owner, member] = m; // a symbol-keyed member ([Symbol.iterator]) links to its owner’s page
  const page = apiPage(owner);
  if (member === undefined) return page?.url ?? null;
  if (page?.symbol) {
    const type = checker.getDeclaredTypeOfSymbol(page.symbol);
    if (checker.getPropertyOfType(type, member)) return `${page.url}#${member.toLowerCase()}`;
  }
  // A Python static method that is a function here (Task.all_tasks → allTasks).
  const fn = apiPage(member);
  if (fn && !fn.symbol) return fn.url;
  return page?.url ?? null;
}

const esc = (s) => s.replace(/\|/g, '\\|').replace(/[{}<>]/g, (c) => `&#${c.charCodeAt(0)};`);
const code = (s) => (s ? `\`${s.replace(/`/g, '')}\`` : '');
const mapping = (m) => (m === 'direct' ? 'direct' : esc(m));

const areas = [...new Set(records.map((r) => r.area))];
let linked = 0;
let out = `---
sidebar_position: 15
title: Rosetta Stone
description: Every PEP 3156 and asyncio 3.4 name, its TypeScript name, its spec page and how it maps onto Node.
---

{/* Generated by scripts/gen-rosetta.mjs from docs/data/pep3156-inventory.tsv: do not edit by hand. */}

# Rosetta Stone

Every name of PEP 3156 and asyncio 3.4 (and the later additions today's users expect, flagged
*beyond 3.4*), its TypeScript name, where the spec covers it, and how it maps onto Node.js. Names
marked *direct* behave as in Python; the others say what JavaScript forces and what stands in.
The last column links each TypeScript name to its page in the [API reference](/docs/api) (none:
the name has no equivalent here, as the note says).

`;
for (const area of areas) {
  out += `## ${area}\n\n| Python | TypeScript | spec | on Node | note | API |\n|---|---|---|---|---|---|\n`;
  for (const r of records.filter((x) => x.area === area)) {
    const page = PAGE[area] ?? 'index';
    const api = apiLink(r.ts_name);
    if (api) linked += 1;
    out += `| ${code(r.python_name)} | ${code(r.ts_name)} | [${page.split('#')[0]}](./${page}) | ${mapping(r.node_mapping)} | ${esc(r.note ?? '')} | ${api ? `[API](${api})` : ''} |\n`;
  }
  out += '\n';
}
const target = path.join(root, 'docs/spec/rosetta-stone.mdx');
if (process.argv.includes('--check')) {
  if (readFileSync(target, 'utf8') !== out) {
    console.error('docs/spec/rosetta-stone.mdx is stale: run node scripts/gen-rosetta.mjs');
    process.exit(1);
  }
} else {
  writeFileSync(target, out);
  console.log(
    `wrote docs/spec/rosetta-stone.mdx (${records.length} names, ${linked} linked to the API reference)`,
  );
}
