// Issue 11, item 9: the tutorial has diagrams where a picture beats text (chapter 1: one loop
// iteration; 3: a future's states; 6: the protocol call order), each with an accessible title and
// description, and no diagram shows a literal "\n".
import { describe, expect, it } from 'vitest';
import { open, serveSite } from './harness';

const site = serveSite();

describe('diagrams', () => {
  for (const [route, title] of [
    ['/docs/tutorial/concepts', /one iteration of the event loop/i],
    ['/docs/tutorial/futures', /states of a future/i],
    ['/docs/tutorial/echo-protocol', /order of protocol callbacks/i],
    ['/docs/spec/futures', null],
    ['/docs/spec/tasks-and-coroutines', null],
  ] as const) {
    it(`${route}: a diagram${title ? ' with its accessible title and description' : ''}, and no literal \\n`, async () => {
      const errors: string[] = [];
      const page = await open(site, route, errors);
      const svg = page.locator('.docusaurus-mermaid-container svg').first();
      await svg.waitFor({ timeout: 15_000 });
      if (title) {
        expect(await svg.locator('title').first().textContent()).toMatch(title);
        expect(((await svg.locator('desc').first().textContent()) ?? '').length).toBeGreaterThan(40);
      }
      for (const text of await page.locator('.docusaurus-mermaid-container').allTextContents())
        expect(text).not.toContain('\\n');
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});
