// The differential corpus (spec-tests/differential/): pairs `name.py` / `name.ts` that print a
// deterministic trace. CPython's output is the expected trace: each pair runs on every CPython >= 3.11
// this machine has (they must agree with each other, or the scenario is not a statement of asyncio's
// behaviour) and on the reference implementation, and a mismatch fails with both traces side by side.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain ESM script without types
import { findPythons } from '../scripts/pythons.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = path.join(root, 'spec-tests', 'differential');
const files = readdirSync(dir);
const names = [
  ...new Set(files.filter((f) => /\.(py|ts)$/.test(f)).map((f) => f.replace(/\.(py|ts)$/, ''))),
].sort();
const { cpython } = findPythons() as { cpython: { executable: string; version: string }[] };

type Output = { code: number | null; out: string; err: string };

// Some scenarios count loop iterations while a timer runs: more processes than cores at once would
// starve them. Scenarios wait here for one of a bounded number of process slots.
const slots = { free: availableParallelism() * 2, waiting: [] as (() => void)[] };

async function exec(cmd: string, args: string[]): Promise<Output> {
  if (slots.free > 0) slots.free -= 1;
  else await new Promise<void>((resolve) => slots.waiting.push(resolve));
  try {
    return await spawnAndCollect(cmd, args);
  } finally {
    const next = slots.waiting.shift();
    if (next) next();
    else slots.free += 1;
  }
}

function spawnAndCollect(cmd: string, args: string[]): Promise<Output> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        PYTHONHASHSEED: '0',
        PYTHONDONTWRITEBYTECODE: '1',
        FORCE_COLOR: '0',
        NO_COLOR: '1',
      },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    });
  });
}

/** Both traces in two columns, the differing lines marked. */
function sideBySide(left: string, right: string, leftTitle: string, rightTitle: string): string {
  const a = left.replace(/\n$/, '').split('\n');
  const b = right.replace(/\n$/, '').split('\n');
  const width = Math.min(60, Math.max(leftTitle.length, ...a.map((l) => l.length)));
  const rows = [`    ${leftTitle.padEnd(width)} | ${rightTitle}`];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const l = a[i] ?? '';
    const r = b[i] ?? '';
    rows.push(`${l === r ? '   ' : '>>>'} ${l.padEnd(width)} | ${r}`);
  }
  return rows.join('\n');
}

describe.concurrent('differential corpus: CPython asyncio vs pep3156', () => {
  it('has pairs', () => {
    expect(names.length).toBeGreaterThan(0);
  });
  for (const name of names) {
    const py = path.join(dir, `${name}.py`);
    const ts = path.join(dir, `${name}.ts`);
    const test = cpython.length ? it : it.skip;
    test(name, async () => {
      expect(files, `${name}.py and ${name}.ts both exist`).toEqual(
        expect.arrayContaining([`${name}.py`, `${name}.ts`]),
      );
      const [ours, ...theirs] = await Promise.all([
        exec(process.execPath, ['--conditions=source', '--import', 'tsx', ts]),
        ...cpython.map((p) => exec(p.executable, [py])),
      ]);
      const [oracle, ...others] = theirs;
      expect(oracle.code, `CPython ${cpython[0].version} ran ${name}.py\n${oracle.err}`).toBe(0);
      others.forEach((o, i) => {
        const v = cpython[i + 1].version;
        if (o.out !== oracle.out)
          expect.fail(
            `CPython versions disagree on ${name}.py: not a statement of asyncio's behaviour\n` +
              sideBySide(oracle.out, o.out, `CPython ${cpython[0].version}`, `CPython ${v}`),
          );
      });
      if (ours.code !== 0 || ours.out !== oracle.out)
        expect.fail(
          `${name}: pep3156 prints another trace than CPython (exit ${ours.code})\n` +
            sideBySide(oracle.out, ours.out, `CPython ${cpython[0].version}`, 'pep3156') +
            (ours.err ? `\n--- pep3156 stderr ---\n${ours.err.slice(-2000)}` : ''),
        );
    });
  }
});
