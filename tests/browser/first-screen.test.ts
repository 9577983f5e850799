/**
 * The first screen holds prose (issue 20): a post's first paragraph and the home page's first
 * post are within the first viewport at 1280×900 and 390×844.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PAGES, WIDTHS, contextOptions, launch, url } from './helpers.js';

declare const document: any, window: any;

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function onPage<T>(width: number, path: string, fn: (page: Page) => Promise<T>) {
  const context = await browser.newContext(contextOptions(width));
  try {
    const page = await context.newPage();
    await page.goto(url(path));
    await page.evaluate(() => document.fonts.ready);
    return await fn(page);
  } finally {
    await context.close();
  }
}

/** How far below the first screen's bottom edge an element's first two lines end (≤ 0: seen). */
const belowFold = (page: Page, selector: string) =>
  page.evaluate((sel) => {
    const el = document.querySelector(sel);
    const top = el.getBoundingClientRect().top + window.scrollY;
    const line = parseFloat(getComputedStyle(el).lineHeight) || 24;
    return Math.round(top + 2 * line - window.innerHeight);
  }, selector);
declare function getComputedStyle(el: unknown): { lineHeight: string };

describe('a post’s first paragraph is on the first screen', () => {
  const posts = [
    PAGES.post,
    PAGES['post-diagrams'],
    PAGES['post-code'],
    '/posts/storage-engine-wal/',
  ];
  test.each(WIDTHS.flatMap((w) => posts.map((p) => [p, w] as const)))(
    '%s at %i px',
    async (path, width) => {
      await onPage(width, path, async (page) => {
        expect(await belowFold(page, '.prose > p')).toBeLessThanOrEqual(0);
        // On phones the contents come after the text, not between the title and the text.
        if (width < 600 && (await page.locator('.toc').count())) {
          const [toc, prose] = await Promise.all(
            ['.toc', '.prose'].map((s) =>
              page.locator(s).evaluate((e) => e.getBoundingClientRect().top),
            ),
          );
          expect(toc).toBeGreaterThan(prose!);
        }
      });
    },
  );
});

describe('the home page’s first post title is on the first screen', () => {
  test.each(WIDTHS)('at %i px', async (width) => {
    await onPage(width, PAGES.home, async (page) => {
      expect(await belowFold(page, '.post-list .card-title')).toBeLessThanOrEqual(0);
    });
  });
});
