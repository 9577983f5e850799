/**
 * Lists scan (issue 20): a post in home, topic and series lists shows a description-sized
 * summary, not the whole section before `<!-- more -->`.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PAGES, contextOptions, launch, url } from './helpers.js';

declare const document: any;

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('a post in a list shows at most 30 words (excerpt.words) in one paragraph', () => {
  test.each([PAGES.home, PAGES.topic, PAGES.series])('%s', async (path) => {
    const context = await browser.newContext(contextOptions(1280));
    try {
      const page = await context.newPage();
      await page.goto(url(path));
      const excerpts: { words: number; blocks: number }[] = await page.evaluate(() =>
        [...document.querySelectorAll('.card-excerpt')].map((e: any) => ({
          words: e.textContent.trim().split(/\s+/).length,
          blocks: e.querySelectorAll('p, ul, ol, pre, figure, blockquote').length,
        })),
      );
      expect(excerpts.length).toBeGreaterThan(2);
      for (const e of excerpts) {
        expect(e.words).toBeLessThanOrEqual(30);
        expect(e.blocks).toBe(0);
      }
    } finally {
      await context.close();
    }
  });
});
