/**
 * The explanations on the built page: every fact shows its computed value, every figure shows what the real code
 * computes, every line link lands on a line element, and the figures stay readable in both themes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { getFacts } from '../../src/lib/facts.ts';
import { getDefaultRun } from '../../src/lib/defaultRun.ts';
import { autogradExample } from '../../src/figures/graph.ts';
import { tokenPath } from '../../src/figures/tokenPath.ts';
import { transcriptLines } from '../../src/figures/transcript.ts';

const prose = [
  ...readdirSync('content/sections').map((f) => `content/sections/${f}`),
  ...readdirSync('content/chapters').map((f) => `content/chapters/${f}`),
].filter((f) => f.endsWith('.md')).map((f) => readFileSync(f, 'utf8')).join('\n');
const usedFacts = [...new Set([...prose.matchAll(/\{\{\s*([^{}]*?)\s*\}\}/g)].map((m) => m[1]))];
const four = (x: number) => x.toFixed(4);

/** The page's text as a reader gets it (KaTeX keeps each formula's source in its MathML annotation). */
const pageText = (page: Page) => page.locator('main').evaluate((el) => el.textContent ?? '');

test('every fact the prose quotes appears with its computed value, and nothing is left unreplaced', async ({ page }) => {
  await page.goto('/');
  const text = await pageText(page);
  const facts = getFacts();
  expect(usedFacts.length).toBeGreaterThan(30);
  for (const name of usedFacts) expect(text, `{{${name}}} = ${facts[name]}`).toContain(facts[name]);
  expect(text).not.toMatch(/\{\{[^}]*\}\}/);
  await expect(page.locator('.katex-error')).toHaveCount(0);
  // every section has prose of its own
  for (const id of await page.locator('[data-section]').evaluateAll((els) => els.map((e) => e.id))) {
    expect((await page.locator(`[data-section="${id}"] .prose`).first().textContent())?.trim().length, id).toBeGreaterThan(200);
  }
});

test('the autograd figure is an SVG with data and grad on every node, as the real Value class computes them', async ({ page }) => {
  await page.goto('/');
  const figure = page.locator('[data-figure="autograd-graph"]');
  const svg = figure.locator('svg[role="img"]');
  await expect(svg).toBeVisible();
  const texts = await svg.locator('text').allTextContents();
  const { nodes } = autogradExample();
  for (const n of nodes) {
    expect(texts).toContain(`data ${four(n.value.data)}`);
    expect(texts).toContain(`grad ${four(n.value.grad)}`);
  }
  await expect(svg).toHaveAttribute('aria-label', /grad/);
  // the text alternative holds the same numbers
  await figure.locator('summary').click();
  await expect(figure.locator('details table')).toContainText(four(nodes[0].value.grad));
});

test('the parameter figure draws every matrix of the default model with its real shape and count', async ({ page }) => {
  await page.goto('/');
  const figure = page.locator('[data-figure="param-shapes"]');
  const run = getDefaultRun();
  for (const [name, rows, cols] of run.matrices) {
    const label = `${name}: ${rows} rows by ${cols} columns, ${(rows * cols).toLocaleString('en-US')} parameters`;
    const svg = figure.locator(`svg[aria-label="${label}"]`);
    await expect(svg).toHaveCount(1);
    // drawn to scale: width proportional to columns, height to rows
    const box = (await svg.getAttribute('viewBox'))!.split(' ').map(Number);
    expect((box[2] - 2) / (box[3] - 2)).toBeCloseTo(cols / rows, 6);
  }
  await expect(figure.locator('figcaption')).toContainText(`Total: ${run.numParams.toLocaleString('en-US')} parameters`);
});

test('the token-path figure shows the real probabilities of gpt() on the trained model', async ({ page }) => {
  await page.goto('/');
  const figure = page.locator('[data-figure="token-path"]');
  const t = tokenPath();
  await expect(figure.locator('svg[role="img"]')).toHaveAttribute('aria-label', new RegExp(`of "${t.doc}"`));
  const best = t.probs.indexOf(Math.max(...t.probs));
  await expect(figure.locator('figcaption')).toContainText(t.probs[best].toFixed(3));
  expect(await figure.locator('svg text').allTextContents()).toContain(`softmax(logits): the next-token probabilities (${t.probs.length})`);
});

test('the CLI transcript is what the default run prints', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('[data-figure="cli-transcript"] pre')).toHaveText(transcriptLines().join('\n'));
});

test('every line link on the page points at line elements that exist', async ({ page }) => {
  await page.goto('/');
  const links = await page.locator('main a[href^="#L"]').evaluateAll((els) => els.map((a) => a.getAttribute('href')!));
  expect(links.length).toBeGreaterThan(40);
  const missing = await page.evaluate((hrefs) => hrefs.filter((h) => {
    const m = /^#L(\d+)(?:-L(\d+))?$/.exec(h);
    return !m || !document.getElementById(`L${m[1]}`) || !document.getElementById(`L${m[2] ?? m[1]}`);
  }), links);
  expect(missing).toEqual([]);
  // following one from the prose marks its lines
  await page.locator('[data-section="autograd-backward"] .prose a[href="#L141"]').first().click();
  await expect(page.locator('#L141')).toHaveAttribute('data-highlighted', /.*/);
});

test('the figures draw in the text colour of the theme, light and dark', async ({ page }) => {
  await page.goto('/');
  const colours = () => page.evaluate(() => {
    const text = document.querySelector('[data-figure="autograd-graph"] svg text')!;
    const proseEl = document.querySelector('[data-section="autograd-backward"] .prose')!;
    return { fig: getComputedStyle(text).fill, prose: getComputedStyle(proseEl).color, bg: getComputedStyle(document.documentElement).getPropertyValue('--bg') };
  });
  const light = await colours();
  expect(light.fig).toBe(light.prose);
  await page.locator('.theme-toggle').first().click();
  const dark = await colours();
  expect(dark.bg).not.toBe(light.bg);
  expect(dark.fig).toBe(dark.prose);
  expect(dark.fig).not.toBe(light.fig);
});
