// The load-and-fault script stays runnable: a small run (40 clients × 64 KiB, resets and early
// half-closes mixed in, through both echo servers) must verify every byte and let nothing reach Node.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

it('bench/load/load.ts: 40 clients × 64 KiB through both echo servers, 0 bad, nothing escaped', () => {
  const script = fileURLToPath(new URL('./load.ts', import.meta.url));
  const run = spawnSync(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', script, '--clients', '40', '--bytes', '65536'],
    { encoding: 'utf8', timeout: 60_000 },
  );
  expect(run.stderr).toBe('');
  expect(run.status, run.stdout).toBe(0);
  for (const kind of ['protocol', 'streams'])
    expect(run.stdout).toContain(`${kind} echo server: 40 clients × 64 KiB`);
  expect(run.stdout.match(/40 ok, 0 bad/g)).toHaveLength(2);
  expect(run.stdout.match(/0 error\(s\) reached Node/g)).toHaveLength(2);
  expect(run.stdout).toMatch(/bytes {5}[1-9]\d* verified/);
}, 90_000);
