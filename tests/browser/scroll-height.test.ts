/**
 * The page does not grow as it is read (issue 20): the placeholder sizes of off-screen blocks
 * (content-visibility) are close to their real sizes, so the height stays within 2% from the first
 * screen to the end and the scrollbar does not jump.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PAGES, WIDTHS, contextOptions, launch, url } from './helpers.js';

declare const document: any, window: any, requestAnimationFrame: any;

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const POSTS = [PAGES.post, PAGES['post-code'], PAGES['post-diff'], PAGES['post-diagrams']];

describe('page height stable within 2% while scrolling to the end', () => {
  test.each(WIDTHS.flatMap((w) => POSTS.map((p) => [p, w] as const)))(
    '%s at %i px',
    async (path, width) => {
      const context = await browser.newContext(contextOptions(width));
      try {
        const page = await context.newPage();
        await page.goto(url(path), { waitUntil: 'networkidle' });
        await page.evaluate(() => document.fonts.ready);
        const heights: number[] = await page.evaluate(async () => {
          const frame = () => new Promise((r) => requestAnimationFrame(() => r(null)));
          const seen = [document.documentElement.scrollHeight];
          for (let y = 0; y < document.documentElement.scrollHeight; y += window.innerHeight / 2) {
            window.scrollTo(0, y);
            await frame();
            await frame();
            seen.push(document.documentElement.scrollHeight);
          }
          return seen;
        });
        const first = heights[0]!;
        const worst = Math.max(...heights.map((h) => Math.abs(h - first)));
        expect(worst / first, `heights ${first} … ${heights.at(-1)}`).toBeLessThanOrEqual(0.02);
      } finally {
        await context.close();
      }
    },
  );
});
