import { existsSync, readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { LOCAL } from './guards.ts';

// The sections, read from the markers in the model file itself (not from the site's own code).
const SOURCE = readFileSync('microgpt/microgpt.ts', 'utf8').replace(/\n$/, '').split('\n');
const MARKER = /^\s*\/\/ @(chapter|section)\b/;
const markerLines = new Set(SOURCE.flatMap((text, i) => (MARKER.test(text) ? [i + 1] : [])));
const sectionIds = SOURCE.flatMap((text) => /^\s*\/\/ @section ([a-z0-9-]+) /.exec(text)?.[1] ?? []);
const codeLines = SOURCE.map((_, i) => i + 1).filter((n) => !markerLines.has(n));
const lineIds = (a: number, b: number) => codeLines.filter((n) => n >= a && n <= b).map((n) => `L${n}`);

let outside: string[] = [];

test.beforeEach(async ({ page }) => {
  outside = [];
  page.on('request', (request) => {
    if (!LOCAL.test(request.url())) outside.push(request.url());
  });
});

test.afterEach(() => {
  expect(outside, 'requests that left localhost').toEqual([]);
});

/** Ids of the line elements carrying `attr`, in page order. */
const linesWith = (page: Page, attr: string) =>
  page.locator(`.line[${attr}]`).evaluateAll((els) => els.map((el) => el.id));

test('every section of microgpt.ts renders with its prose and its code lines', async ({ page }) => {
  expect(sectionIds.length).toBeGreaterThan(20);
  await page.goto('/');
  const rendered = await page.locator('[data-section]').evaluateAll((els) =>
    els.map((el) => ({
      id: el.id,
      data: el.getAttribute('data-section'),
      prose: el.querySelector('.prose')?.textContent?.trim() ?? '',
      lines: [...el.querySelectorAll<HTMLElement>('.line[data-line]')].map((l) => l.id),
    })),
  );
  expect(rendered.map((s) => s.id)).toEqual(sectionIds);
  for (const s of rendered) {
    expect(s.data).toBe(s.id);
    expect(s.prose.length, `prose of ${s.id}`).toBeGreaterThan(40);
    expect(s.prose, `prose of ${s.id}`).not.toMatch(/^Draft:/);
  }
  // Every non-marker line of the file appears once, in order, under its real number; marker lines do not.
  expect(rendered.flatMap((s) => s.lines)).toEqual(codeLines.map((n) => `L${n}`));
  for (const n of [42, 137, 300]) {
    await expect(page.locator(`#L${n} .lc`)).toHaveText(SOURCE[n - 1].length ? SOURCE[n - 1] : ' ');
  }
});

test('every page loads from localhost alone, without console errors', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
  page.on('pageerror', (e) => errors.push(e.message));
  const pages = ['/', '/source/', '/source/random/', ...(existsSync('src/pages/efficiency.astro') ? ['/efficiency/'] : [])];
  for (const path of pages) {
    const response = await page.goto(path, { waitUntil: 'networkidle' });
    expect(response?.status(), path).toBe(200);
    // Fonts are requested lazily: make sure every face the page uses has been fetched before judging.
    await page.evaluate(() => document.fonts.ready);
  }
  expect(errors).toEqual([]);
  // (the afterEach hook checks that no request left localhost)
});

test('the chapters come in order, then the closing chapters', async ({ page }) => {
  await page.goto('/');
  const chapters = await page.locator('.annotated > .chapter').evaluateAll((els) => els.map((el) => el.id));
  expect(chapters).toEqual([
    'dataset', 'tokenizer', 'autograd', 'parameters', 'model', 'training', 'inference', 'run-it-yourself', 'microgpt-to-chatgpt',
  ]);
  for (const id of chapters) {
    const overview = (await page.locator(`#${id} .prose`).first().textContent())?.trim() ?? '';
    expect(overview.length, `overview of ${id}`).toBeGreaterThan(40);
    expect(overview, `overview of ${id}`).not.toMatch(/^Draft:/);
  }
  const tocChapters = await page.locator('.toc a.toc-chapter').evaluateAll((els) => els.map((el) => el.textContent?.trim()));
  expect(tocChapters).toEqual([
    'Dataset', 'Tokenizer', 'Autograd', 'Parameters', 'Model', 'Training', 'Inference', 'Run it yourself', 'From microgpt to ChatGPT',
  ]);
});

