// Issue 11, item 1: the loop timeline in the production build says what ran, by what the tracer
// knows (a callback of the program, a named task's step, a loop-internal callback), never by a
// minified function name, and it shows the explanation page's claim: two tasks' steps alternate.
import { describe, expect, it } from 'vitest';
import { open, serveSite } from './harness';

const site = serveSite();

interface Seen {
  iteration: number;
  kind: string | null;
  task: string | null;
  label: string;
  text: string;
}

describe('the loop timeline (explanation: How the loop sits on Node)', () => {
  it('labels every callback truthfully and shows tasks A and B taking turns', async () => {
    const errors: string[] = [];
    const page = await open(site, '/docs/explanation/node-event-loop', errors);
    await expect
      .poll(() => page.locator('section.playground').first().getAttribute('data-state'), { timeout: 15_000 })
      .toBe('done');
    const table = page.locator('.playground__timeline').first();
    await table.locator('tbody tr').first().waitFor({ timeout: 15_000 });
    const seen: Seen[] = await table.locator('tbody tr').evaluateAll((rows) =>
      rows.flatMap((row) => {
        const iteration = Number(row.querySelector('td')?.textContent);
        const items = [...row.querySelectorAll('li')];
        return items.map((li) => ({
          iteration,
          kind: li.getAttribute('data-kind'),
          task: li.getAttribute('data-task'),
          label: li.querySelector('.timeline__label')?.textContent ?? '',
          text: li.textContent ?? '',
        }));
      }),
    );
    // Every entry says what it is; no minified or anonymous name stands for a callback.
    expect(seen.length).toBeGreaterThan(8);
    for (const e of seen) {
      expect(['callback', 'timer', 'task', 'internal'], JSON.stringify(e)).toContain(e.kind);
      if (e.kind === 'task') expect(e.label).toBe(e.task);
      else expect(e.label, JSON.stringify(e)).not.toMatch(/^[a-zA-Z_$]{1,2}$|anonymous/);
    }
    // Iterations are numbered without a gap: every iteration that ran a callback has its row.
    const iterations = [...new Set(seen.map((e) => e.iteration))];
    expect(iterations).toEqual(iterations.map((_, i) => iterations[0] + i));
    // The program's own callbacks, by the names it gave them, in callSoon order; a callback's
    // callback in a later iteration.
    const at = (label: string) => seen.find((e) => e.label === label);
    expect(at('first()')).toMatchObject({ kind: 'callback', iteration: iterations[0] });
    expect(at('second()')).toMatchObject({ kind: 'callback', iteration: iterations[0] });
    expect(at('scheduledBySecond()')?.iteration).toBeGreaterThan(iterations[0]);
    // Task steps name their task, with what they printed, and A and B alternate, one step each per
    // iteration.
    const steps = seen.filter((e) => e.kind === 'task' && (e.task === 'A' || e.task === 'B'));
    expect(steps.map((e) => e.task)).toEqual(['A', 'B', 'A', 'B', 'A', 'B']);
    expect(steps[0].text).toMatch(/A0/);
    expect(steps[1].text).toMatch(/B0/);
    const aIterations = steps.filter((e) => e.task === 'A').map((e) => e.iteration);
    expect(aIterations).toEqual([aIterations[0], aIterations[0] + 1, aIterations[0] + 2]);
    expect(steps.filter((e) => e.task === 'B').map((e) => e.iteration)).toEqual(aIterations);
    // The claim is spelled out under the picture.
    await expect(page.getByTestId('timeline-task-order').first().textContent()).resolves.toMatch(
      /A → B → A → B → A → B/,
    );
    expect(errors).toEqual([]);
    await page.close();
  });
});
