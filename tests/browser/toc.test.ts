/** The table of contents: each link scrolls its heading into view and sets the hash. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PAGES, contextOptions, launch, url } from './helpers.js';

declare const document: any, window: any;

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe.each([1280, 390])('table of contents at %i px', (width) => {
  test('every link scrolls to its heading and changes the hash', async () => {
    const context = await browser.newContext(contextOptions(width));
    try {
      const page = await context.newPage();
      await page.goto(url(PAGES.post));
      const hrefs = await page.$$eval('.toc a', (as) => as.map((a) => a.getAttribute('href')!));
      expect(hrefs.length).toBeGreaterThan(4);
      // Last first, so that every click has to scroll back up or down.
      for (const href of [...hrefs].reverse()) {
        // On narrow screens the contents are a closed <details> above the text.
        if (!(await page.locator('.toc details').evaluate((d) => (d as any).open))) {
          await page.locator('.toc summary').click();
        }
        // Beside the text on wide screens it is sticky: always reachable from where we are.
        await page.locator(`.toc a[href="${href}"]`).click();
        await page.waitForFunction((h) => window.location.hash === h, href);
        const box = await page.evaluate(
          (id) => {
            const r = document.getElementById(id).getBoundingClientRect();
            return { top: r.top, bottom: r.bottom, height: window.innerHeight };
          },
          decodeURIComponent(href.slice(1)),
        );
        expect(box.top, href).toBeGreaterThanOrEqual(0);
        expect(box.bottom, href).toBeLessThanOrEqual(box.height);
        // Near the top, not merely somewhere on screen (scroll-margin-top keeps a little room).
        expect(box.top, href).toBeLessThan(80);
      }
    } finally {
      await context.close();
    }
  });
});

test('the section being read is marked in the contents', async () => {
  const context = await browser.newContext(contextOptions(1440));
  try {
    const page = await context.newPage();
    await page.goto(url(PAGES.post));
    const hrefs = await page.$$eval('.toc a', (as) => as.map((a) => a.getAttribute('href')!));
    const target = hrefs[3]!;
    await page.locator(`.toc a[href="${target}"]`).click();
    await page.waitForFunction(
      (h) => document.querySelector('.toc a[aria-current="true"]')?.getAttribute('href') === h,
      target,
    );
    expect(await page.locator('.toc a[aria-current]').count()).toBe(1);
  } finally {
    await context.close();
  }
});
