#!/usr/bin/env node
// The packages as a user gets them: builds both, packs them with `npm pack`, installs the tarballs
// in a fresh project in a temporary directory (offline: `npm install --offline --no-audit`; vitest
// and @types/node are linked from this workspace, as is TypeScript) and type-checks a consumer with
// `skipLibCheck: false` under moduleResolution bundler, node16 and nodenext, as ESM and as CommonJS.
// Then runs the consumer (ESM import and CommonJS require of both packages on this Node), checks
// each tarball has its README and that `engines` admits only Node versions that can require() it,
// that `pep3156-conformance init` in that project writes an adapter the suite runs, and that the
// repository's adapter template (examples/adapter-template), copied there as is, conforms.
//
// Usage: node scripts/check-packages.mjs [--keep]   (--keep leaves the temporary project in place)
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const keep = process.argv.includes('--keep');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'pep3156-packages-'));
const project = path.join(tmp, 'consumer');
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const failures = [];
let checks = 0;

function run(cmd, args, cwd, env = {}) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}`.trim() };
}

function check(label, fn) {
  checks++;
  const started = Date.now();
  try {
    const problem = fn();
    if (problem) throw new Error(problem);
    console.log(`  ok   ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (error) {
    failures.push(label);
    console.log(`  FAIL ${label}\n${String(error.message ?? error).replace(/^/gm, '       ')}`);
  }
}

const write = (file, text) => {
  mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
  writeFileSync(path.join(project, file), text);
};

