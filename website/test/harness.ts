// The built site served locally and opened in Debian's chromium (driven by playwright-core, never a
// downloaded browser), shared by the browser checks. SITE_BUILD_DIR serves another build (an older
// one, to show that a check fails on it); the default is build/.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const buildDir = path.resolve(root, process.env.SITE_BUILD_DIR ?? 'build');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function waitForServer(url: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the site did not come up at ${url}`);
}

export interface Site {
  base: string;
  browser: Browser;
}

/** Serves the build and launches chromium before the file's tests; stops both after them. */
export function serveSite(): Site {
  const site = { base: '', browser: null as unknown as Browser };
  let server: ChildProcess | null = null;
  beforeAll(async () => {
    if (!existsSync(path.join(buildDir, 'index.html')))
      throw new Error(`${buildDir} is missing: run the site build first`);
    const port = await freePort();
    site.base = `http://127.0.0.1:${port}`;
    server = spawn(
      path.join(root, 'node_modules/.bin/docusaurus'),
      ['serve', '--dir', buildDir, '--port', String(port), '--host', '127.0.0.1', '--no-open'],
      { cwd: root, stdio: 'ignore' },
    );
    await waitForServer(site.base);
    site.browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  });
  afterAll(async () => {
    await site.browser?.close();
    server?.kill('SIGTERM');
  });
  return site;
}

/** Opens `route`, collecting console errors into `errors`, and returns the page. */
export async function open(
  site: Site,
  route: string,
  errors: string[],
  options: BrowserContextOptions = {},
): Promise<Page> {
  const context = await site.browser.newContext(options);
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${route}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`${route}: ${e.message}`));
  const response = await page.goto(`${site.base}${route}`, { waitUntil: 'networkidle' });
  expect(response?.status(), `${route} loads`).toBe(200);
  return page;
}

export async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}
