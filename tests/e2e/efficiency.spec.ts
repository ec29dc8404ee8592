/**
 * The efficiency page in Chromium against the built site: every section of microgpt/fast.ts with its prose and
 * code, line links that land on real lines, and the race cell: both engines' losses identical, a speed ratio.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { parseSections } from '../../src/lib/sections.ts';
import { watchPage } from './guards.ts';

const PAGE = '/efficiency/';
const outline = parseSections(readFileSync(new URL('../../microgpt/fast.ts', import.meta.url), 'utf8'), 'microgpt/fast.ts');

let problems: string[] = [];

test.beforeEach(async ({ page }) => {
  problems = watchPage(page);
});

test.afterEach(() => {
  expect(problems, 'console errors, page errors and requests off localhost').toEqual([]);
});

/** The text of a table's body, row by row. */
const tableRows = (page: Page, caption: RegExp) =>
  page.locator('[data-cell="race"] table').filter({ has: page.locator('caption', { hasText: caption }) }).locator('tbody tr')
    .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent ?? '')));

test('every section of fast.ts is on the page: its title, its prose, and its code with real line numbers', async ({ page }) => {
  await page.goto(PAGE);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Everything else is just efficiency');
  expect(outline.sections.length).toBeGreaterThan(20);
  await expect(page.locator('[data-section]')).toHaveCount(outline.sections.length);
  const source = readFileSync(new URL('../../microgpt/fast.ts', import.meta.url), 'utf8').split('\n');
  for (const s of outline.sections) {
    const section = page.locator(`section[data-section="${s.id}"]`);
    await expect(section).toHaveAttribute('id', s.id);
    await expect(section.locator('h3')).toHaveText(s.title);
    const prose = (await section.locator('.section-prose .prose').innerText()).trim();
    expect(prose.split(/\s+/).length, `prose of ${s.id}`).toBeGreaterThan(15);
    for (const line of [s.lines[0], s.lines[s.lines.length - 1]]) {
      const el = section.locator(`[id="L${line.n}"]`);
      await expect(el).toHaveCount(1);
      const text = (await el.innerText()).replace(/^\s*\d+\s*/, '').trim(); // the line number gutter, if inline
      expect(text, `line ${line.n}`).toContain(source[line.n - 1].trim().slice(0, 20));
    }
  }
  // Marker lines are not shown; the chapters are.
  await expect(page.locator('[id="L1"]')).toHaveCount(0);
  for (const c of outline.chapters) await expect(page.locator(`section#${c.slug} h2`)).toContainText(c.title);
});

test('every line link in the prose points at a line of fast.ts shown on the page', async ({ page }) => {
  await page.goto(PAGE);
  const links = await page.locator('.prose a.line-link').evaluateAll((as) => as.map((a) => a.getAttribute('data-lines') ?? ''));
  expect(links.length).toBeGreaterThan(50);
  const missing: string[] = [];
  for (const range of new Set(links)) {
    const [a, b] = range.split('-').map(Number);
    for (const n of [a, b]) if ((await page.locator(`[id="L${n}"]`).count()) !== 1) missing.push(`L${n} (${range})`);
  }
  expect(missing).toEqual([]);
  // Following one scrolls to the line and marks it.
  await page.locator('section[data-section="fast-softmax"] .prose a.line-link').first().click();
  await expect(page.locator('[id="L211"]')).toBeInViewport();
});

test('the build checked parity: the header reports the largest loss gap of the default run', async ({ page }) => {
  await page.goto(PAGE);
  const gap = Number(await page.locator('[data-parity-gap]').innerText());
  expect(gap).toBeGreaterThanOrEqual(0);
  expect(gap).toBeLessThanOrEqual(1e-9);
});

test('the race: both engines train the same model to the same losses, and the fast one is faster', async ({ page }) => {
  await page.goto(PAGE);
  const race = page.locator('[data-cell="race"]');
  await race.getByRole('textbox', { name: 'steps' }).fill('80');
  await race.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(race).toHaveAttribute('data-state', 'done', { timeout: 90_000 });

  const rows = await tableRows(page, /Loss at each step/);
  expect(rows.length).toBeGreaterThanOrEqual(5);
  expect(rows[rows.length - 1][0]).toBe('80');
  for (const [step, slow, fast, gap] of rows) {
    expect(Number(slow), `step ${step}`).toBeGreaterThan(1);
    expect(fast, `step ${step}`).toBe(slow); // printed to 12 decimals: identical
    expect(Number(gap)).toBeLessThanOrEqual(1e-9);
  }

  const speed = await tableRows(page, /Speed/);
  expect(speed.map((r) => r[0])).toEqual([expect.stringContaining('microgpt.ts'), expect.stringContaining('fast.ts')]);
  const [slowMs, fastMs] = speed.map((r) => Number(r[1]));
  expect(slowMs).toBeGreaterThan(0);
  expect(fastMs).toBeGreaterThan(0);
  const summary = await race.locator('.cell-output').innerText();
  const ratio = Number(/fast\.ts was (\d+)× faster/.exec(summary)?.[1]);
  expect(ratio).toBeGreaterThan(1);
  expect(Math.abs(ratio - slowMs / fastMs) / ratio).toBeLessThan(0.2); // the ratio of the two medians shown (rounded)
  expect(summary).toMatch(/over 80 steps the losses differ by at most (0|\d\.\de-\d+)\./);
});

test('a bad step count gets a sentence, not a run', async ({ page }) => {
  await page.goto(PAGE);
  const race = page.locator('[data-cell="race"]');
  await race.getByRole('textbox', { name: 'steps' }).fill('0');
  await race.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(race).toHaveAttribute('data-state', 'failed');
  await expect(race).toContainText('steps must be a whole number from 1 to num_steps (1000), got "0"');
});

test('a race on settings that diverge stops with a sentence', async ({ page }) => {
  await page.goto(`${PAGE}?learning_rate=1`);
  const race = page.locator('[data-cell="race"]');
  await race.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(race).toHaveAttribute('data-state', 'failed', { timeout: 30_000 });
  await expect(race.locator('.cell-status')).toHaveText(/^Training diverged at step \d+, so there is nothing to compare\. Try a smaller learning_rate\.$/);
});
