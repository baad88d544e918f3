// `pep3156-conformance init`: finds the loop a module exports, lists in `unsupported` the features
// whose methods it lacks (naming them), writes an adapter, and that adapter runs as written.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NodeEventLoop } from 'pep3156';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../src/cli.js';
import { adapterSource, missingFeatures } from '../src/init.js';
import { siteLink } from '../src/package-info.js';
import { runConformance } from '../src/runner.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, 'fixtures', 'init');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function runInit(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await cli(['init', ...args], {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    color: false,
    cwd: fixtures,
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

function tmpFile(name: string): string {
  // Beside the fixtures (the adapter imports them by a relative path), in the ignored .tmp/.
  mkdirSync(path.join(fixtures, '.tmp'), { recursive: true });
  const dir = mkdtempSync(path.join(fixtures, '.tmp', 'init-'));
  dirs.push(dir);
  return path.join(dir, name);
}

describe('init', () => {
  it('a complete loop lacks only the socket hooks', () => {
    const loop = new NodeEventLoop();
    expect(missingFeatures(loop)).toEqual([{ feature: 'sockets', missing: [] }]);
    loop.close();
  });

  it('writes an adapter whose unsupported list names what the loop lacks, and the adapter runs as written', async () => {
    const out = tmpFile('conformance-adapter.ts');
    const r = await runInit(['core-loop.ts', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^wrote .*conformance-adapter\.ts: CoreOnlyLoop \(a class\), 13 feature\(s\) unsupported: executor, signals, subprocess, transport, protocol, server, datagram, streams, dns, tls, pipes, unix, sockets/,
    );
    // What to do next, and where the guide is (the spec site's address, as the report links are).
    expect(r.stdout).toMatch(/^next: npx pep3156-conformance \.\/.*conformance-adapter\.ts$/m);
    expect(r.stdout).toContain(`guide: ${siteLink('docs/guides/running-the-conformance-suite')}\n`);
    const source = readFileSync(out, 'utf8');
    expect(source).toContain("import { CoreOnlyLoop } from '../../core-loop.js';");
    expect(source).toContain('newEventLoop: () => new CoreOnlyLoop() as unknown as AbstractEventLoop,');
    expect(source).toContain("    'datagram', // no createDatagramEndpoint\n");
    expect(source).toContain(
      "    'sockets', // no sockRecv, sockRecvInto, sockSendall, sockConnect, sockAccept, addReader, removeReader, addWriter, removeWriter\n",
    );
    expect(source).not.toMatch(/'(loop|future|task|debug)'/);
    const report = await runConformance({
      adapter: out,
      files: ['loop/call-soon.test.ts', 'future/callbacks.test.ts', 'datagram/endpoint.test.ts'],
      timeout: 5000,
      maxWorkers: 1,
    });
    expect(report.implementation.name).toBe('CoreOnlyLoop');
    expect(report.summary.passed).toBeGreaterThan(5);
    expect(report.sections.datagram.unsupported).toBe(report.sections.datagram.total);
    expect(report.ok).toBe(true);
  });

  it('asks which export when several make loops; --export chooses; a factory is called, not constructed', async () => {
    const ambiguous = await runInit(['two-loops.ts', '--out', tmpFile('a.ts')]);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toMatch(
      /several exports make loops \(FastLoop, makeLoop\): choose one with --export NAME/,
    );
    const out = tmpFile('b.ts');
    const chosen = await runInit(['two-loops.ts', '--export', 'makeLoop', '--out', out, '--name', 'my loop']);
    expect(chosen.code).toBe(0);
    const source = readFileSync(out, 'utf8');
    expect(source).toContain('newEventLoop: () => makeLoop(),');
    expect(source).toContain('name: "my loop",');
    expect(source).not.toContain('AbstractEventLoop');
  });

  it('refuses to overwrite without --force, and says what is wrong with a module that makes no loop', async () => {
    const out = tmpFile('c.ts');
    writeFileSync(out, '// mine\n');
    expect((await runInit(['core-loop.ts', '--out', out])).stderr).toMatch(/exists \(--force to overwrite\)/);
    expect(readFileSync(out, 'utf8')).toBe('// mine\n');
    expect((await runInit(['core-loop.ts', '--out', out, '--force'])).code).toBe(0);
    const none = await runInit(['core-loop.ts', '--export', 'VERSION', '--out', tmpFile('d.ts')]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/the export VERSION is not a class or function that makes a loop/);
    expect((await runInit([])).code).toBe(3);
  });

  it('the skeleton for a default-exported factory imports it by default', () => {
    const text = adapterSource({
      name: 'x',
      from: './loop.js',
      exportName: 'default',
      construct: 'call',
      unsupported: [{ feature: 'sockets', missing: [] }],
    });
    expect(text).toContain("import makeLoop from './loop.js';");
    expect(text).toContain(
      "    'sockets', // needs socket hooks: newTcpSocket, listenTcp, close (see the README)",
    );
  });
});

describe('the adapter template (examples/adapter-template)', () => {
  it('its package.json lists every package its adapter imports, and vitest, which the suite runs on', () => {
    const dir = path.join(here, '..', '..', 'examples', 'adapter-template');
    const source = readFileSync(path.join(dir, 'conformance-adapter.ts'), 'utf8');
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
    };
    const listed = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies });
    const imported = [...source.matchAll(/^import .* from '([^']+)';$/gm)]
      .map((m) => m[1])
      .map((spec) =>
        spec.startsWith('node:')
          ? '@types/node'
          : spec
              .split('/')
              .slice(0, spec.startsWith('@') ? 2 : 1)
              .join('/'),
      );
    expect(imported.length).toBeGreaterThan(2);
    for (const name of [...new Set(imported), 'vitest']) expect(listed, `lists ${name}`).toContain(name);
  });
});
