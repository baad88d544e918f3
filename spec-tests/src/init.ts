/**
 * `pep3156-conformance init <loop module>`: writes a conformance adapter for the user's loop. It
 * loads the module, finds the loop class or factory, makes one loop, and lists in `unsupported`
 * every feature whose loop methods that loop lacks, naming them; the user then runs the suite on
 * the file as written and takes features out of the list as the loop grows.
 * @module
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Feature } from './adapter.js';
import { FROM_SOURCE, siteLink } from './package-info.js';

/**
 * The loop methods each feature's tests call. A loop that lacks one of them gets the feature in
 * `unsupported`. `scheduler`, `sync` and `async-functions` need no method of their own (the
 * reference's functions run on the loop), and `sockets` also needs socket hooks that only the user
 * can write, so `init` always lists it.
 */
export const FEATURE_METHODS: Readonly<Partial<Record<Feature, readonly string[]>>> = {
  loop: [
    'callSoon',
    'callLater',
    'callAt',
    'time',
    'runForever',
    'runUntilComplete',
    'stop',
    'isRunning',
    'isClosed',
    'close',
    'setExceptionHandler',
    'getExceptionHandler',
    'callExceptionHandler',
    'defaultExceptionHandler',
  ],
  future: ['createFuture'],
  task: ['createTask', 'setTaskFactory', 'getTaskFactory'],
  debug: ['getDebug', 'setDebug'],
  executor: ['runInExecutor', 'setDefaultExecutor', 'shutdownDefaultExecutor'],
  signals: ['addSignalHandler', 'removeSignalHandler'],
  subprocess: ['subprocessExec', 'subprocessShell'],
  transport: ['createConnection', 'createServer'],
  protocol: ['createConnection', 'createServer'],
  server: ['createConnection', 'createServer'],
  datagram: ['createDatagramEndpoint'],
  streams: ['createConnection', 'createServer'],
  dns: ['getaddrinfo', 'getnameinfo'],
  tls: ['createConnection', 'createServer', 'startTls'],
  pipes: ['connectReadPipe', 'connectWritePipe'],
  unix: ['createUnixConnection', 'createUnixServer'],
  sockets: [
    'sockRecv',
    'sockRecvInto',
    'sockSendall',
    'sockConnect',
    'sockAccept',
    'addReader',
    'removeReader',
    'addWriter',
    'removeWriter',
  ],
};

/** A feature the loop cannot run, and why. */
export interface MissingFeature {
  feature: Feature;
  /** The loop methods it lacks (empty for `sockets` when only the hooks are missing). */
  missing: string[];
}

/** The features `loop` cannot run, in FEATURE_METHODS order; `sockets` always (it needs hooks). */
export function missingFeatures(loop: object): MissingFeature[] {
  const has = (name: string) => typeof (loop as Record<string, unknown>)[name] === 'function';
  const out: MissingFeature[] = [];
  for (const [feature, methods] of Object.entries(FEATURE_METHODS) as [Feature, string[]][]) {
    const missing = methods.filter((m) => !has(m));
    if (missing.length || feature === 'sockets') out.push({ feature, missing });
  }
  return out;
}

/** What {@link adapterSource} writes. */
export interface AdapterSkeleton {
  /** The adapter's `name`. */
  name: string;
  /** The import specifier of the loop module, as the adapter file will write it. */
  from: string;
  /** The export that makes loops (`default` for the default export). */
  exportName: string;
  /** Whether loops are made with `new` (a class) or by a call (a factory function). */
  construct: 'new' | 'call';
  /** The features to declare unsupported. */
  unsupported: MissingFeature[];
}

/** The adapter module's text. */
export function adapterSource(s: AdapterSkeleton): string {
  const local = s.exportName === 'default' ? 'makeLoop' : s.exportName;
  const importLine =
    s.exportName === 'default'
      ? `import ${local} from '${s.from}';`
      : `import { ${local} } from '${s.from}';`;
  const make = s.construct === 'new' ? `new ${local}()` : `${local}()`;
  const lacking = s.unsupported.some((u) => u.missing.length > 0);
  const rows = s.unsupported.map(({ feature, missing }) => {
    const why = missing.length
      ? `no ${missing.join(', ')}`
      : 'needs socket hooks: newTcpSocket, listenTcp, close (see the README)';
    return `    '${feature}', // ${why}`;
  });
  return `/**
 * The conformance adapter for ${s.name}, written by \`pep3156-conformance init\`.
 * Run: npx pep3156-conformance ./${'<this file>'}
 *
 * \`unsupported\` lists the features whose loop methods the loop lacked when this file was written:
 * take a feature out when the loop gains them, and its tests run.
 * @module
 */
${lacking ? "import type { AbstractEventLoop } from 'pep3156/spec';\n" : ''}import type { ConformanceAdapter } from 'pep3156-conformance';
${importLine}

const adapter: ConformanceAdapter = {
  name: ${JSON.stringify(s.name)},
  version: '0.0.0',
  // A fresh loop for each test: not running, not closed, not installed as the current loop.
  newEventLoop: () => ${lacking ? `${make} as unknown as AbstractEventLoop` : make},
  // Features the loop does not provide: their tests are reported "unsupported", never "failed".
  unsupported: [
${rows.join('\n')}
  ],
  // Statement ids you know the loop breaks: still run; a failure is expected, a pass is not.
  knownFailures: [],
};

export default adapter;
`;
}

