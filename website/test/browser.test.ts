// The built site in Debian's chromium (driven by playwright-core, never a downloaded browser):
// the home page, a tutorial page (and its hover types), a spec page, an API page, a search, dark mode; no console
// errors; axe reports no serious or critical violation.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { open as openIn, seriousViolations, serveSite } from './harness';

const site = serveSite();
const open = (route: string, errors: string[]): Promise<Page> => openIn(site, route, errors);

describe('the site in a real browser', () => {
  const pages: [string, string, RegExp][] = [
    ['home', '/', /asyncio for TypeScript/],
    ['tutorial page', '/docs/tutorial/yield-from', /yield\* is yield from/],
    ['spec page', '/docs/spec/event-loop', /Event loop/],
    ['API page', '/docs/api', /API|pep3156/i],
    ['conformance matrix', '/conformance', /Conformance matrix/],
  ];
  for (const [name, route, heading] of pages) {
    it(`${name} (${route}) renders, logs no console error and has no serious axe violation`, async () => {
      const errors: string[] = [];
      const page = await open(route, errors);
      expect(await page.locator('h1').first().textContent()).toMatch(heading);
      expect(await seriousViolations(page), 'axe serious/critical violations').toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('a spec statement is an anchor that lists the tests checking it', async () => {
    const errors: string[] = [];
    const page = await open('/docs/spec/event-loop#loop.call-soon.fifo', errors);
    const statement = page.locator('[id="loop.call-soon.fifo"]');
    await expect(statement.count()).resolves.toBe(1);
    expect(await statement.textContent()).toMatch(/Checked by \d+ test/);
    await page.close();
  });

  it('a statement that has no Python meaning says so, and What differs on Node lists it with its reason', async () => {
    const errors: string[] = [];
    const page = await open('/docs/spec/node-differences#statements-with-no-python-meaning', errors);
    const items = page.locator('.ts-only-list li');
    expect(await items.count()).toBeGreaterThan(0);
    const first = items.first();
    const href = await first.locator('a').getAttribute('href');
    expect(href).toMatch(/#[a-z]+\./);
    expect((await first.textContent())?.split(': ')[1]?.length ?? 0).toBeGreaterThan(10);
    // The statement itself, on its page, carries the TS-only badge and the same reason.
    const id = decodeURIComponent(String(href).split('#')[1]);
    await page.goto(`${site.base}${href}`);
    const statement = page.locator(`[id="${id}"]`);
    expect(await statement.locator('.statement__level--ts-only').textContent()).toBe('TS-only');
    expect(await statement.locator('.statement__ts-only').textContent()).toMatch(/^No Python twin: /);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('What differs on Node lists the deliberate differences from CPython, each linked to its statement', async () => {
    const errors: string[] = [];
    const page = await open(
      '/docs/spec/node-differences#where-the-reference-differs-from-cpython-on-purpose',
      errors,
    );
    const heading = page.getByRole('heading', {
      name: 'Where the reference differs from CPython on purpose',
    });
    await expect.poll(() => heading.isVisible()).toBe(true);
    // The table right after the heading: area | CPython asyncio | the reference | why.
    const table = page.locator('h3#where-the-reference-differs-from-cpython-on-purpose ~ table').first();
    expect(await table.locator('th').allTextContents()).toEqual([
      'area',
      'CPython asyncio',
      'the reference',
      'why',
    ]);
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBeGreaterThanOrEqual(30);
    // Every row says both sides and why, and its area links to a statement (or a section) that exists.
    for (const row of await rows.all()) {
      const cells = await row.locator('td').allTextContents();
      expect(
        cells.every((c) => c.trim().length > 3),
        cells.join(' | '),
      ).toBe(true);
      const href = String(await row.locator('td a').first().getAttribute('href'));
      const [route, id] = href.split('#');
      const target = route ? `${site.base}${route}` : page.url().split('#')[0];
      const html = await (await fetch(target)).text();
      expect(html.includes(`id="${id}"`) || html.includes(`id=${id}`), `${href} exists`).toBe(true);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a TypeScript sample shows the types the compiler computed at build time, and more on hover', async () => {
    const errors: string[] = [];
    const page = await open('/docs/tutorial/yield-from', errors);
    const sample = page.locator('.twoslash-block').first();
    expect(await sample.locator('.twoslash-block__title').textContent()).toMatch(/02-yield-from\.ts/);
    // The `^?` query under `result` prints its inferred type without any interaction.
    expect(await sample.locator('.twoslash-query-persisted').first().textContent()).toMatch(
      /const result: number/,
    );
    // Hovering over `sleep` reveals its signature from the real package.
    const hover = sample
      .locator('.twoslash-hover')
      .filter({ has: page.locator('.twoslash-popup-code', { hasText: 'function sleep(' }) })
      .first();
    const popup = hover.locator('.twoslash-popup-container');
    expect(await popup.evaluate((e) => getComputedStyle(e).opacity)).toBe('0');
    // The mouse goes to the name itself (Playwright's own hover() refuses: the popup that appears
    // under the pointer counts for it as an element in the way).
    await hover.scrollIntoViewIfNeeded();
    const box = await hover.boundingBox();
    expect(box, 'the name is on screen').not.toBeNull();
    if (box) await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => popup.evaluate((e) => getComputedStyle(e).opacity), { timeout: 5000 }).toBe('1');
    expect(await popup.textContent()).toMatch(/function sleep\(delay: number/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the playground runs a sample in the browser and shows its output and timeline', async () => {
    const errors: string[] = [];
    const page = await open('/playground', errors);
    await page.getByRole('button', { name: 'Run' }).first().click();
    const output = page.getByTestId('playground-output').first();
    await output.waitFor({ timeout: 15_000 });
    // The output streams in: read it once the program is done.
    await expect
      .poll(() => page.locator('section.playground').first().getAttribute('data-state'), { timeout: 15_000 })
      .toBe('done');
    // Whether the timer is already due in the first iteration depends on how busy the browser is;
    // what the loop guarantees is the callSoon order and that a callback's callback runs later.
    const lines = ((await output.textContent()) ?? '').split('\n');
    expect(lines.slice(0, 2)).toEqual(['first', 'second']);
    expect(lines.indexOf('scheduled by second: next iteration')).toBeGreaterThan(1);
    expect(lines).toContain('timer after 10 ms');
    expect(lines).toHaveLength(4);
    expect(await page.locator('.playground__timeline tbody tr').count()).toBeGreaterThanOrEqual(2);
    expect(await seriousViolations(page), 'axe on the playground').toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('search finds a page', async () => {
    const errors: string[] = [];
    const page = await open('/', errors);
    const box = page.locator('input.navbar__search-input').first();
    await box.click();
    await box.pressSequentially('runUntilComplete', { delay: 20 });
    const results = page.locator('[class*="hitTitle"]');
    await results.first().waitFor({ timeout: 15_000 });
    expect(await results.count()).toBeGreaterThan(0);
    await page.close();
  });

  it('dark mode switches and stays accessible', async () => {
    const errors: string[] = [];
    const page = await open('/docs/spec/futures', errors);
    const theme = () => page.locator('html').getAttribute('data-theme');
    const before = await theme();
    const toggle = page
      .getByRole('button', { name: /dark mode|light mode|system mode|switch between/i })
      .first();
    let after = before;
    // The toggle cycles system, light, dark: click until the theme changes (at most three times).
    for (let i = 0; i < 3 && after === before; i++) {
      await toggle.click();
      after = await theme();
    }
    expect(after).not.toBe(before);
    expect(await seriousViolations(page), 'axe in the other theme').toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
