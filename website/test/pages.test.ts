// What the built site's pages contain and weigh, in Debian's chromium (playwright-core, never a
// downloaded browser), over the production build served as `docusaurus serve` serves it:
// - diagrams: every mermaid diagram renders without a literal `\n`, carries an accessible title and
//   description, its text is at least 12 px on screen and keeps axe's contrast rules; the tutorial
//   chapters that need a picture have one;
// - weight: each page's size (printed, raw and gzip-compressed), within budget as a host that
//   compresses transfers it (home ≤ 600 KB, a spec page ≤ 1.5 MB), and mermaid's code loads only on
//   pages that draw a diagram. The budget is on the compressed size because that is what crosses the
//   network from any real host; `docusaurus serve` itself does not compress, and the raw sizes
//   (home about 730 KB, diagram pages about 2 MB, mostly React and mermaid) are printed beside it.
// The home page and the tutorial's last chapter are checked in home.test.ts.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { buildDir, open as openPage, serveSite } from './harness';

const build = buildDir;
const site = serveSite();

/** Opens `route` in a fresh context (an empty cache) at 1280 × 900, failing on page errors. */
function open(route: string, errors: string[]): Promise<Page> {
  return openPage(site, route, errors, { viewport: { width: 1280, height: 900 } });
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
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
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
  const response = await page.goto(`${site.base}${route}`, { waitUntil: 'networkidle' });
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