/** Whether `fn` is a class (called with `new`). */
function isClass(fn: (...args: unknown[]) => unknown): boolean {
  return /^class\b/.test(Function.prototype.toString.call(fn));
}

/** A loop made from `value` (a class or a factory), or undefined when it does not make one. */
function tryMake(value: unknown): { loop: object; construct: 'new' | 'call' } | undefined {
  if (typeof value !== 'function') return undefined;
  const fn = value as (...args: unknown[]) => unknown;
  const construct = isClass(fn) ? 'new' : 'call';
  try {
    const loop = construct === 'new' ? new (fn as unknown as new () => unknown)() : fn();
    if (loop && typeof loop === 'object' && typeof (loop as { callSoon?: unknown }).callSoon === 'function')
      return { loop, construct };
  } catch {
    // not a loop maker (needs arguments, or is something else)
  }
  return undefined;
}

/** Imports the loop module: natively for JavaScript, through vitest's module runner for TypeScript. */
async function importModule(file: string): Promise<Record<string, unknown>> {
  if (FROM_SOURCE || !/\.[cm]?tsx?$/.test(file)) return import(pathToFileURL(file).href);
  const { createVitest } = await import('vitest/node');
  const vitest = await createVitest(
    'test',
    { root: path.dirname(file), config: false, watch: false },
    { logLevel: 'error' },
  );
  try {
    return await vitest.import<Record<string, unknown>>(file);
  } finally {
    await vitest.close();
  }
}

/** The `init` subcommand. Returns the exit code (0 written, 2 no loop found, 3 usage). */
export async function init(
  argv: string[],
  io: { stdout(text: string): void; stderr(text: string): void; cwd: string },
): Promise<number> {
  let values: { export?: string; out?: string; name?: string; force?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        export: { type: 'string' },
        out: { type: 'string' },
        name: { type: 'string' },
        force: { type: 'boolean' },
      },
    }));
  } catch (error) {
    io.stderr(`pep3156-conformance init: ${(error as Error).message}\n${INIT_HELP}`);
    return 3;
  }
  if (positionals.length !== 1) {
    io.stderr(`pep3156-conformance init: give the module that exports your loop\n${INIT_HELP}`);
    return 3;
  }
  const file = path.resolve(io.cwd, positionals[0]);
  if (!existsSync(file)) {
    io.stderr(`pep3156-conformance init: no such module: ${file}\n`);
    return 2;
  }
  const out = path.resolve(io.cwd, values.out ?? 'conformance-adapter.ts');
  if (existsSync(out) && !values.force) {
    io.stderr(`pep3156-conformance init: ${out} exists (--force to overwrite)\n`);
    return 3;
  }
  let mod: Record<string, unknown>;
  try {
    mod = await importModule(file);
  } catch (error) {
    io.stderr(
      `pep3156-conformance init: ${positionals[0]} failed to load:\n${(error as Error)?.stack ?? error}\n`,
    );
    return 2;
  }
  const names = values.export ? [values.export] : Object.keys(mod);
  const found = names
    .map((name) => ({ name, made: tryMake(mod[name]) }))
    .filter((c): c is { name: string; made: NonNullable<ReturnType<typeof tryMake>> } => !!c.made);
  if (found.length !== 1) {
    const why = found.length
      ? `several exports make loops (${found.map((c) => c.name).join(', ')}): choose one with --export NAME`
      : values.export
        ? `the export ${values.export} is not a class or function that makes a loop without arguments`
        : 'no export is a class or function that makes a loop (an object with callSoon) without arguments';
    io.stderr(`pep3156-conformance init: ${why}\n`);
    return 2;
  }
  const [{ name: exportName, made }] = found;
  const unsupported = missingFeatures(made.loop);
  try {
    (made.loop as { close?: () => void }).close?.();
  } catch {
    // a loop that cannot close yet: nothing to clean up then
  }
  let from = path.relative(path.dirname(out), file).split(path.sep).join('/');
  if (!from.startsWith('.')) from = `./${from}`;
  from = from
    .replace(/\.ts$/, '.js')
    .replace(/\.mts$/, '.mjs')
    .replace(/\.cts$/, '.cjs');
  const name =
    values.name ?? (exportName === 'default' ? path.basename(file).replace(/\.[^.]+$/, '') : exportName);
  const source = adapterSource({ name, from, exportName, construct: made.construct, unsupported }).replace(
    './<this file>',
    `./${path.relative(io.cwd, out).split(path.sep).join('/')}`,
  );
  writeFileSync(out, source);
  io.stdout(
    `wrote ${path.relative(io.cwd, out)}: ${exportName} (${made.construct === 'new' ? 'a class' : 'a factory'}), ` +
      `${unsupported.length} feature(s) unsupported: ${unsupported.map((u) => u.feature).join(', ')}\n` +
      `next: npx pep3156-conformance ./${path.relative(io.cwd, out).split(path.sep).join('/')}\n` +
      `guide: ${siteLink('docs/guides/running-the-conformance-suite')}\n`,
  );
  return 0;
}

/** The `init` usage text. */
export const INIT_HELP = `Usage: pep3156-conformance init <loop module> [--export NAME] [--out FILE] [--name NAME] [--force]

Writes a conformance adapter (default ./conformance-adapter.ts) for the loop that <loop module>
exports (a class, or a function returning a loop, called without arguments), with "unsupported"
listing every feature whose loop methods that loop lacks.
`;
