// Issue 11, item 4: no page of the site scrolls sideways, on a laptop (1280 px) or a phone (390 px).
// Every built page is opened at both widths and the document's scrollWidth is compared with the
// viewport's width; a failure names the page and the elements that stick out.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { buildDir, serveSite } from './harness';

const site = serveSite();

/** Every page of the build, as a route; of the generated API reference, every eighth page. */
function routes(everyApiPage = false): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory() && e.name !== 'assets') walk(p);
      else if (e.name === 'index.html') found.push(`/${path.relative(buildDir, dir)}/`.replace(/^\/+/, '/'));
    }
  };
  walk(buildDir);
  const api = found.filter((r) => r.startsWith('/docs/api/'));
  return [
    ...found.filter((r) => !r.startsWith('/docs/api/')),
    ...api.filter((_, i) => everyApiPage || i % 8 === 0),
  ];
}

/** How far the page scrolls sideways, and the outermost elements that reach past the viewport. */
async function overflow(page: Page): Promise<{ excess: number; culprits: string[] }> {
  return page.evaluate(() => {
    const doc = document.documentElement;
    const width = doc.clientWidth;
    const culprits: string[] = [];
    const clips = (el: Element) => {
      const s = getComputedStyle(el);
      return s.position === 'fixed' || (s.overflowX !== 'visible' && el !== document.body && el !== doc);
    };
    const contained = (el: Element) => {
      for (let a = el.parentElement; a !== null; a = a.parentElement) if (clips(a)) return true;
      return false;
    };
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.right <= width + 1 || getComputedStyle(el).position === 'fixed') continue;
      const parent = el.parentElement?.getBoundingClientRect();
      if ((parent && parent.right > width + 1) || contained(el)) continue;
      const cls = typeof el.className === 'string' ? el.className.split(' ')[0] : '';
      culprits.push(`${el.tagName.toLowerCase()}${cls ? `.${cls}` : ''} (right ${Math.round(r.right)})`);
      if (culprits.length >= 4) break;
    }
    return { excess: doc.scrollWidth - width, culprits };
  });
}

const widths = [
  ['1280 px', { width: 1280, height: 900 }],
  ['390 px', { width: 390, height: 844 }],
] as const;

/** Pages whose content the browser renders after loading (the rest is in the HTML as built). */
const interactive = [
  '/',
  '/playground/',
  '/docs/explanation/node-event-loop/',
  '/docs/spec/rosetta-stone/',
  '/conformance/',
  // Diagrams are drawn in the browser.
  '/docs/tutorial/concepts/',
  '/docs/tutorial/futures/',
  '/docs/tutorial/echo-protocol/',
  '/docs/spec/futures/',
  '/docs/spec/tasks-and-coroutines/',
  '/docs/spec/transports/',
];

/** The pages among `list` that scroll sideways at each width, with JavaScript on or off. */
async function overflowing(list: string[], javaScriptEnabled: boolean): Promise<string[]> {
  const failures = await Promise.all(
    widths.map(async ([name, viewport]) => {
      const context = await site.browser.newContext({ viewport, javaScriptEnabled });
      const page = await context.newPage();
      const bad: string[] = [];
      for (const route of list) {
        await page.goto(`${site.base}${route}`, { waitUntil: javaScriptEnabled ? 'networkidle' : 'load' });
        const { excess, culprits } = await overflow(page);
        if (excess > 0) bad.push(`${name} ${route}: ${excess} px wider (${culprits.join(', ')})`);
      }
      console.log(
        `${name}${javaScriptEnabled ? '' : ' (as built)'}: ${bad.length} of ${list.length} pages scroll sideways`,
      );
      await context.close();
      return bad;
    }),
  );
  return failures.flat();
}

describe('no page scrolls sideways', () => {
  // The layout of every page as built (server-rendered HTML and the site's CSS; without running the
  // scripts, which only hydrate it, a page loads in a third of the time).
  it('at 1280 px and at 390 px, every page (and every eighth API page) as built', async () => {
    const all = routes();
    expect(all.length).toBeGreaterThan(40);
    expect(await overflowing(all, false)).toEqual([]);
  }, 300_000);

  it('at 1280 px and at 390 px, the pages that render in the browser, after they have', async () => {
    expect(await overflowing(interactive, true)).toEqual([]);
  }, 120_000);

  it('no page shows raw TSDoc markup ({@link …})', () => {
    const raw = routes(true)
      .map((r) => [r, readFileSync(path.join(buildDir, r, 'index.html'), 'utf8')] as const)
      .filter(([, html]) => html.includes('{@link'))
      .map(([r]) => r);
    expect(raw).toEqual([]);
  });

  it('a type popup that shows stays inside a phone’s viewport and renders its TSDoc links as links', async () => {
    const context = await site.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${site.base}/docs/tutorial/yield-from/`, { waitUntil: 'networkidle' });
    const hovers = page.locator('.twoslash-block .twoslash-hover:not(.twoslash-query-persisted)');
    const count = Math.min(await hovers.count(), 12);
    expect(count).toBeGreaterThan(5);
    const outside: string[] = [];
    let links = 0;
    for (let i = 0; i < count; i++) {
      const hover = hovers.nth(i);
      await hover.scrollIntoViewIfNeeded();
      const box = await hover.boundingBox();
      if (box === null) continue;
      await page.mouse.move(box.x + Math.min(4, box.width / 2), box.y + box.height / 2);
      const popup = hover.locator(':scope > .twoslash-popup-container');
      await expect
        .poll(() => popup.evaluate((e) => getComputedStyle(e).opacity), { timeout: 5000 })
        .toBe('1');
      const { left, right, width } = await popup.evaluate((e) => ({
        ...e.getBoundingClientRect().toJSON(),
        width: document.documentElement.clientWidth,
      }));
      if (left < 0 || right > width)
        outside.push(`${await hover.innerText()}: ${Math.round(left)}..${Math.round(right)} of ${width}`);
      links += await popup.locator('a[href^="https://peps.python.org/"]').count();
      await page.mouse.move(0, 0);
    }
    expect(outside).toEqual([]);
    expect(links, 'PEP links in the popups').toBeGreaterThan(0);
    await context.close();
  });
});
