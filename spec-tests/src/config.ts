/**
 * `pep3156-conformance/config`: mount the suite inside your own vitest run with one line of config.
 *
 * ```ts
 * // vitest.config.ts
 * import { defineConfig } from 'vitest/config';
 * import { defineConformanceProject } from 'pep3156-conformance/config';
 *
 * export default defineConfig({
 *   test: { projects: [defineConformanceProject({ adapter: './test/my-adapter.ts' })] },
 * });
 * ```
 * The suite's tests then run as one more vitest project, reported by your reporters. This module
 * imports nothing from vitest at runtime, so it loads inside any config file.
 * @module
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FROM_SOURCE, listSections, PACKAGE_DIR } from './package-info.js';

/** Options of {@link defineConformanceProject}. */
export interface ConformanceProjectOptions {
  /** The adapter module, relative to the current directory (your project root) or absolute. */
  adapter: string;
  /** Sections to run (default: all). */
  sections?: readonly string[];
  /** Per-test timeout in ms (default 5000). */
  timeout?: number;
  /** The vitest project name (default `pep3156-conformance`). */
  name?: string;
  /** Extra export conditions for resolving modules (this repository passes `['source']`). */
  conditions?: readonly string[];
  /** Another directory of sections (the suite's own tests use fixtures). */
  testsDir?: string;
}

/** The inline project configuration {@link defineConformanceProject} returns (a vitest `TestProjectInlineConfiguration`). */
export interface ConformanceProjectConfig {
  root: string;
  resolve: { conditions: string[] };
  ssr: { resolve: { conditions: string[]; externalConditions: string[] } };
  test: {
    name: string;
    include: string[];
    setupFiles: string[];
    testTimeout: number;
    hookTimeout: number;
    pool: 'forks';
    env: Record<string, string>;
    server: { deps: { inline: (string | RegExp)[] } };
  };
}

/**
 * A vitest project that runs the conformance suite against `options.adapter`. Put it in
 * `test.projects` of your vitest config (or export it as the default of a project config file).
 * @remarks There is no watchdog inside a plain vitest run: a synchronous spin in your loop hangs that
 * vitest worker. The CLI (`npx pep3156-conformance`) or `runConformance()` survive it.
 * @throws Error when a section is unknown.
 */
export function defineConformanceProject(options: ConformanceProjectOptions): ConformanceProjectConfig {
  const testsDir = path.resolve(options.testsDir ?? path.join(PACKAGE_DIR, 'tests'));
  const known = listSections(testsDir);
  const sections = options.sections?.length ? [...options.sections] : known;
  const unknown = sections.filter((s) => !known.includes(s));
  if (unknown.length)
    throw new Error(
      `pep3156-conformance: unknown section(s) ${unknown.join(', ')} (known: ${known.join(', ')})`,
    );
  const relTests = path.relative(PACKAGE_DIR, testsDir).split(path.sep).join('/');
  const conditions = [
    ...(options.conditions ?? (FROM_SOURCE ? ['source', 'module', 'node', 'development|production'] : [])),
  ];
  const external = conditions.includes('source') ? ['source'] : [];
  const timeout = options.timeout ?? 5000;
  return {
    root: PACKAGE_DIR,
    resolve: { conditions },
    ssr: { resolve: { conditions, externalConditions: external } },
    test: {
      name: options.name ?? 'pep3156-conformance',
      include: sections.map((s) => `${relTests}/${s}/**/*.test.ts`),
      setupFiles: [path.join(PACKAGE_DIR, 'src', 'setup.ts')],
      testTimeout: timeout,
      hookTimeout: timeout,
      pool: 'forks',
      env: { PEP3156_ADAPTER: pathToFileURL(path.resolve(options.adapter)).href },
      // The suite ships TypeScript test files; inside node_modules vitest would not transform them.
      server: { deps: { inline: [/pep3156-conformance/] } },
    },
  };
}
