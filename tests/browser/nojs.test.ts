/**
 * Without JavaScript every page still works: its content is visible, the table of contents is
 * there (and opens), navigation leads somewhere, and no control is shown that needs a script.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PAGE_NAMES, PAGES, contextOptions, launch, url } from './helpers.js';

declare const document: any, window: any;

let browser: Browser;
let context: BrowserContext;
let page: Page;
beforeAll(async () => {
  browser = await launch();
  context = await browser.newContext(contextOptions(390, 'light', { javaScriptEnabled: false }));
  page = await context.newPage();
});
afterAll(async () => {
  await browser?.close();
});

describe('without JavaScript', () => {
  test.each(PAGE_NAMES)(
    '%s: content visible, no script-only control, nav links work',
    async (name) => {
      const response = await page.goto(url(PAGES[name]));
      expect(response?.status()).toBe(name === '404' ? 404 : 200);
      expect(await page.evaluate(() => document.documentElement.className)).toBe('');
      // The main content is there and visible.
      const main = await page.evaluate(() => {
        const m = document.querySelector('main');
        const r = m.getBoundingClientRect();
        return { text: m.innerText.trim().length, height: r.height, h1: !!m.querySelector('h1') };
      });
      expect(main.h1).toBe(true);
      expect(main.text).toBeGreaterThan(40);
      expect(await page.isVisible('main h1')).toBe(true);
      // Controls that need a script are hidden, and none were added.
      expect(await page.isVisible('.theme-toggle')).toBe(false);
      expect(await page.locator('.copy-code').count()).toBe(0);
      // The site navigation is plain links to pages that exist.
      const links = await page.$$eval('.site-nav a', (as) =>
        as.map((a) => (a as any).href as string),
      );
      expect(links.length).toBeGreaterThanOrEqual(5);
      for (const href of links) {
        const r = await page.request.get(href);
        expect(r.status(), href).toBe(200);
      }
    },
  );

  test('a post: the table of contents is there, opens, and its links jump to the headings', async () => {
    await page.goto(url(PAGES.post));
    expect(await page.isVisible('.toc summary')).toBe(true);
    await page.click('.toc summary');
    const first = page.locator('.toc a').nth(2);
    const href = (await first.getAttribute('href'))!;
    await first.click();
    await page.waitForFunction((h) => window.location.hash === h, href);
    const top = await page.evaluate(
      (id) => document.getElementById(id).getBoundingClientRect().top,
      decodeURIComponent(href.slice(1)),
    );
    expect(top).toBeGreaterThanOrEqual(0);
    expect(top).toBeLessThan(80);
    // Math is rendered at build time and code is highlighted: no script needed.
    expect(await page.locator('.katex').count()).toBeGreaterThan(5);
    expect(await page.locator('pre.shiki .line').count()).toBeGreaterThan(20);
  });

  test('following the header and footer links reaches every kind of page', async () => {
    await page.goto(url(PAGES.home));
    await Promise.all([page.waitForURL(/\/series\/$/), page.click('.site-nav a[href="/series/"]')]);
    await Promise.all([
      page.waitForURL(/\/series\/[\w-]+\/$/),
      page.click('.series-card-title a >> nth=0'),
    ]);
    await Promise.all([
      page.waitForURL(/\/posts\/[\w-]+\/$/),
      page.click('.part-list .card-title a >> nth=0'),
    ]);
    await Promise.all([
      page.waitForURL(/\/topics\/[\w-]+\/$/),
      page.click('.post-header .chip >> nth=0'),
    ]);
    await Promise.all([page.waitForURL(/\/$/), page.click('.brand')]);
    await Promise.all([page.waitForURL(/\/page\/2\/$/), page.click('.pager-next')]);
  });
});
