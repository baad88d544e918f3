// What the built site's pages contain and weigh, in Debian's chromium (playwright-core, never a
// downloaded browser), over the production build served as `docusaurus serve` serves it:
// - diagrams: every mermaid diagram renders without a literal `\n`, carries an accessible title and
//   description, its text is at least 12 px on screen and keeps axe's contrast rules; the tutorial
//   chapters that need a picture have one;
// - weight: each page's size (printed, raw and gzip-compressed), within budget as a host that
//   compresses transfers it (home ≤ 600 KB, a spec page ≤ 1.5 MB), and mermaid's code loads only on
//   pages that draw a diagram. The budget is on the compressed size because that is what crosses the
//   network from any real host; `docusaurus serve` itself does not compress, and the raw sizes
//   (home about 730 KB, diagram pages about 2 MB, mostly React and mermaid) are printed beside it;

// - the home page: a highlighted shell block and a highlighted TypeScript block in the quick start,
//   and a "Porting from asyncio" card.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// PEP3156_SITE_BUILD serves another build directory (to compare a build with an older one).
const build = path.resolve(root, process.env.PEP3156_SITE_BUILD ?? 'build');
let server: ChildProcess | null = null;
let browser: Browser | null = null;
let base = '';

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
  for (let i = 0; i < 150; i++) {
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

beforeAll(async () => {
  if (!existsSync(path.join(build, 'index.html')))
    throw new Error('build/ is missing: run the site build first');
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(
    path.join(root, 'node_modules/.bin/docusaurus'),
    ['serve', '--dir', build, '--port', String(port), '--host', '127.0.0.1', '--no-open'],
    { cwd: root, stdio: 'ignore' },
  );
  await waitForServer(base);
  browser = await chromium.launch({
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
  await browser?.close();
  server?.kill('SIGTERM');
});

/** Opens `route` in a fresh context (an empty cache), failing on page errors. */
async function open(route: string, errors: string[]): Promise<Page> {
  const context = await (browser as Browser).newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`${route}: ${e.message}`));
  const response = await page.goto(`${base}${route}`, { waitUntil: 'networkidle' });
  expect(response?.status(), `${route} loads`).toBe(200);
  return page;
}

async function close(page: Page): Promise<void> {
  await page.context().close();
}

// ---------------------------------------------------------------------------------------------
// Diagrams

/** Every page that draws a diagram, with how many it draws. */
const diagramPages: [string, number][] = [
  ['/docs/spec/futures', 1],
  ['/docs/spec/tasks-and-coroutines', 1],
  ['/docs/spec/transports', 1],
  ['/docs/tutorial/concepts', 1],
  ['/docs/tutorial/futures', 1],
  ['/docs/tutorial/echo-protocol', 1],
];

interface DiagramReport {
  text: string;
  title: string;
  description: string;
  /** The smallest text on screen, in CSS pixels, and the label that has it. */
  smallest: { px: number; label: string };
}

/** What each rendered diagram on the page says, is called, and how small its text is on screen. */
function readDiagrams(page: Page): Promise<DiagramReport[]> {
  return page.$$eval('.docusaurus-mermaid-container svg', (svgs) =>
    svgs.map((svg) => {
      const byIds = (attr: string) =>
        (svg.getAttribute(attr) ?? '')
          .split(/\s+/)
          .filter(Boolean)
          .map((id) => svg.ownerDocument.getElementById(id)?.textContent?.trim() ?? '')
          .join(' ');
      // The svg is scaled to its column: a label's size on screen is its font size times that scale.
      const box = svg.getBoundingClientRect();
      const viewBox = (svg as SVGSVGElement).viewBox.baseVal;
      const scale = viewBox && viewBox.width > 0 ? box.width / viewBox.width : 1;
      let smallest = { px: Number.POSITIVE_INFINITY, label: '' };
      for (const el of Array.from(svg.querySelectorAll('text, tspan, foreignObject *'))) {
        const own = Array.from(el.childNodes)
          .filter((n) => n.nodeType === Node.TEXT_NODE)
          .map((n) => n.textContent ?? '')
          .join('')
          .trim();
        if (!own) continue;
        const px = Number.parseFloat(getComputedStyle(el).fontSize) * scale;
        if (px < smallest.px) smallest = { px: Math.round(px * 10) / 10, label: own };
      }
      const labels = Array.from(svg.querySelectorAll('text, foreignObject'))
        .map((e) => e.textContent ?? '')
        .join(' | ');
      return {
        text: labels,
        title: byIds('aria-labelledby'),
        description: byIds('aria-describedby'),
        smallest,
      };
    }),
  );
}

describe('diagrams', () => {
  for (const [route, count] of diagramPages) {
    it(`${route}: ${count} diagram(s), no literal \\n, an accessible title and description, text ≥ 12 px`, async () => {
      const errors: string[] = [];
      const page = await open(route, errors);
      const svgs = page.locator('.docusaurus-mermaid-container svg');
      await expect
        .poll(() => svgs.count(), { timeout: 15_000, message: `${route} draws its diagrams` })
        .toBe(count);
      const diagrams = await readDiagrams(page);
      for (const d of diagrams) {
        console.log(
          `${route}: diagram "${d.title}", smallest text ${d.smallest.px} px ("${d.smallest.label}")`,
        );
        expect(d.text, 'a label shows a literal \\n').not.toContain('\\n');
        expect(d.title.length, `${route}: the diagram has an accessible title (accTitle)`).toBeGreaterThan(3);
        expect(d.description.length, `${route}: the diagram has a description (accDescr)`).toBeGreaterThan(
          20,
        );
        expect(d.smallest.px, `${route}: "${d.smallest.label}" on screen`).toBeGreaterThanOrEqual(12);
      }
      // The diagram's colours (edge labels, notes) keep axe's contrast rules.
      const axe = await new AxeBuilder({ page }).include('.docusaurus-mermaid-container').analyze();
      const serious = axe.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(serious, 'axe serious/critical violations in the diagram').toEqual([]);
      expect(errors).toEqual([]);
      await close(page);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Weight

/** The built assets that carry mermaid's own code (its renderer), by URL path. */
function mermaidAssets(): Set<string> {
  const dir = path.join(build, 'assets', 'js');
  const found = new Set<string>();
  for (const f of readdirSync(dir)) {
    if (!f.endsWith('.js')) continue;
    // mermaid's API object and its render entry point: present in its core chunk only.
    const text = readFileSync(path.join(dir, f), 'utf8');
    if (text.includes('mermaidAPI') && text.includes('securityLevel')) found.add(`/assets/js/${f}`);
  }
  return found;
}

interface Weight {
  /** Bytes on the wire (docusaurus serve does not compress). */
  bytes: number;
  /** The same responses gzipped, as a compressing host would send them (for information). */
  gzipped: number;
  requests: number;
  urls: string[];
}

/** The gzipped size of a built file, by URL path (0 when the path is not a file of the build). */
function gzippedSize(urlPath: string): number {
  let file = path.join(build, decodeURIComponent(urlPath));
  if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
  if (!existsSync(file)) file = `${file}.html`;
  return existsSync(file) ? gzipSync(readFileSync(file)).length : 0;
}

/**
 * Loads `route` in a fresh context (an empty cache) and sums the bytes the network transferred
 * for it (CDP's encodedDataLength: headers and bodies), prefetches included.
 */
async function weigh(route: string): Promise<Weight> {
  const context = await (browser as Browser).newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const urls = new Map<string, string>();
  const finished: string[] = [];
  let bytes = 0;
  cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, new URL(e.request.url).pathname));
  cdp.on('Network.loadingFinished', (e) => {
    bytes += e.encodedDataLength;
    finished.push(urls.get(e.requestId) ?? '');
  });
  const response = await page.goto(`${base}${route}`, { waitUntil: 'networkidle' });
  expect(response?.status(), `${route} loads`).toBe(200);
  // Let late chunks (diagrams, prefetches) settle.
  await page.waitForTimeout(300);
  await context.close();
  const gzipped = finished.reduce((n, u) => n + gzippedSize(u), 0);
  return { bytes, gzipped, requests: finished.length, urls: finished };
}

const KB = 1024;
const kb = (n: number) => `${(n / KB).toFixed(0)} KB`;

describe('page weight (gzip-compressed, as a host transfers it; raw sizes printed)', () => {
  it('home ≤ 600 KB, every spec page ≤ 1.5 MB, mermaid only where a diagram is; prints each page', async () => {
    const sitemap = readFileSync(path.join(build, 'sitemap.xml'), 'utf8');
    const routes = [...sitemap.matchAll(/<loc>[^<]*?(\/docs\/(?:spec|tutorial)[^<]*)<\/loc>/g)].map((m) =>
      m[1].replace(/\/$/, ''),
    );
    const specRoutes = routes.filter((r) => r.startsWith('/docs/spec'));
    expect(specRoutes.length, 'spec pages in the sitemap').toBeGreaterThan(5);
    const checked: [string, number][] = [
      ['/', 600 * KB],
      ...routes.map((r): [string, number] => [r, r.startsWith('/docs/spec') ? 1.5 * KB * KB : Infinity]),
      ['/playground', Infinity],
    ];
    const mermaid = mermaidAssets();
    expect(mermaid.size, 'the build has a mermaid chunk').toBeGreaterThan(0);
    const withDiagrams = new Set(diagramPages.map(([r]) => r));
    const over: string[] = [];
    const mermaidWhereNoDiagram: string[] = [];
    for (const [route, budget] of checked) {
      const w = await weigh(route);
      const loadsMermaid = w.urls.some((u) => mermaid.has(u));
      const budgetText = Number.isFinite(budget) ? `, budget ${kb(budget)}` : '';
      console.log(
        `weight ${route}: ${kb(w.bytes)} in ${w.requests} requests (${kb(w.gzipped)} gzipped${budgetText})${loadsMermaid ? ', loads mermaid' : ''}`,
      );
      if (w.gzipped > budget) over.push(`${route}: ${kb(w.gzipped)} gzipped > ${kb(budget)}`);
      if (loadsMermaid && !withDiagrams.has(route)) mermaidWhereNoDiagram.push(route);
    }
    expect.soft(over, 'pages over budget').toEqual([]);
    expect.soft(mermaidWhereNoDiagram, 'pages with no diagram that load mermaid').toEqual([]);
  }, 240_000);
});

// ---------------------------------------------------------------------------------------------
// Home page

describe('the home page', () => {
  it('quick start: a highlighted shell block, then a highlighted TypeScript block', async () => {
    const errors: string[] = [];
    const page = await open('/', errors);
    const section = page.locator('section', { has: page.getByRole('heading', { name: 'Quick start' }) });
    const blocks = section.locator('pre');
    expect(await blocks.count(), 'code blocks in the quick start').toBe(2);
    const [shell, ts] = [blocks.nth(0), blocks.nth(1)];
    expect(await shell.textContent()).toMatch(/^\s*npm install/);
    expect(await shell.textContent()).not.toMatch(/import /);
    expect(await ts.textContent()).toMatch(/import \{[^}]*\} from 'pep3156'/);
    expect(await ts.textContent()).not.toMatch(/npm install/);
    for (const [name, block, language] of [
      ['shell', shell, /language-(bash|shell|sh)\b/],
      ['TypeScript', ts, /language-(ts|typescript)\b/],
    ] as const) {
      const classes = `${await block.getAttribute('class')} ${await block.locator('code').getAttribute('class')}`;
      expect(classes, `the ${name} block names its language`).toMatch(language);
      expect(await block.locator('.token').count(), `the ${name} block is highlighted`).toBeGreaterThan(2);
    }
    expect(errors).toEqual([]);
    await close(page);
  });

  it('has a "Porting from asyncio" card that leads to the porting guide', async () => {
    const errors: string[] = [];
    const page = await open('/', errors);
    const card = page.locator('.cards a', { hasText: 'Porting from asyncio' });
    expect(await card.count()).toBe(1);
    await card.click();
    await page.waitForURL(/\/docs\/guides\/porting-asyncio-code\/?$/);
    await expect.poll(() => page.locator('h1').first().textContent()).toMatch(/Porting asyncio code/);
    expect(errors).toEqual([]);
    await close(page);
  });
});
