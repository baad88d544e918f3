/**
 * `mountConformance()`: registers the suite's tests inside one of your own vitest test files.
 *
 * ```ts
 * // test/conformance.test.ts
 * import { mountConformance } from 'pep3156-conformance';
 * import adapter from './my-adapter.js';
 *
 * await mountConformance(adapter, { sections: ['loop', 'future'] });
 * ```
 * @module
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ConformanceAdapter } from './adapter.js';
import { setAdapter } from './current-adapter.js';
import { listSections, PACKAGE_DIR } from './package-info.js';
import { validateAdapter } from './validate.js';

/** Options of {@link mountConformance}. */
export interface MountOptions {
  /** Sections to register (default: all). */
  sections?: readonly string[];
  /** Another directory of sections (the suite's own tests use fixtures). */
  testsDir?: string;
}

function testFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...testFiles(p));
    else if (entry.name.endsWith('.test.ts')) out.push(p);
  }
  return out.sort();
}

/**
 * Installs `adapter` and imports the suite's test files for `sections` into the calling test file,
 * so that their tests are collected there. Call it at the top level of a test file, with `await`.
 * @remarks Published packages ship the tests as TypeScript: vitest must transform them, so add
 * `server: { deps: { inline: ['pep3156-conformance'] } }` to the `test` options of your config.
 * There is no watchdog inside your own vitest run (see the CLI for that).
 * @throws TypeError when the adapter has the wrong shape; Error when a section is unknown.
 */
export async function mountConformance(
  adapter: ConformanceAdapter,
  options: MountOptions = {},
): Promise<void> {
  const { problems } = validateAdapter(adapter);
  if (problems.length)
    throw new TypeError(`pep3156-conformance: not a valid adapter:\n- ${problems.join('\n- ')}`);
  const testsDir = path.resolve(options.testsDir ?? path.join(PACKAGE_DIR, 'tests'));
  const known = listSections(testsDir);
  const sections = options.sections?.length ? [...options.sections] : known;
  const unknown = sections.filter((s) => !known.includes(s));
  if (unknown.length)
    throw new Error(
      `pep3156-conformance: unknown section(s) ${unknown.join(', ')} (known: ${known.join(', ')})`,
    );
  setAdapter(adapter);
  for (const section of sections) {
    for (const file of testFiles(path.join(testsDir, section))) await import(pathToFileURL(file).href);
  }
}
