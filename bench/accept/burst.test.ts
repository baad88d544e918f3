// The accept-burst benchmark stays runnable: one cold run of each server against the real CPython
// asyncio client, and every connection a server accepted is answered (a server that dropped
// accepted connections on close() would answer fewer than it accepted).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

it('burst.mjs prints answered-of-50 rows for raw node:net and pep3156, answered = accepted', () => {
  const script = fileURLToPath(new URL('./burst.mjs', import.meta.url));
  const run = spawnSync(process.execPath, [script, '--runs', '1', '--warm', '0', '--source'], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(run.status, run.stderr).toBe(0);
  expect(run.stderr).toBe('');
  const rows = run.stdout.split('\n').filter((line) => /^\| (raw node:net|pep3156)/.test(line));
  expect(rows).toHaveLength(2);
  for (const row of rows) {
    const answered = Number(/\| cold \| (\d+) \|/.exec(row)?.[1]);
    expect(answered, row).toBeGreaterThan(0);
    expect(answered, row).toBeLessThanOrEqual(50);
  }
}, 60_000);
