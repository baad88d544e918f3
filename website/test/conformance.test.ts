// Issue 11, item 7: the conformance page is a matrix, statements × implementations (the reference,
// TestLoop, CPython asyncio 3.11–3.13 and uvloop), grouped under the spec pages' titles, with human
// column labels, a summary per implementation, a filter, each statement linked to its anchor, and
// the way to add your own loop. One page load; the 390 px layout is overflow.test.ts's.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { open, root, serveSite } from './harness';

const site = serveSite();

type Implementation = { name: string; kind: string; statements: Record<string, string> };
const results = JSON.parse(
  readFileSync(path.join(root, 'website/src/data/conformance-results.json'), 'utf8'),
) as { implementations: Implementation[] };
const impls = results.implementations;
const ids = [...new Set(impls.flatMap((i) => Object.keys(i.statements)))];
// A statement "differs or fails" when an implementation fails it, or when the implementations that
// ran it disagree (a feature an adapter declares unsupported is not run; a twin skipped on one
// CPython version and passed on another is a difference).
const PROBLEMS = new Set(['failed', 'timedOut', 'crashed', 'unexpectedPass']);
const differing = ids.filter((id) => {
  const ran = impls
    .map((i) =>
      i.kind === 'conformance-suite' && i.statements[id] === 'unsupported' ? undefined : i.statements[id],
    )
    .filter((s) => s !== undefined);
  return ran.some((s) => PROBLEMS.has(s)) || new Set(ran).size > 1;
});

describe('the conformance matrix', () => {
  it('one row per statement, a column per implementation, grouped by spec page, filterable, linked, with a way to add your loop', async () => {
    const errors: string[] = [];
    const page = await open(site, '/conformance', errors);

    // A summary row per implementation: passed, failed, unsupported (no column that is zero everywhere).
    const summary = page.locator('table.matrix-summary');
    const summaryHeads = (await summary.locator('thead th').allTextContents()).map((t) => t.trim());
    expect(summaryHeads.slice(0, 4)).toEqual(['implementation', 'passed', 'failed', 'unsupported']);
    const summaryRows = summary.locator('tbody tr');
    expect(await summaryRows.count()).toBe(impls.length);
    const reference = impls[0] as Implementation;
    const referenceCells = await summaryRows.first().locator('td').allTextContents();
    expect(referenceCells[0]).toBe(
      String(Object.values(reference.statements).filter((s) => s === 'passed').length),
    );
    for (let c = 1; c < summaryHeads.length; c++) {
      const column = await summary.locator(`tbody tr td:nth-of-type(${c})`).allTextContents();
      expect(
        column.some((v) => v.trim() !== '0'),
        `summary column ${summaryHeads[c]} is not all zero`,
      ).toBe(true);
    }

    // Columns under human labels, the same in every section's table.
    const heads = (await page.locator('table.matrix').first().locator('thead th').allTextContents()).map(
      (t) => t.trim(),
    );
    expect(heads).toEqual([
      'Statement',
      'Reference',
      'TestLoop',
      'CPython 3.11',
      'CPython 3.12',
      'CPython 3.13',
      'uvloop',
    ]);

    // One row per statement, under headings that are the spec pages' titles (not slugs).
    const rows = page.locator('table.matrix tbody tr');
    expect(await rows.count()).toBe(ids.length);
    // Each heading links to its spec page and counts its statements: "Event loop (55)".
    const headings = (await page.locator('section.matrix-section h3 a').allTextContents()).map((t) =>
      t.trim(),
    );
    expect(headings).toContain('Event loop');
    expect(headings).toContain('Tasks and coroutines');
    for (const h of headings) expect(h, 'a readable heading').toMatch(/^[A-Z][a-z]+( [a-z]+)*\b/);
    const fifo = page.locator('tr', { has: page.locator('a', { hasText: /^loop\.call-soon\.fifo$/ }) });
    expect(await fifo.locator('td').count()).toBe(heads.length - 1);
    expect(await fifo.locator('td').first().textContent()).toMatch(/passed/);

    // The way to add your own loop: the three steps, the guide and the adapter template.
    const add = page.locator('section#add-your-loop');
    expect(await add.locator('h2').textContent()).toMatch(/Add your loop/);
    const steps = await add.locator('ol > li').allTextContents();
    expect(steps).toHaveLength(3);
    expect(steps[0]).toMatch(/npx pep3156-conformance init/);
    expect(steps[1]).toMatch(/npx pep3156-conformance \.\/conformance-adapter\.ts/);
    expect(steps[2]).toMatch(/report/);
    expect(await add.locator('a[href="/docs/guides/running-the-conformance-suite"]').count()).toBeGreaterThan(
      0,
    );
    expect(await add.locator('a[href$="/examples/adapter-template"]').count()).toBe(1);

    // The filter: text narrows the rows to the statements whose id or title has it.
    const filter = page.getByLabel('Filter statements');
    await filter.fill('call-soon');
    await expect.poll(() => rows.count()).toBeLessThan(ids.length);
    const shown = await rows.locator('th a').allTextContents();
    expect(shown.length).toBe(ids.filter((id) => id.includes('call-soon')).length);
    for (const id of shown) expect(id).toMatch(/call-soon/);
    await filter.fill('');
    // …and the toggle keeps only the statements where implementations differ or fail.
    const toggle = page.getByLabel(/only statements where implementations differ or fail/i);
    await toggle.check();
    await expect.poll(() => rows.count()).toBe(differing.length);
    expect(differing.length).toBeGreaterThan(0);
    await toggle.uncheck();
    await expect.poll(() => rows.count()).toBe(ids.length);

    // A statement's link lands on its anchor in the spec.
    await fifo.locator('a', { hasText: /^loop\.call-soon\.fifo$/ }).click();
    await page.waitForURL(/\/docs\/spec\/event-loop#loop\.call-soon\.fifo$/);
    const statement = page.locator('[id="loop.call-soon.fifo"]');
    await expect.poll(() => statement.isVisible()).toBe(true);
    await expect.poll(() => statement.evaluate((e) => e.getBoundingClientRect().top)).toBeLessThan(400);
    expect(errors).toEqual([]);
    await page.close();
  });
});
