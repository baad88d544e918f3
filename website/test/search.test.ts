// Issue 11, item 6: search finds an API name where a reader expects it. Typed into the navbar's
// search box, each name's first result is the spec statement that governs it or the API entry of
// the interface, class or function that declares it (never an inherited or implementing copy), no
// result list shows the same title twice, and the search index stays under 1 MB gzipped.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { buildDir, open, serveSite } from './harness';

const site = serveSite();

// What may come first for each name: its spec statements, or the declaring entry of the API
// reference (matched by the end of its path, so that a renamed entry point does not matter).
const firstResult: Record<string, RegExp> = {
  callLater:
    /^\/docs\/(spec\/event-loop#loop\.call-later\.[\w.-]+|api\/.+\/interfaces\/AbstractEventLoop#calllater)$/,
  'StreamReader.readuntil':
    /^\/docs\/(spec\/streams#streams\.readuntil\.[\w.-]+|api\/.+\/classes\/StreamReader#readuntil)$/,
  gather: /^\/docs\/(spec\/scheduler#scheduler\.gather\.[\w.-]+|api\/.+\/functions\/gather)$/,
  createServer:
    /^\/docs\/(spec\/servers#servers\.[\w.-]+|api\/.+\/interfaces\/AbstractEventLoop#createserver)$/,
  Future: /^\/docs\/(spec\/futures(#future\.[\w.-]+)?|api\/.+\/interfaces\/Future)$/,
};

interface Row {
  title: string;
  path: string;
}

/** Types `query` into the search box and returns the rows of the dropdown once it has settled. */
async function suggestions(page: Page, query: string): Promise<Row[]> {
  const input = page.locator('input.navbar__search-input');
  await input.fill('');
  await input.click();
  await input.fill(query);
  const rows = page.locator('[role="listbox"] [role="option"]');
  const read = () =>
    rows.evaluateAll((list) =>
      list.map((o) => ({
        title: o.querySelector('[class^="hitTitle"]')?.textContent ?? '',
        path: o.querySelector('[class^="hitPath"]')?.textContent ?? '',
      })),
    );
  // Emptied first, the dropdown closes; it then shows this query's results: wait until they stop
  // changing.
  let last = '';
  await expect
    .poll(
      async () => {
        const now = JSON.stringify(await read());
        const settled = now === last && now !== '[]';
        last = now;
        return settled;
      },
      { timeout: 15_000, interval: 250 },
    )
    .toBe(true);
  return JSON.parse(last) as Row[];
}

describe('search', () => {
  it('puts the spec statement or the declaring API entry first for five API names, and no title twice', async () => {
    const errors: string[] = [];
    const page = await open(site, '/docs/spec', errors);
    const report: string[] = [];
    const failures: string[] = [];
    for (const [query, expected] of Object.entries(firstResult)) {
      const rows = await suggestions(page, query);
      // The first row is selected: Enter opens it (the site navigates without a page load).
      const before = page.url();
      await page.locator('input.navbar__search-input').press('Enter');
      await expect.poll(() => page.url(), { timeout: 10_000 }).not.toBe(before);
      const url = new URL(page.url());
      const first = `${url.pathname}${url.hash}`;
      report.push(`${query}: ${first}  [${rows.map((r) => `${r.title} — ${r.path}`).join(' | ')}]`);
      if (!expected.test(first))
        failures.push(`${query}: first result ${first} (${rows[0]?.title} — ${rows[0]?.path})`);
      // The member itself is listed once: not again for each class that inherits or implements it.
      const name = query.split('.').pop() ?? query;
      const entries = rows.filter((r) => r.title.toLowerCase().endsWith(`${name.toLowerCase()}()`));
      if (entries.length > 1)
        failures.push(
          `${query}: ${name}() listed ${entries.length} times (${entries.map((r) => r.path).join(', ')})`,
        );
      const titles = rows.map((r) => r.title);
      const twice = titles.filter((t, i) => titles.indexOf(t) !== i);
      if (twice.length > 0)
        failures.push(`${query}: the same title twice: ${[...new Set(twice)].join(', ')}`);
    }
    console.log(report.join('\n'));
    expect(failures).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps the search index under 1 MB gzipped', () => {
    const files = readdirSync(buildDir).filter((f) => /^search-index.*\.json$/.test(f));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const raw = readFileSync(path.join(buildDir, f));
      const gzipped = gzipSync(raw).length;
      console.log(
        `${f}: ${(raw.length / 1024).toFixed(0)} KiB raw, ${(gzipped / 1024).toFixed(0)} KiB gzipped`,
      );
      expect(gzipped, `${f} gzipped`).toBeLessThan(1_000_000);
    }
  });
});
