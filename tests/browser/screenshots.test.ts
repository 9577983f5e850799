/**
 * Screenshots for review (not compared): every page kind, both schemes, phone and desktop widths,
 * full page, into artifacts/screenshots/ (git-ignored).
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PAGES, SCHEMES, contextOptions, launch, url, type PageName } from './helpers.js';

declare const document: any;

const OUT = fileURLToPath(new URL('../../artifacts/screenshots/', import.meta.url));
const SHOTS: PageName[] = [
  'home',
  'post',
  'post-diff',
  'post-diagrams',
  'series',
  'topic',
  'archive',
  '404',
  'search',
  'page',
];

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
  await mkdir(OUT, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

// For people to look at, not a check: skipped in CI, where nobody looks.
describe.skipIf(!!process.env.CI).each(SCHEMES)('%s', (scheme) => {
  describe.each([390, 1440])('%i px', (width) => {
    test.each(SHOTS)('%s', async (name) => {
      const context = await browser.newContext(contextOptions(width, scheme));
      try {
        const page = await context.newPage();
        await page.goto(url(PAGES[name]), { waitUntil: 'load' });
        await page.evaluate(() => document.fonts.ready);
        const file = path.join(OUT, `${name}-${scheme}-${width}.png`);
        await page.screenshot({ path: file, fullPage: true });
        expect(file).toBeTruthy();
      } finally {
        await context.close();
      }
    });

    test('search results and the search dialog', async () => {
      const context = await browser.newContext(contextOptions(width, scheme));
      try {
        const page = await context.newPage();
        await page.goto(url(`${PAGES.search}?q=bloom`));
        await page.waitForSelector('.search-result');
        await page.screenshot({ path: path.join(OUT, `search-results-${scheme}-${width}.png`) });
        await page.goto(url(PAGES.post));
        await page.keyboard.press('/');
        await page.fill('dialog .search-input', 'compaction');
        await page.waitForSelector('dialog .search-result');
        await page.screenshot({ path: path.join(OUT, `search-dialog-${scheme}-${width}.png`) });
      } finally {
        await context.close();
      }
    });
  });
});
