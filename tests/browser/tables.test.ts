/**
 * GFM column alignment survives the move from the obsolete `align` attribute to classes: the
 * sample post's numeric columns (`---:`) are right-aligned on screen, the text column is not.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { contextOptions, launch, url } from './helpers.js';

declare const document: any, window: any;

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

test('right-aligned table columns render right-aligned; unaligned ones at the start', async () => {
  const context = await browser.newContext(contextOptions(1280));
  try {
    const page = await context.newPage();
    await page.goto(url('/posts/socket-buffers/'));
    // Header row and first body row of the "Some paths, for scale" table: | Path | ---: x3 |
    const rows = await page.evaluate(() =>
      [...document.querySelectorAll('.prose table')[0].querySelectorAll('tr')]
        .slice(0, 2)
        .map((tr: any) =>
          [...tr.children].map((cell: any) => window.getComputedStyle(cell).textAlign),
        ),
    );
    expect(rows).toEqual([
      ['start', 'right', 'right', 'right'],
      ['start', 'right', 'right', 'right'],
    ]);
  } finally {
    await context.close();
  }
});