try {
  console.log(`packages: building and packing into ${tmp}`);
  execFileSync(npm, ['run', 'build:packages'], { cwd: root, stdio: 'ignore' });
  const packed = JSON.parse(
    execFileSync(
      npm,
      ['pack', '-w', 'pep3156', '-w', 'pep3156-conformance', '--json', '--pack-destination', tmp],
      {
        cwd: root,
        encoding: 'utf8',
      },
    ),
  );
  const tarballs = packed.map((p) => path.join(tmp, p.filename));

  check(
    'each tarball has its README, package.json and built types; the suite its statements and site address',
    () => {
      const missing = packed.flatMap((p) =>
        [
          'README.md',
          'package.json',
          'dist/index.d.ts',
          ...(p.name === 'pep3156-conformance' ? ['site.json', 'src/statements.generated.json'] : []),
        ]
          .filter((f) => !p.files.some((x) => x.path === f))
          .map((f) => `${p.name}: no ${f}`),
      );
      return missing.join('\n');
    },
  );

  check('engines admit only Node versions that can require() an ES module (20.19, 22.12 on)', () => {
    const bad = [];
    for (const dir of ['reference-impl', 'spec-tests']) {
      const pkg = JSON.parse(readFileSync(path.join(root, dir, 'package.json'), 'utf8'));
      const m = /^>=(\d+)\.(\d+)/.exec(pkg.engines?.node ?? '');
      if (!m || Number(m[1]) < 20 || (Number(m[1]) === 20 && Number(m[2]) < 19))
        bad.push(`${pkg.name}: engines.node is "${pkg.engines?.node}", but require() of ESM needs >=20.19`);
    }
    return bad.join('\n');
  });

  mkdirSync(project);
  write('package.json', `${JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2)}\n`);
  check('npm install --offline of both tarballs in a fresh project', () => {
    const links = ['vitest', '@types/node'].map((m) => path.join(root, 'node_modules', m));
    const r = run(npm, ['install', '--offline', '--no-audit', '--no-fund', ...tarballs, ...links], project);
    return r.code === 0 ? '' : r.out;
  });

  // Every entry point, used in a way that needs its types.
  const esm = `import { type Coroutine, gather, newEventLoop, run, sleep } from 'pep3156';
import { Future } from 'pep3156/core';
import type { AbstractEventLoop } from 'pep3156/spec';
import { TestLoop } from 'pep3156/testing';
import { type ConformanceAdapter, type ConformanceReport, runConformance } from 'pep3156-conformance';
import { defineConformanceProject } from 'pep3156-conformance/config';

function* work(delay: number): Coroutine<number> {
  yield* sleep(delay);
  return delay;
}
const adapter: ConformanceAdapter = { name: 'consumer', newEventLoop: (): AbstractEventLoop => newEventLoop() };
const report: (r: ConformanceReport) => boolean = (r) => r.ok;
const loop = new TestLoop();
function* main(): Coroutine<number[]> {
  return yield* gather(work(0), work(0.001));
}
const done: number[] = await run(main());
console.log('esm', adapter.name, typeof runConformance, typeof defineConformanceProject, typeof report, typeof Future, loop.isClosed(), done.join(','));
loop.close();
`;
  write('esm.ts', esm);
  // CommonJS, module nodenext: a static import compiles to require(), which Node >= 20.19 loads.
  write(
    'cjs-nodenext.cts',
    `import { type Coroutine, newEventLoop, run, sleep } from 'pep3156';
import type { AbstractEventLoop } from 'pep3156/spec';
import { FEATURES } from 'pep3156-conformance';

const loop: AbstractEventLoop = newEventLoop();
loop.close();
function* main(): Coroutine<string> {
  return yield* sleep(0, 'slept');
}
run(main()).then((value: string) => console.log('cjs', value, FEATURES.length));
`,
  );
  // CommonJS, module node16 (no require() of ESM in its model): types by resolution-mode, code by import().
  write(
    'cjs-node16.cts',
    `import type { AbstractEventLoop } from 'pep3156/spec' with { 'resolution-mode': 'import' };
import type { ConformanceAdapter } from 'pep3156-conformance' with { 'resolution-mode': 'import' };

async function main(): Promise<void> {
  const { newEventLoop } = await import('pep3156');
  const adapter: ConformanceAdapter = { name: 'cjs', newEventLoop: (): AbstractEventLoop => newEventLoop() };
  console.log(adapter.name);
}
void main();
`,
  );
  const modes = [
    ['bundler, ESM', { module: 'preserve', moduleResolution: 'bundler' }, 'esm.ts'],
    ['node16, ESM', { module: 'node16', moduleResolution: 'node16' }, 'esm.ts'],
    ['nodenext, ESM', { module: 'nodenext', moduleResolution: 'nodenext' }, 'esm.ts'],
    ['node16, CommonJS', { module: 'node16', moduleResolution: 'node16' }, 'cjs-node16.cts'],
    ['nodenext, CommonJS', { module: 'nodenext', moduleResolution: 'nodenext' }, 'cjs-nodenext.cts'],
  ];
  for (const [label, options, file] of modes) {
    const config = `tsconfig.${label.replace(/\W+/g, '-')}.json`;
    write(
      config,
      JSON.stringify({
        compilerOptions: {
          ...options,
          target: 'es2022',
          strict: true,
          skipLibCheck: false,
          types: ['node'],
          noEmit: true,
        },
        files: [file],
      }),
    );
    check(`tsc, skipLibCheck false, ${label}`, () => {
      const r = run(process.execPath, [tsc, '-p', config], project);
      return r.code === 0 ? '' : r.out;
    });
  }

  check('the consumer runs: ESM import and CommonJS require() of both packages', () => {
    const out = path.join(project, 'out');
    const r = run(
      process.execPath,
      [
        tsc,
        '--outDir',
        out,
        '--module',
        'nodenext',
        '--target',
        'es2022',
        '--types',
        'node',
        '--skipLibCheck',
        'esm.ts',
        'cjs-nodenext.cts',
      ],
      project,
    );
    if (r.code !== 0) return r.out;
    const esmRun = run(process.execPath, [path.join(out, 'esm.js')], project);
    if (!/^esm consumer function function function function false 0,0\.001$/m.test(esmRun.out))
      return esmRun.out;
    const cjsRun = run(process.execPath, [path.join(out, 'cjs-nodenext.cjs')], project);
    return /^cjs slept \d+$/m.test(cjsRun.out) ? '' : cjsRun.out;
  });

  // init, from the installed package: an adapter for a loop without I/O, then the suite on it.
  write(
    'src/core-loop.mjs',
    `import { NodeEventLoop } from 'pep3156';
// The reference loop without its I/O: what a loop for a browser or a simulation offers.
export class CoreLoop extends NodeEventLoop {}
for (const name of ['createConnection', 'createServer', 'createDatagramEndpoint', 'getaddrinfo', 'startTls',
  'connectReadPipe', 'subprocessExec', 'createUnixServer', 'addSignalHandler', 'runInExecutor', 'sockRecv'])
  Object.defineProperty(CoreLoop.prototype, name, { value: undefined });
`,
  );
  const cliBin = path.join(project, 'node_modules', '.bin', 'pep3156-conformance');
  check(
    'npx pep3156-conformance init writes an adapter, and the suite runs it (loop, future; transport unsupported)',
    () => {
      const made = run(cliBin, ['init', 'src/core-loop.mjs'], project);
      if (made.code !== 0) return made.out;
      const source = readFileSync(path.join(project, 'conformance-adapter.ts'), 'utf8');
      if (!/'transport', \/\/ no createConnection, createServer/.test(source))
        return `unexpected adapter:\n${source}`;
      const suite = run(
        cliBin,
        ['conformance-adapter.ts', '--sections', 'loop,future,transport', '--quiet'],
        project,
      );
      if (suite.code !== 0 || !/CONFORMS CoreLoop/.test(suite.out)) return suite.out;
      const typed = run(
        process.execPath,
        [
          tsc,
          '--noEmit',
          '--module',
          'nodenext',
          '--strict',
          '--types',
          'node',
          '--allowJs',
          'conformance-adapter.ts',
        ],
        project,
      );
      return typed.code === 0 ? '' : `the written adapter does not type-check:\n${typed.out}`;
    },
  );
  // The install the guide documents, end to end: the adapter template the docs link to, copied as is
  // (it tests the reference implementation), run by the installed CLI.
  check(
    'the adapter template, copied into the project, conforms (npx pep3156-conformance, loop, task, streams)',
    () => {
      write(
        'template-adapter.ts',
        readFileSync(path.join(root, 'examples', 'adapter-template', 'conformance-adapter.ts'), 'utf8'),
      );
      const suite = run(
        cliBin,
        ['template-adapter.ts', '--sections', 'loop,task,streams', '--quiet'],
        project,
      );
      return suite.code === 0 && /CONFORMS my-loop \(template\)/.test(suite.out) ? '' : suite.out;
    },
  );
} catch (error) {
  failures.push(`setup: ${error.message}`);
  console.log(`  FAIL setup\n${error.stack}`);
} finally {
  if (keep) console.log(`packages: kept ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true });
}
console.log(`packages: ${checks - failures.length} of ${checks} checks passed`);
process.exit(failures.length ? 1 : 0);
