#!/usr/bin/env node
// Writes website/src/data/rosetta.generated.json (and the page docs/spec/rosetta-stone.mdx that shows it with
// website/src/components/RosettaStone.tsx) from docs/data/pep3156-inventory.tsv: every PEP 3156 and
// asyncio 3.4 name → its TypeScript name → the spec section and the statements that name it → how
// it maps onto Node → its page in the API reference, grouped under readable headings.
// Every TypeScript name is resolved against the packages' types with the compiler
// (scripts/rosetta-names.mjs): a name that does not exist fails the run (`—` says there is none).
// Deterministic; `--check` also fails if the outputs are stale.
//
// The API links follow TypeDoc's layout (docs/api is generated later, by the site build, which
// fails on a broken link or anchor): the exports of `pep3156` and `pep3156/spec` are read with the
// TypeScript compiler, and a name is documented where TypeDoc documents it, a member under its
// heading's anchor.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createResolver, parseName } from './rosetta-names.mjs';

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
// One compiler program for the API links and for checking that every name exists.
const resolver = createResolver();
const { program, checker } = resolver;
const resolve = (symbol) => (symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol);
const exportsOf = (file) =>
  new Map(
    checker
      .getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(file)))
      .map((e) => [e.name, resolve(e)]),
  );
const mainExports = exportsOf(MAIN);
const specExports = exportsOf(SPEC);
const API = '/docs/api/pep3156';

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

// ---- The names must be true -------------------------------------------------------------------
const NONE = '—';
const unresolved = records
  .filter((r) => r.ts_name !== NONE)
  .map((r) => [r, resolver.resolve(r.ts_name)])
  .filter(([, x]) => !x.ok)
  .map(([r, x]) => `${r.id} ${r.python_name} → ${r.ts_name}: ${x.reason}`);
if (unresolved.length > 0) {
  console.error(
    `docs/data/pep3156-inventory.tsv names ${unresolved.length} TypeScript name(s) that the packages do not export (write ${NONE} when there is none):\n  ${unresolved.join('\n  ')}`,
  );
  process.exit(1);
}

