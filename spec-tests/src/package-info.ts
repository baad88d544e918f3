/**
 * Where the suite lives on disk, how it runs (from source or from its build), its version, its
 * sections and its statements. Node-only: used by the runner, never by the tests.
 * @module
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StatementInfo } from './report.js';

/** The suite package's directory (the parent of `src/` and of `dist/`). */
export const PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * True when running from the TypeScript sources (this repository): the tests then resolve `pep3156`
 * with the `source` export condition, so the reference implementation needs no build.
 */
export const FROM_SOURCE = import.meta.url.endsWith('.ts');

/**
 * Where the spec site is published: `site.json` of this package, the setting docusaurus.config.ts
 * reads too (`url` and `baseUrl`), overridden by the environment variables `PEP3156_SPEC_URL` and
 * `PEP3156_BASE_URL` as the site build is.
 */
export const SPEC_SITE: { url: string; baseUrl: string } = (() => {
  const site = JSON.parse(readFileSync(path.join(PACKAGE_DIR, 'site.json'), 'utf8')) as {
    url: string;
    baseUrl: string;
  };
  const url = (process.env.PEP3156_SPEC_URL || site.url).replace(/\/+$/, '');
  const base = process.env.PEP3156_BASE_URL || site.baseUrl;
  return { url, baseUrl: `/${base.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/') };
})();

/** The absolute address of a site route such as `/docs/spec/event-loop#id` (a route without `baseUrl`). */
export function siteLink(route: string): string {
  return `${SPEC_SITE.url}${SPEC_SITE.baseUrl}${route.replace(/^\//, '')}`;
}

/** The suite's version (its package.json). */
export const SUITE_VERSION: string = (
  JSON.parse(readFileSync(path.join(PACKAGE_DIR, 'package.json'), 'utf8')) as { version: string }
).version;

/** Whether `dir` holds a `*.test.ts` file, at any depth. */
function hasTests(dir: string): boolean {
  return readdirSync(dir, { withFileTypes: true }).some((d) =>
    d.isDirectory() ? hasTests(path.join(dir, d.name)) : d.name.endsWith('.test.ts'),
  );
}

/** The sections: the directories under `tests/` (or `testsDir`) holding tests (not `support/`), sorted. */
export function listSections(testsDir = path.join(PACKAGE_DIR, 'tests')): string[] {
  const dir = testsDir;
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && hasTests(path.join(dir, d.name)))
    .map((d) => d.name)
    .sort();
}

interface GeneratedStatement {
  text: string;
  pep?: string;
  page: string;
  level: string;
}

let statements: Record<string, GeneratedStatement> | null = null;

/** The statement `id` as written in the spec, or undefined when the id is unknown. */
export function statementInfo(id: string): StatementInfo | undefined {
  if (!statements) {
    const file = path.join(PACKAGE_DIR, 'src', 'statements.generated.json');
    statements = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as typeof statements) : {};
  }
  const s = statements?.[id];
  if (!s) return undefined;
  return { text: s.text, ...(s.pep ? { pep: s.pep } : {}), url: siteLink(s.page) };
}
