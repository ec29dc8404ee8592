/** Checks every browser test wants on every page: no console error, no page error, no request off localhost. */
import type { Page } from '@playwright/test';

/** Requests the built site may make: to itself, or data: and blob: URLs it creates. */
export const LOCAL = /^(https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?\/|data:|blob:)/;

/** Watch a page; the returned list fills with a line for each console error, page error and outside request. */
export function watchPage(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('request', (r) => {
    if (!LOCAL.test(r.url())) problems.push(`request: ${r.url()}`);
  });
  return problems;
}
