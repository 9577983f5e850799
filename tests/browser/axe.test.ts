import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  PAGE_NAMES,
  PAGES,
  SCHEMES,
  WIDTHS,
  axe,
  contextOptions,
  formatViolations,
  launch,
  url,
} from './helpers.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe.each(SCHEMES)('axe-core, %s scheme', (scheme) => {
  describe.each(WIDTHS)('%i px', (width) => {
    test.each(PAGE_NAMES)('%s: no violations', async (name) => {
      const context = await browser.newContext(contextOptions(width, scheme));
      try {
        const page = await context.newPage();
        await page.goto(url(PAGES[name]), { waitUntil: 'load' });
        const violations = await axe(page);
        expect(violations, formatViolations(violations)).toEqual([]);
      } finally {
        await context.close();
      }
    });
  });
});