test('#L42 scrolls to line 42 and highlights it alone', async ({ page }) => {
  await page.goto('/#L42');
  await expect(page.locator('#L42')).toHaveAttribute('data-highlighted', '');
  await expect(page.locator('#L42')).toBeInViewport();
  expect(await linesWith(page, 'data-highlighted')).toEqual(['L42']);
});

test('a range link highlights exactly that range, and a new hash replaces it', async ({ page }) => {
  await page.goto('/#L60-L72');
  expect(await linesWith(page, 'data-highlighted')).toEqual(lineIds(60, 72));
  await expect(page.locator('#L60')).toBeInViewport();
  // A range within one section is shown whole.
  await page.evaluate(() => (location.hash = '#L137-L147'));
  await expect.poll(() => linesWith(page, 'data-highlighted')).toEqual(lineIds(137, 147));
  await expect(page.locator('#L137')).toBeInViewport();
  await expect(page.locator('#L147')).toBeInViewport();
});

test('clicking a line number puts its link in the address bar; shift-click extends the range', async ({ page }) => {
  await page.goto('/#autograd-backward');
  await page.locator('#L139 a.ln').click();
  await expect(page).toHaveURL(/#L139$/);
  expect(await linesWith(page, 'data-highlighted')).toEqual(['L139']);
  await page.locator('#L143 a.ln').click({ modifiers: ['Shift'] });
  await expect(page).toHaveURL(/#L139-L143$/);
  expect(await linesWith(page, 'data-highlighted')).toEqual(lineIds(139, 143));
  // Extending upward from the same anchor.
  await page.locator('#L137 a.ln').click({ modifiers: ['Shift'] });
  await expect(page).toHaveURL(/#L137-L139$/);
  expect(await linesWith(page, 'data-highlighted')).toEqual(lineIds(137, 139));
  // The link survives a reload.
  await page.reload();
  expect(await linesWith(page, 'data-highlighted')).toEqual(lineIds(137, 139));
  // A line number is reachable by keyboard: Enter on a focused one links it.
  await page.locator('#L140 a.ln').focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#L140$/);
});

test('hovering a prose line link highlights its lines for the moment', async ({ page }) => {
  await page.goto('/');
  const link = page.locator('.section .prose a[data-lines]').first();
  await expect(link).toBeVisible();
  const [a, b] = (await link.getAttribute('data-lines'))!.split('-').map(Number);
  expect(await link.getAttribute('href')).toMatch(new RegExp(`^#L${a}(-L${b})?$`));
  await link.hover();
  await expect.poll(() => linesWith(page, 'data-hovered')).toEqual(lineIds(a, b));
  await page.locator('.intro h1').hover();
  await expect.poll(() => linesWith(page, 'data-hovered')).toEqual([]);
  expect(await linesWith(page, 'data-highlighted')).toEqual([]);
});

test('every prose line link lands on lines of the page', async ({ page }) => {
  await page.goto('/');
  const ranges = await page.locator('.prose a[data-lines]').evaluateAll((els) => els.map((el) => el.getAttribute('data-lines')!));
  for (const range of ranges) {
    const [a, b] = range.split('-').map(Number);
    expect(codeLines.includes(a) && codeLines.includes(b), `link to lines ${range}`).toBe(true);
  }
});

test('the copy-link button copies the section URL and says so', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/');
  const section = page.locator('#autograd-backward');
  await section.scrollIntoViewIfNeeded();
  await section.hover();
  const button = section.getByRole('button', { name: /copy link/i });
  await expect(button).toBeVisible();
  await button.click();
  await expect(button).toHaveText(/Copied/);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${baseURL}/#autograd-backward`);
  await expect(page.locator('[data-copy-status]')).toHaveText(/Link copied/);
});

test('without the Clipboard API the copy-link button falls back and still copies', async ({ page, context, baseURL }) => {
  await page.addInitScript(() => {
    navigator.clipboard.writeText = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));
  });
  await page.goto('/');
  const section = page.locator('#model-softmax');
  await section.hover();
  const button = section.getByRole('button', { name: /copy link/i });
  await button.click();
  await expect(button).toHaveText(/Copied/);
  await context.grantPermissions(['clipboard-read']);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${baseURL}/#model-softmax`);
  // The "Copied" state is temporary.
  await expect(button).not.toHaveText(/Copied/, { timeout: 5000 });
});

