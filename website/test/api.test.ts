// Issue 11, item 5: the API reference reads as the packages a user imports, not as the monorepo's
// folders; each entry shows an example; an entry links to the spec statements that govern it and
// those statements link back to it; no internal name leaks onto any page.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDir, open, serveSite } from './harness';

const site = serveSite();

/** The entry points, by the name a user imports. */
const ENTRY_POINTS = ['pep3156', 'pep3156/spec', 'pep3156/testing', 'pep3156-conformance'];

/** What a reader of the build can see: its pages (with their sidebars) and the search index. */
function builtFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return builtFiles(p);
    return /\.html$|^search-index.*\.json$/.test(e.name) ? [p] : [];
  });
}

describe('the API reference', () => {
  it('opens on the four entry points, named as a user imports them', async () => {
    const page = await open(site, '/docs/api', []);
    const title = (await page.locator('article h1').first().textContent())?.trim() ?? '';
    expect(title, 'the landing page is titled for the project').toMatch(/pep3156/);
    expect(title).not.toMatch(/monorepo/);
    const links = (await page.locator('article a').allTextContents()).map((t) => t.trim());
    for (const name of ENTRY_POINTS) expect(links, `the landing page lists ${name}`).toContain(name);
    expect(
      links.filter((t) => /\bsrc\b|reference-impl|spec-tests/.test(t)),
      'no folder names',
    ).toEqual([]);
  });

  for (const route of [
    '/docs/api/pep3156/functions/gather',
    '/docs/api/pep3156/functions/sleep',
    '/docs/api/pep3156/functions/waitFor',
    '/docs/api/pep3156/classes/StreamReader',
    '/docs/api/pep3156/functions/startServer',
  ]) {
    it(`${route.split('/').pop()} shows an example that imports the package`, async () => {
      const page = await open(site, route, []);
      const heading = page.locator('article h2#example, article h3#example, article h4#example').first();
      expect(await heading.count(), 'an Example heading').toBe(1);
      const code = (await page.locator('article pre').allTextContents()).join('\n');
      expect(code, 'an example block imports from pep3156').toMatch(/from 'pep3156'/);
      // The sidebar lists the entry by its name, under its kind (not "Function: gather()").
      const name = route.split('/').pop() ?? '';
      const sidebar = (await page.locator('nav.menu a').allTextContents()).map((t) => t.trim());
      expect(sidebar, 'the sidebar names the entry').toContain(name);
      expect(sidebar.filter((t) => /^(Function|Class|Interface): /.test(t))).toEqual([]);
    });
  }

  it('gather links to a statement of the spec, and that statement links back to gather', async () => {
    const page = await open(site, '/docs/api/pep3156/functions/gather', []);
    const toSpec = page.locator('article a[href*="/docs/spec/scheduler#scheduler.gather."]').first();
    expect(await toSpec.count(), 'a link to a gather statement').toBe(1);
    const href = (await toSpec.getAttribute('href')) ?? '';
    const id = decodeURIComponent(href.split('#')[1] ?? '');
    await toSpec.click();
    await page.waitForURL(`**/docs/spec/scheduler#${id}`);
    const back = page.locator(`[id="${id}"] a[href$="/docs/api/pep3156/functions/gather"]`);
    // The spec page renders after the URL changes (a client-side navigation): wait for it, bounded.
    await page.locator(`[id="${id}"]`).waitFor({ timeout: 20_000 });
    expect(await back.count(), `statement ${id} links back to gather`).toBe(1);
    expect((await back.textContent())?.trim()).toBe('gather');
  });

  it('no page names the monorepo or an internal type', () => {
    const leaks = builtFiles(buildDir).filter((f) =>
      /ErrorOptions2|pep3156-monorepo/.test(readFileSync(f, 'utf8')),
    );
    expect(leaks.map((f) => path.relative(buildDir, f))).toEqual([]);
  });
});
