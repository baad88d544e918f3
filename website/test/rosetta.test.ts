// Issue 11, item 3: the Rosetta Stone reads as two columns, Python beside TypeScript, under
// readable headings, each row a short line with its own anchor and its details on demand; it can
// be searched and filtered, and it names only what exists (Lock offers hold() and with()).
import { describe, expect, it } from 'vitest';
import { open, seriousViolations, serveSite } from './harness';

const site = serveSite();

describe('the Rosetta Stone', () => {
  for (const [name, viewport] of [
    ['1280 px', { width: 1280, height: 900 }],
    ['390 px', { width: 390, height: 844 }],
  ] as const) {
    it(`at ${name}: both names of every row on screen, short rows, readable headings, one anchor per row`, async () => {
      const errors: string[] = [];
      const page = await open(site, '/docs/spec/rosetta-stone', errors, { viewport });
      const rows = page.locator('li.rosetta__row');
      expect(await rows.count()).toBeGreaterThan(300);
      const facts = await rows.evaluateAll((list) =>
        list.map((li) => {
          const width = document.documentElement.clientWidth;
          const inside = (e: Element | null) => {
            const r = e?.getBoundingClientRect();
            return r !== undefined && r.width > 0 && r.left >= 0 && r.right <= width;
          };
          return {
            id: li.id,
            height: li.getBoundingClientRect().height,
            py: inside(li.querySelector('.rosetta__py')),
            ts: inside(li.querySelector('.rosetta__ts')),
          };
        }),
      );
      const ids = facts.map((f) => f.id);
      expect(new Set(ids).size, 'one distinct anchor per row').toBe(ids.length);
      expect(ids.every((id) => /^py-/.test(id))).toBe(true);
      expect(
        facts.filter((f) => !f.py || !f.ts).map((f) => f.id),
        'rows with a name off screen',
      ).toEqual([]);
      const tall = facts
        .filter((f) => f.height > (viewport.width < 600 ? 130 : 80))
        .map((f) => `${f.id} ${f.height}`);
      expect(tall, 'rows taller than two lines of names').toEqual([]);
      const headings = (await page.locator('.rosetta__group h2').allTextContents()).map((h) =>
        h.replace(/\s*\(\d+\)$/, ''),
      );
      expect(headings.length).toBeGreaterThan(10);
      for (const h of headings) {
        expect(h, 'a heading in words, not a slug').toMatch(/^[A-Z][a-z]+\b/);
        expect(h, 'a heading in words, not a slug').not.toMatch(/^[a-z0-9.]+(-[a-z0-9.]+)+$/);
      }
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('search and filter narrow the list; a row opens from its anchor and names what exists', async () => {
    const errors: string[] = [];
    const page = await open(site, '/docs/spec/rosetta-stone', errors);
    const count = page.getByTestId('rosetta-count');
    const all = Number((await count.textContent())?.split(' ')[0]);
    await page.getByLabel('Search a Python or TypeScript name').fill('call_soon');
    await expect.poll(async () => Number((await count.textContent())?.split(' ')[0])).toBeLessThan(10);
    await expect(
      page
        .locator('li.rosetta__row:visible code.rosetta__py', { hasText: /^AbstractEventLoop\.call_soon$/ })
        .count(),
    ).resolves.toBe(1);
    await page.getByLabel('Search a Python or TypeScript name').fill('');
    await page.getByLabel('Different on Node').check();
    const differs = Number((await count.textContent())?.split(' ')[0]);
    expect(differs).toBeGreaterThan(0);
    expect(differs).toBeLessThan(all);
    // The row of Lock.__iter__, reached by its anchor, is open and names Lock.hold, with its API page.
    await page.goto(`${site.base}/docs/spec/rosetta-stone#py-Lock.__iter__`, { waitUntil: 'networkidle' });
    const row = page.locator('[id="py-Lock.__iter__"]');
    await expect
      .poll(() => row.locator('details').evaluate((d) => (d as HTMLDetailsElement).open))
      .toBe(true);
    expect(await row.locator('.rosetta__ts').textContent()).toMatch(/^Lock\.hold/);
    expect(await row.locator('a[href*="/docs/api/"]').count()).toBe(1);
    expect(
      await page.locator('.rosetta__ts code', { hasText: /^(Lock|Condition|Semaphore)\[Symbol/ }).count(),
    ).toBe(0);
    expect(await seriousViolations(page), 'axe serious/critical violations').toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