test('the link mark and copy button show on keyboard focus', async ({ page }) => {
  await page.goto('/');
  const tools = page.locator('#model-softmax .section-tools');
  await expect(tools).toHaveCSS('opacity', '0');
  await page.locator('#model-linear .section-lines a').focus();
  // Tab from the previous section's last link until the mark of this section is focused.
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.matches('#model-softmax .mark'))) break;
  }
  await expect(page.locator('#model-softmax .mark')).toBeFocused();
  await expect(tools).toHaveCSS('opacity', '1');
  await page.keyboard.press('Tab');
  await expect(page.locator('#model-softmax .copy-link')).toBeFocused();
  await expect(tools).toHaveCSS('opacity', '1');
  // Chapter marks too.
  const chapterMark = page.locator('#model .chapter-title .mark');
  await expect(chapterMark).toHaveCSS('opacity', '0');
  await chapterMark.focus();
  await expect(chapterMark).toHaveCSS('opacity', '1');
  await expect(page.locator('#model h2')).toHaveText('Model');
});

test('no horizontal page scroll at 375 px; long code lines scroll inside their block', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  for (const path of ['/', '/source/']) {
    await page.goto(path);
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    expect(scrollWidth, path).toBeLessThanOrEqual(clientWidth);
  }
  await page.goto('/');
  const pre = page.locator('#model-embed pre.code');
  const overflow = await pre.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth, style: getComputedStyle(el).overflowX }));
  expect(overflow.scroll).toBeGreaterThan(overflow.client);
  expect(overflow.style).toBe('auto');
  // Prose comes above its code.
  const proseBox = await page.locator('#model-embed .section-prose').boundingBox();
  const codeBox = await page.locator('#model-embed .section-code').boundingBox();
  expect(codeBox!.y).toBeGreaterThanOrEqual(proseBox!.y + proseBox!.height - 1);
});

test('prose left and code right on a wide screen', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto('/');
  const proseBox = await page.locator('#model-embed .section-prose').boundingBox();
  const codeBox = await page.locator('#model-embed .section-code').boundingBox();
  expect(codeBox!.x).toBeGreaterThanOrEqual(proseBox!.x + proseBox!.width - 1);
  expect(Math.abs(codeBox!.y - proseBox!.y)).toBeLessThan(2);
  await expect(page.locator('.toc')).toHaveCSS('position', 'sticky');

  // A cell that ends a section's prose sits under both columns, as wide as the section.
  const section = await page.locator('#train-adam').boundingBox();
  const prose = await page.locator('#train-adam .section-prose').boundingBox();
  const code = await page.locator('#train-adam .section-code').boundingBox();
  const cell = await page.locator('#train-adam [data-cell="train"]').boundingBox();
  expect(cell!.y).toBeGreaterThanOrEqual(Math.max(prose!.y + prose!.height, code!.y + code!.height) - 1);
  expect(cell!.width).toBeGreaterThan(prose!.width * 1.5);
  expect(cell!.x + cell!.width).toBeLessThanOrEqual(section!.x + section!.width);
  // The recorded loss chart is redrawn at the cell's width, as the live one will be.
  const chart = page.locator('[data-cell="train"] svg.loss-chart');
  await expect(chart).toHaveAttribute('data-points', '1000');
  await expect.poll(async () => Number(await chart.getAttribute('width'))).toBeGreaterThan(700);
});

test('the table of contents marks the chapter and section being read', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto('/#model-mlp');
  await expect(page.locator('.toc a[data-toc-link="model-mlp"]')).toHaveAttribute('aria-current', 'location');
  await expect(page.locator('.toc a[data-toc-link="model"]')).toHaveAttribute('aria-current', 'location');
  await expect(page.locator('.toc a[aria-current]')).toHaveCount(2);
  // At a chapter's heading, the chapter alone is current.
  await page.evaluate(() => document.getElementById('training')!.scrollIntoView({ block: 'start' }));
  await expect(page.locator('.toc a[data-toc-link="training"]')).toHaveAttribute('aria-current', 'location');
  await expect(page.locator('.toc a[aria-current]')).toHaveCount(1);
  await page.evaluate(() => document.getElementById('run-it-yourself')!.scrollIntoView({ block: 'start' }));
  await expect(page.locator('.toc a[data-toc-link="run-it-yourself"]')).toHaveAttribute('aria-current', 'location');
  await expect(page.locator('.toc a[aria-current]')).toHaveCount(1);
  // At the very bottom, the last chapter is current even if its heading cannot reach the top.
  await page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight));
  await expect(page.locator('.toc a[data-toc-link="microgpt-to-chatgpt"]')).toHaveAttribute('aria-current', 'location');
});

