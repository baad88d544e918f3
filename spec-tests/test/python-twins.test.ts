// The Python twins (spec-tests/python/) on every CPython >= 3.11 this machine has, with plain
// asyncio, and on the interpreter that imports uvloop. One vitest test per twin and interpreter, so
// `npm test` counts them: a twin that fails on CPython fails here (a normative statement CPython
// contradicts is a finding, see CONTRIBUTING); an interpreter that is missing is reported as
// skipped, never as passed. uvloop is another implementation, not the oracle: its failures are
// reported (as skipped tests named "uvloop differs") and written to reports/twins-uvloop.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain ESM script without types
import { findPythons } from '../scripts/pythons.mjs';
// @ts-expect-error: plain ESM script without types
import { runTwins } from '../scripts/twins.mjs';

type TwinRecord = { file: string; name: string; statements: string[]; status: string; message: string };
type TwinReport = { python: string; implementation: string; tests: TwinRecord[] };
type Python = { executable: string; version: string; minor: string; uvloop: string };

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { cpython, uvloop, missing } = findPythons() as {
  cpython: Python[];
  uvloop: Python | null;
  missing: string[];
};

const runs = await Promise.all([
  ...cpython.map(async (p) => ({
    label: `CPython ${p.version} (asyncio)`,
    uv: false,
    ...(await settle(p, 'asyncio')),
  })),
  ...(uvloop
    ? [
        {
          label: `uvloop ${uvloop.uvloop} on CPython ${uvloop.version}`,
          uv: true,
          ...(await settle(uvloop, 'uvloop')),
        },
      ]
    : []),
]);

async function settle(p: Python, loop: string): Promise<{ report?: TwinReport; error?: string }> {
  try {
    return { report: (await runTwins(p.executable, loop)) as TwinReport };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

const title = (t: TwinRecord) => `${t.statements.join(', ') || '(no statement)'}: ${t.file} ${t.name}`;

for (const minor of missing) {
  describe(`CPython ${minor} (asyncio)`, () => {
    it.skip(`no CPython ${minor} interpreter on this machine`, () => {});
  });
}
if (!uvloop) {
  describe('uvloop', () => {
    it.skip('no interpreter here imports uvloop (apt-get install python3-uvloop)', () => {});
  });
}

for (const run of runs) {
  describe(run.label, () => {
    if (!run.report) {
      it('runs the twins at all', () => {
        expect.fail(run.error);
      });
      return;
    }
    it('finds twins to run', () => {
      expect(run.report?.tests.length).toBeGreaterThan(0);
    });
    for (const t of run.report.tests) {
      if (t.status === 'skipped') it.skip(`${title(t)} (${t.message})`, () => {});
      else if (run.uv && t.status === 'failed') it.skip(`uvloop differs: ${title(t)}`, () => {});
      else
        it(title(t), () => {
          expect(t.status, t.message).toBe('passed');
        });
    }
  });
}

const uv = runs.find((r) => r.uv)?.report;
if (uv) {
  mkdirSync(path.join(root, 'reports'), { recursive: true });
  const differs = uv.tests.filter((t) => t.status === 'failed');
  writeFileSync(
    path.join(root, 'reports', 'twins-uvloop.json'),
    `${JSON.stringify({ implementation: uv.implementation, python: uv.python, differs }, null, 2)}\n`,
  );
}