// ---- Groups under readable headings -------------------------------------------------------------
const GROUPS = [
  ['policy', 'Event loop policy', ['policy']],
  ['running', 'Running and closing a loop', ['loop-lifecycle']],
  ['callbacks', 'Callbacks, handles and time', ['loop-callbacks', 'handle', 'loop-time']],
  ['threads', 'Threads and executors', ['loop-threads']],
  ['errors', 'Errors and debug mode', ['loop-errors', 'loop-debug', 'exception']],
  ['futures', 'Futures', ['future']],
  ['tasks', 'Tasks and coroutines', ['task', 'coroutine']],
  ['waiting', 'Sleeping, gathering, waiting and timeouts', ['scheduler-fn']],
  ['sync', 'Locks, events, conditions, semaphores and barriers', ['sync']],
  ['queues', 'Queues', ['queue']],
  ['connections', 'Connections and name lookups', ['loop-net', 'loop-dns']],
  ['servers', 'Servers', ['server']],
  ['transports', 'Transports', ['transport', 'loop-pipes']],
  ['protocols', 'Protocols', ['protocol']],
  ['streams', 'Streams', ['streams']],
  ['subprocesses', 'Subprocesses', ['loop-subprocess', 'subprocess-hl']],
  ['sockets', 'Sockets, file descriptors and signals', ['loop-sock', 'loop-fd', 'loop-signals']],
];
/** The area of a name added after 3.4, from what it belongs to. */
const LATER = {
  run: 'loop-lifecycle',
  Runner: 'loop-lifecycle',
  getRunningLoop: 'loop-lifecycle',
  createTask: 'task',
  currentTask: 'task',
  allTasks: 'task',
  TaskGroup: 'task',
  Task: 'task',
  timeout: 'scheduler-fn',
  timeoutAt: 'scheduler-fn',
  Timeout: 'scheduler-fn',
  asCompleted: 'scheduler-fn',
  toThread: 'loop-threads',
  Barrier: 'sync',
  BrokenBarrierError: 'sync',
  Lock: 'sync',
  Condition: 'sync',
  Semaphore: 'sync',
  Future: 'future',
  isFuture: 'future',
  Server: 'server',
  StreamWriter: 'streams',
  StreamReader: 'streams',
  LimitOverrunError: 'streams',
  BufferedProtocol: 'protocol',
  BaseTransport: 'transport',
  ReadTransport: 'transport',
  Handle: 'handle',
  TimerHandle: 'handle',
  Queue: 'queue',
  QueueShutDown: 'queue',
  SendfileNotAvailableError: 'exception',
  eager_task_factory: 'task',
  create_eager_task_factory: 'task',
  'AbstractEventLoop.shutdown_asyncgens': 'loop-lifecycle',
  'AbstractEventLoop.shutdown_default_executor': 'loop-threads',
  'AbstractEventLoop.sendfile': 'loop-net',
  'AbstractEventLoop.start_tls': 'loop-net',
  'AbstractEventLoop.connect_accepted_socket': 'loop-net',
  AbstractEventLoop: 'loop-sock',
};
function areaOf(r) {
  if (r.area !== 'beyond-3.4') return r.area;
  const owner = (r.ts_name === NONE ? r.python_name : r.ts_name).split(/[.[]/)[0];
  const area = LATER[r.python_name] ?? LATER[owner] ?? LATER[r.python_name.split('.')[0]];
  if (!area) throw new Error(`gen-rosetta: no group for ${r.id} ${r.python_name}: add it to LATER`);
  return area;
}

// ---- Spec sections and the statements that name a row ------------------------------------------
const slug = (text) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .trim()
    .replace(/\s+/g, '-');
const specTitles = new Map();
for (const page of new Set(Object.values(PAGE).map((p) => p.split('#')[0]))) {
  const mdx = readFileSync(path.join(root, `docs/spec/${page}.mdx`), 'utf8');
  const title = /^title:\s*(.+)$/m.exec(mdx)?.[1]?.trim() ?? page;
  specTitles.set(page, title);
  for (const m of mdx.matchAll(/^#{2,3} (.+)$/gm))
    specTitles.set(`${page}#${slug(m[1])}`, `${title} § ${m[1].trim()}`);
}
const statements = Object.entries(
  JSON.parse(readFileSync(path.join(root, 'spec-tests/src/statements.generated.json'), 'utf8')),
);
/** Up to four statements of the row's spec page whose text names the TypeScript name in code. */
function statementsOf(tsName, page) {
  const parsed = parseName(tsName);
  if (!parsed) return [];
  const word = parsed.member ?? parsed.owner;
  const named = new RegExp(`\`[^\`]*\\b${word.replace(/\$/g, '\\$')}\\b[^\`]*\``);
  return statements
    .filter(([, s]) => s.page.startsWith(`/docs/spec/${page.split('#')[0]}#`) && named.test(s.text))
    .slice(0, 4)
    .map(([id, s]) => ({ id, href: s.page }));
}

// ---- The data the page shows ------------------------------------------------------------------
const anchors = new Set();
function anchorOf(pythonName) {
  const base = `py-${pythonName.replace(/[^A-Za-z0-9_.]+/g, '-')}`;
  let id = base;
  for (let n = 2; anchors.has(id); n++) id = `${base}-${n}`;
  anchors.add(id);
  return id;
}
let linked = 0;
const byArea = new Map();
for (const r of records) {
  const area = areaOf(r);
  const page = PAGE[area] ?? 'index';
  const api = r.ts_name === NONE ? null : apiLink(r.ts_name);
  if (api) linked += 1;
  const row = {
    id: anchorOf(r.python_name),
    python: r.python_name,
    ts: r.ts_name === NONE ? null : r.ts_name,
    direct: r.node_mapping === 'direct',
    mapping: r.node_mapping,
    note: r.note ?? '',
    since: r.in_asyncio_34 === 'no' ? (/\b3\.(\d+)/.exec(r.note ?? '')?.[0] ?? 'after 3.4') : null,
    spec: {
      href: `/docs/spec/${page}`,
      title: specTitles.get(page) ?? specTitles.get(page.split('#')[0]) ?? page,
    },
    statements: r.ts_name === NONE ? [] : statementsOf(r.ts_name, page),
    api,
  };
  byArea.set(area, [...(byArea.get(area) ?? []), row]);
}
const grouped = new Set();
const groups = GROUPS.map(([id, title, areas]) => {
  for (const a of areas) grouped.add(a);
  return { id, title, rows: areas.flatMap((a) => byArea.get(a) ?? []) };
});
const stray = [...byArea.keys()].filter((a) => !grouped.has(a));
if (stray.length > 0) throw new Error(`gen-rosetta: areas in no group: ${stray.join(', ')}`);
const json = `${JSON.stringify({ groups }, null, 1)}\n`;

const mdx = `---
sidebar_position: 15
title: Rosetta Stone
description: Every PEP 3156 and asyncio 3.4 name beside its TypeScript name, with its spec section, how it maps onto Node and its API page.
---

{/* Generated by scripts/gen-rosetta.mjs from docs/data/pep3156-inventory.tsv: do not edit by hand. */}

import RosettaStone from '@site/website/src/components/RosettaStone';

# Rosetta Stone

Every name of PEP 3156 and asyncio 3.4 (and the later additions today's users expect, marked with
the Python version that added them) beside its TypeScript name. Search for a name in either
language, or show only the names that behave differently on Node. Open a row for its spec section
and the statements that name it, how it maps onto Node, a note, and its page in the
[API reference](/docs/api). Every TypeScript name here is checked against the packages' types when
the site is built; — means there is none, and the row says what to use instead.

<RosettaStone />
`;

const outputs = [
  [path.join(root, 'website/src/data/rosetta.generated.json'), json],
  [path.join(root, 'docs/spec/rosetta-stone.mdx'), mdx],
];
if (process.argv.includes('--check')) {
  for (const [file, text] of outputs) {
    let current = '';
    try {
      current = readFileSync(file, 'utf8');
    } catch {
      // missing: stale
    }
    if (current !== text) {
      console.error(`${path.relative(root, file)} is stale: run node scripts/gen-rosetta.mjs`);
      process.exit(1);
    }
  }
} else {
  for (const [file, text] of outputs) writeFileSync(file, text);
  console.log(
    `wrote website/src/data/rosetta.generated.json and docs/spec/rosetta-stone.mdx (${records.length} names in ${groups.length} groups, ${linked} linked to the API reference, every TypeScript name resolved)`,
  );
}
