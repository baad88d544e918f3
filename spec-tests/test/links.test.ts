// Every spec link a report prints resolves: it is the site's address (spec-tests/site.json, the
// setting docusaurus.config.ts reads too) plus the route of the docs page that holds the statement,
// plus the statement's anchor. Checked against the docs sources (routes computed here, independently
// of scripts/check-statements.mjs) and, when the site has been built, against the built pages.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const site = JSON.parse(readFileSync(path.join(here, '..', 'site.json'), 'utf8')) as {
  url: string;
  baseUrl: string;
};
const generated = JSON.parse(
  readFileSync(path.join(here, '..', 'src', 'statements.generated.json'), 'utf8'),
) as Record<string, { page: string }>;

function docsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory()
      ? d.name === 'api'
        ? []
        : docsFiles(path.join(dir, d.name))
      : /\.mdx?$/.test(d.name)
        ? [path.join(dir, d.name)]
        : [],
  );
}

/** Route (without baseUrl) → docs file, as Docusaurus's docs plugin routes them. */
function docsRoutes(): Map<string, string> {
  const docs = path.join(root, 'docs');
  const routes = new Map<string, string>();
  for (const file of docsFiles(docs)) {
    const source = readFileSync(file, 'utf8');
    const slug = /^---\n[\s\S]*?^slug:\s*['"]?([^'"\n]+)['"]?\s*$[\s\S]*?\n---/m.exec(source)?.[1];
    const dirs = path
      .relative(docs, path.dirname(file))
      .split(path.sep)
      .filter(Boolean)
      .map((s) => s.replace(/^\d+[-_.]/, ''));
    const base = path.basename(file).replace(/\.mdx?$/, '');
    const name = /^(index|readme)$/i.test(base) ? [] : [base.replace(/^\d+[-_.]/, '')];
    const route = slug?.startsWith('/')
      ? `docs${slug}`
      : ['docs', ...dirs, ...(slug ? [slug] : name)].join('/');
    routes.set(route, file);
  }
  return routes;
}

const { statementInfo, SPEC_SITE } = await import('../src/package-info.js');

describe('spec links', () => {
  it('docusaurus.config.ts takes url and baseUrl from spec-tests/site.json, as the suite does', () => {
    const config = readFileSync(path.join(root, 'docusaurus.config.ts'), 'utf8');
    expect(config).toMatch(/^import site from '\.\/spec-tests\/site\.json';$/m);
    expect(config).toMatch(/^\s*url: process\.env\.PEP3156_SPEC_URL \?\? site\.url,$/m);
    expect(config).toMatch(/^\s*baseUrl: process\.env\.PEP3156_BASE_URL \?\? site\.baseUrl,$/m);
    if (!process.env.PEP3156_SPEC_URL && !process.env.PEP3156_BASE_URL)
      expect(SPEC_SITE).toEqual({ url: site.url.replace(/\/$/, ''), baseUrl: site.baseUrl });
  });

  it('every statement link is the site, the page that holds the statement, and its anchor', () => {
    const routes = docsRoutes();
    const prefix = `${SPEC_SITE.url}${SPEC_SITE.baseUrl}`;
    const statementComponent = readFileSync(path.join(root, 'website/src/components/Statement.tsx'), 'utf8');
    expect(statementComponent, 'a Statement renders its id as the element id').toMatch(/ id=\{id\}/);
    const bad: string[] = [];
    for (const id of Object.keys(generated)) {
      const url = statementInfo(id)?.url ?? '';
      if (!url.startsWith(prefix)) {
        bad.push(`${id}: ${url} is not under ${prefix}`);
        continue;
      }
      const [route, anchor] = url.slice(prefix.length).split('#');
      const file = routes.get(route ?? '');
      if (!file) bad.push(`${id}: ${url}: no docs page has the route /${route}`);
      else if (anchor !== id) bad.push(`${id}: ${url}: the anchor is not the id`);
      else if (
        !new RegExp(`<Statement\\b[^>]*\\bid=["']${id.replace(/\./g, '\\.')}["']`).test(
          readFileSync(file, 'utf8'),
        )
      )
        bad.push(`${id}: ${url}: ${path.relative(root, file)} has no <Statement id="${id}">`);
    }
    expect(Object.keys(generated).length).toBeGreaterThan(300);
    expect(bad).toEqual([]);
  });

  // Only a build made after the spec pages last changed can hold their anchors (npm test builds the
  // site after this project runs, so a build left from an earlier run may be stale).
  const builtDocs = path.join(root, 'build', 'docs');
  const specDir = path.join(root, 'docs', 'spec');
  const buildIsFresh =
    existsSync(builtDocs) &&
    readdirSync(specDir).every((f) => statSync(path.join(specDir, f)).mtimeMs <= statSync(builtDocs).mtimeMs);
  it.skipIf(!buildIsFresh)('in the built site, each linked page exists and has the anchor', () => {
    const prefix = `${SPEC_SITE.url}${SPEC_SITE.baseUrl}`;
    const pages = new Map<string, string>();
    const bad: string[] = [];
    for (const id of Object.keys(generated)) {
      const [route] = (statementInfo(id)?.url ?? '').slice(prefix.length).split('#');
      const html = path.join(root, 'build', route ?? '', 'index.html');
      if (!pages.has(html)) pages.set(html, existsSync(html) ? readFileSync(html, 'utf8') : '');
      // The production build minifies HTML: `id=x` as often as `id="x"`.
      const anchor = new RegExp(`\\sid=["']?${id.replace(/\./g, '\\.')}(?=["'\\s>])`);
      if (!anchor.test(pages.get(html) ?? '')) bad.push(`${id}: not in ${path.relative(root, html)}`);
    }
    expect(bad).toEqual([]);
  });

  it('PEP3156_SPEC_URL and PEP3156_BASE_URL move every link, as they move the site', async () => {
    vi.stubEnv('PEP3156_SPEC_URL', 'https://docs.example.net/');
    vi.stubEnv('PEP3156_BASE_URL', 'pep3156');
    vi.resetModules();
    try {
      const moved = await import('../src/package-info.js');
      expect(moved.statementInfo('loop.call-soon.fifo')?.url).toBe(
        'https://docs.example.net/pep3156/docs/spec/event-loop#loop.call-soon.fifo',
      );
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
    }
  });
});
