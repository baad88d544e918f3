// Mounting the suite inside an implementer's own vitest run: mountConformance() in a test file (the
// fixture sections' tests are collected right here, against the MiniLoop adapter), and
// defineConformanceProject() in a vitest config (run in a child vitest process).
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defineConformanceProject } from '../src/config.js';
import { mountConformance } from '../src/mount.js';
import miniAdapter from './fixtures/mini-adapter.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const testsDir = path.join(here, 'fixtures', 'suite', 'tests');

// The fixture sections' 7 tests become tests of this file (5 pass, 1 expected failure passes as
// it.fails, 1 unsupported is skipped).
await mountConformance(miniAdapter, { testsDir });

describe('mounting', () => {
  it('mountConformance rejects an adapter of the wrong shape and an unknown section', async () => {
    await expect(mountConformance({ name: '' } as never, { testsDir })).rejects.toThrow(
      /adapter\.name must be a non-empty string[\s\S]*adapter\.newEventLoop must be a function/,
    );
    await expect(mountConformance(miniAdapter, { testsDir, sections: ['gamma'] })).rejects.toThrow(
      /unknown section\(s\) gamma \(known: alpha, beta\)/,
    );
  });

  it('defineConformanceProject builds a vitest project over the chosen sections', () => {
    const project = defineConformanceProject({
      adapter: 'adapter.ts',
      testsDir,
      sections: ['beta'],
      timeout: 1234,
    });
    expect(project.test.include).toEqual(['test/fixtures/suite/tests/beta/**/*.test.ts']);
    expect(project.test.testTimeout).toBe(1234);
    expect(project.test.env.PEP3156_ADAPTER).toBe(`file://${path.resolve('adapter.ts')}`);
    expect(() => defineConformanceProject({ adapter: 'a.ts', testsDir, sections: ['nope'] })).toThrow(
      /unknown section/,
    );
  });

  it('a vitest config with defineConformanceProject runs the suite as one more project', async () => {
    const vitest = path.join(here, '..', '..', 'node_modules', 'vitest', 'vitest.mjs');
    const config = path.join(here, 'fixtures', 'mount', 'vitest.config.ts');
    const { code, stdout } = await new Promise<{ code: number; stdout: string }>((resolve) => {
      const env = {
        ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST'))),
        NO_COLOR: '1',
        FORCE_COLOR: '0',
      };
      execFile(
        process.execPath,
        [vitest, 'run', '--config', config, '--reporter', 'verbose'],
        { cwd: path.join(here, '..'), env, timeout: 60_000 },
        (error, out) => resolve({ code: error ? ((error as { code?: number }).code ?? -1) : 0, stdout: out }),
      );
    });
    expect(stdout).toMatch(/\[fixture\.call-soon\.fifo\] callSoon callbacks run in order/);
    expect(stdout).toMatch(/Tests\s+3 passed \(3\)/);
    expect(code).toBe(0);
  });
});