test('on a phone the contents are a menu that opens, follows a link and closes', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto('/');
  const link = page.locator('.toc a[data-toc-link="autograd-topo"]');
  await expect(link).toBeHidden();
  await page.locator('.toc summary').click();
  await expect(link).toBeVisible();
  await link.click();
  await expect(page).toHaveURL(/#autograd-topo$/);
  await expect(link).toBeHidden();
  await expect(page.locator('#autograd-topo h3')).toBeInViewport();
  await expect(page.locator('.toc-current')).toHaveText('Autograd');
});

test('the theme toggle switches themes and the choice survives a reload', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  const html = page.locator('html');
  const toggle = page.locator('.theme-toggle');
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const lightBg = await bg();
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  const darkBg = await bg();
  expect(darkBg).not.toBe(lightBg);
  // Code tokens switch to the dark palette too.
  const keyword = page.locator('#L3 .lc span[style]').first();
  const darkToken = await keyword.evaluate((el) => getComputedStyle(el).color);
  await page.reload();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  expect(await bg()).toBe(darkBg);
  await page.goto('/source/');
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await page.locator('.theme-toggle').click();
  await expect(html).toHaveAttribute('data-theme', 'light');
  await page.goto('/');
  expect(await bg()).toBe(lightBg);
  expect(await keyword.evaluate((el) => getComputedStyle(el).color)).not.toBe(darkToken);
});

test('the system dark preference applies without a saved choice', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  await expect(page.locator('.theme-toggle')).toHaveAttribute('aria-pressed', 'true');
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(20, 22, 25)');
});

for (const scheme of ['light', 'dark'] as const) {
  for (const path of ['/', '/source/']) {
    test(`axe finds no violations on ${path} in ${scheme}`, async ({ page }) => {
      test.setTimeout(180_000);
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`${path}#L60-L72`);
      await expect(page.locator('#L60')).toHaveAttribute('data-highlighted', '');
      const results = await new AxeBuilder({ page }).analyze();
      const summary = results.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
      expect(summary).toEqual([]);
    });
  }
}

test('axe finds no violations on a phone (375 px), where tables and math scroll sideways', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto('/');
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
});

test('the whole-source page shows every line under its own id, markers included', async ({ page }) => {
  await page.goto('/source/#L46');
  const ids = await page.locator('.line[data-line]').evaluateAll((els) => els.map((el) => el.id));
  expect(ids).toEqual(SOURCE.map((_, i) => `L${i + 1}`));
  await expect(page.locator('#L46 .lc')).toHaveText(SOURCE[45]);
  await expect(page.locator('#L46')).toHaveAttribute('data-highlighted', '');
  await expect(page.locator('#L46')).toBeInViewport();
  await page.goto('/');
  await page.getByRole('link', { name: 'The whole file as plain code' }).click();
  await expect(page).toHaveURL(/\/source\/$/);
  // Its one import, random.ts, has a page of its own.
  const random = readFileSync('microgpt/random.ts', 'utf8').replace(/\n$/, '').split('\n');
  await page.getByRole('link', { name: 'microgpt/random.ts' }).click();
  await expect(page).toHaveURL(/\/source\/random\/$/);
  await expect(page.locator('.line[data-line]')).toHaveCount(random.length);
  await expect(page.locator(`#L${random.length} .lc`)).toHaveText(random.at(-1)!);
});

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('the first render shows every section, highlighted code and math', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('[data-section]')).toHaveCount(sectionIds.length);
    await expect(page.locator(`#${sectionIds.at(-1)} .prose`)).not.toBeEmpty();
    await expect(page.locator('.line[data-line]')).toHaveCount(codeLines.length);
    // Tokens are colored by CSS from inline variables: a keyword differs from plain text.
    const colors = await page.locator('#L7 .lc span[style]').evaluateAll((els) => [...new Set(els.map((el) => getComputedStyle(el).color))]);
    expect(colors.length).toBeGreaterThan(1);
    expect(await page.locator('.prose .katex').count()).toBeGreaterThan(10);
    await expect(page.locator('.prose .katex').first()).toBeVisible();
    await expect(page.locator('.prose .katex-html').first()).toBeVisible();
    // Controls that need scripts are hidden rather than dead.
    await expect(page.locator('.theme-toggle')).toBeHidden();
    await expect(page.locator('.copy-link').first()).toBeHidden();
  });
});
