// The docs are tested like code: every ```ts block in docs/ is a complete module that must
// typecheck against the real packages, and every block not marked `norun` must run and exit 0.
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const out = path.join(root, '.tmp', 'doc-samples');

interface Sample {
  page: string;
  line: number;
  file: string;
  runnable: boolean;
  /** A conformance adapter (a default export made with defineAdapter): the suite must accept it. */
  adapter: boolean;
}

function pages(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'api' || e.name === 'code' ? [] : pages(p);
    return e.name.endsWith('.mdx') || e.name.endsWith('.md') ? [p] : [];
  });
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
writeFileSync(path.join(out, 'package.json'), '{ "private": true, "type": "module" }\n');
writeFileSync(
  path.join(out, 'tsconfig.json'),
  JSON.stringify({
    extends: '../../tsconfig.base.json',
    compilerOptions: { lib: ['ES2023', 'DOM'] },
    include: ['*.ts'],
  }),
);
const samples: Sample[] = [];
for (const page of pages(here).sort()) {
  const text = readFileSync(page, 'utf8');
  for (const m of text.matchAll(/```ts([^\n]*)\n([\s\S]*?)\n```/g)) {
    const line = text.slice(0, m.index).split('\n').length;
    const rel = path.relative(root, page);
    const file = path.join(out, `${rel.replace(/[^a-z0-9]+/gi, '_')}_L${line}.ts`);
    writeFileSync(file, `${m[2]}\n`);
    samples.push({
      page: rel,
      line,
      file,
      runnable: !/\bnorun\b/.test(m[1]),
      adapter: /export default defineAdapter\(/.test(m[2]),
    });
  }
}

describe('docs samples', () => {
  it(`has samples to check (${samples.length})`, () => {
    expect(samples.length).toBeGreaterThan(10);
  });

  it('every TypeScript sample typechecks against the real packages', async () => {
    const tsc = path.join(root, 'node_modules', '.bin', 'tsc');
    const result = await run(tsc, ['-p', out, '--noEmit'], { cwd: root }).then(
      () => '',
      (e: { stdout?: string }) => e.stdout ?? String(e),
    );
    expect(result, 'tsc reports no errors').toBe('');
  }, 60_000);

  for (const s of samples.filter((x) => x.runnable)) {
    it(`${s.page}:${s.line} runs`, async () => {
      await run(process.execPath, ['--conditions=source', '--import', 'tsx', s.file], {
        cwd: root,
        timeout: 20_000,
      });
    }, 30_000);
  }

  // An adapter printed in the docs must work as printed: the suite runs it, and it conforms. The
  // run shares the machine with the rest of npm test, so its timeouts are generous (a failure then
  // is a real one); on failure the report's last lines say which statements failed.
  for (const s of samples.filter((x) => x.adapter)) {
    it(`${s.page}:${s.line} is an adapter the suite runs as printed, and it conforms`, async () => {
      const cli = path.join(root, 'spec-tests', 'bin', 'pep3156-conformance.mjs');
      const args = [cli, s.file, '--quiet', '--timeout', '30000', '--spin-timeout', '20000'];
      const { stdout } = await run(process.execPath, args, { cwd: root, timeout: 280_000 }).catch(
        (e: { stdout?: string; stderr?: string }) => ({ stdout: `${e.stdout ?? ''}\n${e.stderr ?? ''}` }),
      );
      expect(stdout, stdout.split('\n').slice(-40).join('\n')).toMatch(/^CONFORMS /m);
    }, 300_000);
  }
});
