// The tutorial's programs are tested like code: every chapter's TypeScript program runs on the
// reference implementation, and its Python twin runs under python3; both must print the same trace.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const codeDir = path.join(here, 'code');
const root = path.resolve(here, '../..');
const chapters = readdirSync(codeDir)
  .filter((f) => /^\d\d-.*\.ts$/.test(f))
  .sort();

async function trace(cmd: string, args: string[]): Promise<string[]> {
  const { stdout } = await run(cmd, args, { cwd: root, timeout: 20_000 });
  return stdout.trimEnd().split('\n');
}

describe('tutorial programs: TypeScript and Python print the same trace', () => {
  it('has a Python twin for every chapter', () => {
    const py = new Set(readdirSync(codeDir).filter((f) => f.endsWith('.py')));
    expect(chapters.length).toBeGreaterThanOrEqual(7);
    for (const ts of chapters) expect(py.has(ts.replace(/\.ts$/, '.py')), `${ts} has a twin`).toBe(true);
  });

  for (const chapter of chapters) {
    it(`${chapter} prints the same trace as its Python twin`, async () => {
      const [ts, py] = await Promise.all([
        trace(process.execPath, ['--conditions=source', '--import', 'tsx', path.join(codeDir, chapter)]),
        trace('python3', [path.join(codeDir, chapter.replace(/\.ts$/, '.py'))]),
      ]);
      expect(ts.length, `${chapter} printed something`).toBeGreaterThan(0);
      expect(ts).toEqual(py);
    }, 30_000);
  }
});

describe('tutorial pages show the programs that run', () => {
  const pages = readdirSync(here).filter((f) => f.endsWith('.mdx'));
  const fence = /```(?:ts|python) title="docs\/tutorial\/code\/([^"]+)"\n([\s\S]*?)\n```/g;
  for (const page of pages) {
    const text = readFileSync(path.join(here, page), 'utf8');
    for (const [, file, body] of text.matchAll(fence)) {
      it(`${page} shows ${file} exactly as it is in code/`, () => {
        expect(body).toBe(readFileSync(path.join(codeDir, file), 'utf8').trimEnd());
      });
    }
  }
});
