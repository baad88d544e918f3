// Issue 11, item 2: the playground cannot freeze the page. Programs run in a Web Worker with a time
// budget and a Stop button, their output streams in as it is printed, TypeScript is accepted, Reset
// and Share work, and a runnable sample of the docs opens in the playground and runs as printed.
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { open, serveSite } from './harness';

const site = serveSite();

const playground = (page: Page, title: RegExp): Locator =>
  page.locator('section.playground').filter({ has: page.locator('label', { hasText: title }) });
const state = (p: Locator) => p.getAttribute('data-state');
const output = async (p: Locator) => (await p.getByTestId('playground-output').textContent()) ?? '';

/** The page still answers: a script of the page runs within a second. */
async function responsive(page: Page): Promise<boolean> {
  return Promise.race([
    page.evaluate(() => true),
    new Promise<boolean>((r) => setTimeout(() => r(false), 1000)),
  ]);
}

describe('the playground', () => {
  it('streams the output of a loop that never stops, and Stop ends it', async () => {
    const errors: string[] = [];
    const page = await open(site, '/playground', errors);
    const p = playground(page, /never stops/);
    await p.getByRole('button', { name: 'Run' }).click();
    // Lines arrive while the program still runs.
    await expect.poll(() => output(p), { timeout: 10_000 }).toMatch(/tick 10/);
    expect(await state(p)).toBe('running');
    expect(await responsive(page)).toBe(true);
    await p.getByRole('button', { name: 'Stop' }).click();
    expect(await state(p)).toBe('stopped');
    expect(await output(p)).toMatch(/stopped by you$/);
    expect(await p.locator('.playground__timeline tbody tr').count()).toBeGreaterThan(2);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('survives an infinite loop in a coroutine: the page answers, the time budget stops it', async () => {
    const errors: string[] = [];
    const page = await open(site, '/playground', errors);
    const p = playground(page, /callSoon order/);
    await p
      .locator('textarea')
      .fill('function* spin() {\n  while (true) {}\n}\nawait loop.runUntilComplete(spin());');
    await p.getByRole('button', { name: 'Run' }).click();
    await expect.poll(() => state(p)).toBe('running');
    expect(await responsive(page)).toBe(true);
    await expect.poll(() => state(p), { timeout: 15_000 }).toBe('stopped');
    expect(await output(p)).toMatch(/time budget/);
    // Reset brings back the sample, which runs again.
    await p.getByRole('button', { name: 'Reset' }).click();
    expect(await p.locator('textarea').inputValue()).toMatch(/^loop\.callSoon/);
    await p.getByRole('button', { name: 'Run' }).click();
    await expect.poll(() => state(p), { timeout: 15_000 }).toBe('done');
    expect((await output(p)).split('\n').slice(0, 2)).toEqual(['first', 'second']);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('runs TypeScript, and Share gives a link that opens the program', async () => {
    const errors: string[] = [];
    const page = await open(site, '/playground', errors);
    const p = playground(page, /TypeScript/);
    await p.getByRole('button', { name: 'Run' }).click();
    await expect.poll(() => state(p), { timeout: 15_000 }).toBe('done');
    expect(await output(p)).toBe('["slow after 20 ms","fast after 10 ms"]');
    await p.locator('textarea').fill("const n: number = 6 * 7;\nprint('shared', n);");
    await p.getByRole('button', { name: 'Share' }).click();
    const link = await p.getByTestId('playground-link').getAttribute('href');
    expect(link).toMatch(/\/playground#code=[\w-]+$/);
    await page.goto(String(link), { waitUntil: 'networkidle' });
    const linked = playground(page, /from your link/);
    expect(await linked.locator('textarea').inputValue()).toBe(
      "const n: number = 6 * 7;\nprint('shared', n);",
    );
    await linked.getByRole('button', { name: 'Run' }).click();
    await expect.poll(() => state(linked), { timeout: 15_000 }).toBe('done');
    expect(await output(linked)).toBe('shared 42');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a runnable sample of the tutorial opens in the playground and runs as printed', async () => {
    const errors: string[] = [];
    const page = await open(site, '/docs/tutorial/futures', errors);
    const link = page.getByRole('link', { name: 'Open in playground' }).first();
    expect(await link.count()).toBe(1);
    await page.goto(`${site.base}${await link.getAttribute('href')}`, { waitUntil: 'networkidle' });
    const p = playground(page, /from your link/);
    expect(await p.locator('textarea').inputValue()).toMatch(/slowOperation/);
    await p.getByRole('button', { name: 'Run' }).click();
    await expect.poll(() => state(p), { timeout: 15_000 }).toBe('done');
    expect(await output(p)).toBe('run_until_complete: Future is done!\ncallback: Future is done!');
    expect(errors).toEqual([]);
    await page.close();
  });
});
