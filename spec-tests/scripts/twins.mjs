// Runs the Python twins (spec-tests/python/run_twins.py) on one interpreter and returns its JSON
// report. Used by the suite's own tests (spec-tests/test/python-twins.test.ts) and by
// `npm run conformance:results` (the CPython and uvloop columns of the conformance matrix).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PYTHON_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'python');

/**
 * Runs every twin on `executable` with loop kind `loop` ('asyncio' or 'uvloop'). Resolves to the
 * runner's report ({ python, implementation, counts, tests, statements }) or rejects with the
 * runner's own output when it produced no report (an interpreter that cannot run the twins at all).
 */
export function runTwins(executable, loop = 'asyncio', { only, timeoutMs = 300_000 } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pep3156-twins-'));
  const out = path.join(dir, 'report.json');
  const args = [path.join(PYTHON_DIR, 'run_twins.py'), '--loop', loop, '--json', out, '-q'];
  if (only) args.push('--only', only.join(','));
  return new Promise((resolve, reject) => {
    const child = spawn(executable, args, {
      cwd: PYTHON_DIR,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1', PYTHONWARNINGS: 'ignore' },
    });
    let log = '';
    child.stdout.on('data', (d) => {
      log += d;
    });
    child.stderr.on('data', (d) => {
      log += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(readFileSync(out, 'utf8')));
      } catch {
        reject(
          new Error(`${executable} run_twins.py --loop ${loop}: exit ${code ?? signal}, no report\n${log}`),
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
