// The Python interpreters this machine has, for the Python twins, the differential corpus and the
// conformance matrix: one CPython per minor version >= 3.11 (plain asyncio), and one interpreter that
// imports uvloop. Nothing is hard-coded to one machine: candidates are `python3` and `python3.N` on
// the PATH, every `versions/*/bin/python3` under pyenv's root (`$PYENV_ROOT`, `pyenv root`, or
// ~/.pyenv), and Debian's /usr/bin/python3 (where `apt-get install python3-uvloop` puts uvloop).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

/** The oldest CPython the twins and the corpus support. */
export const MIN_PYTHON = [3, 11];

/** The minor versions a full run expects (a missing one is reported as skipped). */
export const EXPECTED_MINORS = ['3.11', '3.12', '3.13'];

const PROBE = [
  'import platform, sys',
  'try:',
  '    import uvloop; u = uvloop.__version__',
  'except Exception:',
  '    u = ""',
  'print(platform.python_implementation(), platform.python_version(), u, sys.executable, sep="\\t")',
].join('\n');

function pyenvRoots() {
  const roots = [];
  if (process.env.PYENV_ROOT) roots.push(process.env.PYENV_ROOT);
  const r = spawnSync('pyenv', ['root'], { encoding: 'utf8', timeout: 5000 });
  if (r.status === 0 && r.stdout.trim()) roots.push(r.stdout.trim());
  roots.push(path.join(homedir(), '.pyenv'));
  return [...new Set(roots)];
}

function candidates() {
  const out = ['python3'];
  for (const minor of [11, 12, 13, 14, 15]) out.push(`python3.${minor}`);
  for (const root of pyenvRoots()) {
    const versions = path.join(root, 'versions');
    if (!existsSync(versions)) continue;
    for (const v of readdirSync(versions).sort()) {
      if (/^(2\.|3\.\d\.|3\.10\b)/.test(v)) continue; // older than 3.11: not worth a probe
      const exe = path.join(versions, v, 'bin', 'python3');
      if (existsSync(exe)) out.push(exe);
    }
  }
  out.push('/usr/bin/python3');
  return out;
}

/**
 * Every usable interpreter, probed once: `{ executable, implementation, version, minor, uvloop }`
 * (`uvloop` is its version, or '' when it does not import). Duplicates (same real file) are dropped.
 */
export function probePythons() {
  const seen = new Set();
  const found = [];
  for (const exe of candidates()) {
    const r = spawnSync(exe, ['-c', PROBE], { encoding: 'utf8', timeout: 10_000 });
    if (r.status !== 0) continue;
    const [implementation, version, uvloop, executable] = r.stdout.trim().split('\t');
    const real = realpathSync(executable || exe);
    if (seen.has(real)) continue;
    seen.add(real);
    const [major, minorNumber] = version.split('.').map(Number);
    found.push({
      executable: executable || exe,
      implementation,
      version,
      minor: `${major}.${minorNumber}`,
      atLeastMin: major > MIN_PYTHON[0] || (major === MIN_PYTHON[0] && minorNumber >= MIN_PYTHON[1]),
      uvloop: uvloop ?? '',
    });
  }
  return found;
}

/**
 * The interpreters to run: one CPython per minor version >= 3.11 (the first found: PATH before
 * pyenv before /usr/bin), and the first interpreter that imports uvloop.
 * @returns {{ cpython: Array<{executable:string, version:string, minor:string}>, uvloop: null | {executable:string, version:string, uvloop:string}, missing: string[] }}
 */
export function findPythons() {
  const all = probePythons().filter((p) => p.implementation === 'CPython' && p.atLeastMin);
  const byMinor = new Map();
  for (const p of all) if (!byMinor.has(p.minor)) byMinor.set(p.minor, p);
  const cpython = [...byMinor.values()].sort((a, b) =>
    a.minor.localeCompare(b.minor, 'en', { numeric: true }),
  );
  const uvloop = all.find((p) => p.uvloop) ?? null;
  const missing = EXPECTED_MINORS.filter((m) => !byMinor.has(m));
  return { cpython, uvloop, missing };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(findPythons(), null, 2));
}
