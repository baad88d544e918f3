// The reference's executor promises beyond the PEP: the Worker pool is lazy, bounded, never keeps
// the process alive when idle, and toThread uses the running loop's default executor.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { newEventLoop, toThread, WorkerPoolExecutor } from '../src/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

it('toThread runs a self-contained function in the default executor', async () => {
  const loop = newEventLoop();
  const got = await loop.runUntilComplete(
    loop.createTask(async () => [
      await toThread((a: number, b: number) => a + b, 2, 3),
      await toThread(() => 'x'),
    ]),
  );
  await loop.runUntilComplete(loop.shutdownDefaultExecutor());
  loop.close();
  expect(got).toEqual([5, 'x']);
});

it('a pool runs at most maxWorkers calls at once and drains its queue in order', async () => {
  const pool = new WorkerPoolExecutor({ maxWorkers: 2 });
  const started = Date.now();
  const results = await Promise.all(
    [1, 2, 3, 4].map((i) =>
      pool.submit((n: number) => {
        const end = Date.now() + 60;
        while (Date.now() < end) {}
        return n;
      }, i),
    ),
  );
  const elapsed = Date.now() - started;
  await pool.shutdown(true);
  expect(results).toEqual([1, 2, 3, 4]);
  // Four 60 ms calls on two workers need two rounds.
  expect(elapsed, 'two rounds of 60 ms').toBeGreaterThanOrEqual(115);
  expect(() => pool.submit(() => 1)).toThrow(/shutdown/);
  expect(() => new WorkerPoolExecutor({ maxWorkers: 0 })).toThrow(TypeError);
});

it('an idle default pool never keeps the process alive (no shutdown, no close)', async () => {
  const script = `
    import { newEventLoop } from 'pep3156';
    const loop = newEventLoop();
    const v = await loop.runUntilComplete(loop.runInExecutor(null, () => 7));
    console.log('got', v);
    // no shutdownDefaultExecutor and no close: the process must still exit
  `;
  const out = await new Promise<string>((resolve, reject) => {
    execFile(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', '--input-type=module', '-e', script],
      { cwd: root, timeout: 8000 },
      (error, stdout) => (error ? reject(error) : resolve(stdout)),
    );
  });
  expect(out.trim()).toBe('got 7');
}, 10_000);
