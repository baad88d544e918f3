// Issue 11, item 12: the home page's quick start is two highlighted blocks (the shell commands,
// then TypeScript), a card leads to the porting guide, and the tutorial's last chapter ends with
// where to go next on this site, not with external links only.
import { describe, expect, it } from 'vitest';
import { open, serveSite } from './harness';

const site = serveSite();

describe('the reader’s way in', () => {
  it('the home page: a porting card, and a quick start in a shell block and a highlighted TypeScript block', async () => {
    const errors: string[] = [];
    const page = await open(site, '/', errors);
    expect(await page.locator('a.card-link[href="/docs/guides/porting-asyncio-code"]').count()).toBe(1);
    const quick = page.locator('section', { has: page.locator('h2', { hasText: 'Quick start' }) });
    const blocks = quick.locator('pre');
    expect(await blocks.count()).toBe(2);
    const [shell, ts] = await blocks.allTextContents();
    expect(shell).toMatch(/npm/);
    expect(shell).not.toMatch(/import /);
    expect(ts).toMatch(/^import \{/);
    expect(ts).not.toMatch(/npm /);
    // Highlighted: the TypeScript block is split into coloured tokens.
    expect(await blocks.nth(1).locator('span.token').count()).toBeGreaterThan(10);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the last tutorial chapter ends with links into the site', async () => {
    const errors: string[] = [];
    const page = await open(site, '/docs/tutorial/resources', errors);
    const last = page.locator('article .markdown > ul').last();
    const hrefs = await last
      .locator('a')
      .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href') ?? ''));
    expect(hrefs.length).toBeGreaterThan(2);
    expect(hrefs.filter((h) => h.startsWith('/')).length).toBe(hrefs.length);
    expect(errors).toEqual([]);
    await page.close();
  });
});
