/**
 * Light/dark: the toggle's choice persists across navigation (localStorage) and is applied
 * before first paint, so a stored choice never flashes the other scheme.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PAGES, contextOptions, launch, url } from './helpers.js';

declare const document: any, window: any, localStorage: any, performance: any;

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const LIGHT_BG = 'rgb(251, 250, 247)';
const DARK_BG = 'rgb(17, 19, 24)';

const state = (page: Page) =>
  page.evaluate(() => ({
    attr: document.documentElement.getAttribute('data-theme'),
    stored: localStorage.getItem('colophon-theme'),
    pressed: document.querySelector('.theme-toggle').getAttribute('aria-pressed'),
    bg: window.getComputedStyle(document.body).backgroundColor,
  }));

describe('theme toggle', () => {
  test.each([
    ['light', 'dark', DARK_BG, LIGHT_BG],
    ['dark', 'light', LIGHT_BG, DARK_BG],
  ] as const)(
    'system %s: the choice (%s) persists across navigation; choosing the system again forgets it',
    async (system, other, otherBg, systemBg) => {
      const context = await browser.newContext(contextOptions(1280, system));
      try {
        const page = await context.newPage();
        await page.goto(url(PAGES.home));
        expect(await state(page)).toEqual({
          attr: null,
          stored: null,
          pressed: String(system === 'dark'),
          bg: systemBg,
        });
        await page.click('.theme-toggle');
        expect(await state(page)).toEqual({
          attr: other,
          stored: other,
          pressed: String(other === 'dark'),
          bg: otherBg,
        });
        // Follow a link: the next page opens in the chosen scheme.
        await Promise.all([
          page.waitForURL(/\/archive\/$/),
          page.click('.site-nav a[href="/archive/"]'),
        ]);
        expect(await state(page)).toEqual({
          attr: other,
          stored: other,
          pressed: String(other === 'dark'),
          bg: otherBg,
        });
        // Back to the system's scheme: nothing is stored, the page follows the system again.
        await page.click('.theme-toggle');
        await page.goto(url(PAGES.post));
        expect(await state(page)).toEqual({
          attr: null,
          stored: null,
          pressed: String(system === 'dark'),
          bg: systemBg,
        });
      } finally {
        await context.close();
      }
    },
  );

  test('the toggle is a labelled button reachable by keyboard', async () => {
    const context = await browser.newContext(contextOptions(390));
    try {
      const page = await context.newPage();
      await page.goto(url(PAGES.topic));
      const toggle = page.locator('.theme-toggle');
      expect(await toggle.evaluate((b) => (b as any).innerText.trim())).toBe('Dark theme');
      await toggle.focus();
      await page.keyboard.press('Enter');
      expect((await state(page)).attr).toBe('dark');
      await page.keyboard.press('Space');
      expect((await state(page)).attr).toBe(null);
    } finally {
      await context.close();
    }
  });
});

describe('no flash of the wrong scheme', () => {
  test('a stored choice is applied before first paint', async () => {
    const context = await browser.newContext(contextOptions(1280, 'light'));
    try {
      const page = await context.newPage();
      await page.goto(url(PAGES.home));
      await page.click('.theme-toggle'); // stores "dark"
      // Hold the stylesheet back: the page cannot paint until it arrives (it is render-blocking),
      // so whatever the document says while it is held is what the first paint will show.
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let requested!: () => void;
      const stylesheetRequested = new Promise<void>((resolve) => (requested = resolve));
      await page.route('**/css/site.css', async (route) => {
        requested();
        await held;
        await route.continue();
      });
      const navigation = page.goto(url(PAGES.post), { waitUntil: 'load' });
      await stylesheetRequested;
      await page.waitForFunction(() => document.readyState !== 'loading' || !!document.body);
      const before = await page.evaluate(() => ({
        theme: document.documentElement.getAttribute('data-theme'),
        js: document.documentElement.classList.contains('js'),
        paints: performance.getEntriesByType('paint').length,
      }));
      release();
      await navigation;
      expect(before).toEqual({ theme: 'dark', js: true, paints: 0 });
      // And the first paint, when it comes, is dark.
      const after = await state(page);
      expect(after.bg).toBe(DARK_BG);
      // The paint entry is recorded at the next frame, which can come after `load`: wait for it
      // (a page that never paints fails here by timeout).
      await page.waitForFunction(
        () =>
          performance
            .getEntriesByType('paint')
            .some((e: { name: string }) => e.name === 'first-paint'),
        undefined,
        { timeout: 5_000 },
      );
    } finally {
      await context.close();
    }
  });

  test('the inline script comes before the stylesheet in every page head', async () => {
    const context = await browser.newContext(contextOptions(1280));
    try {
      const page = await context.newPage();
      for (const p of Object.values(PAGES)) {
        const response = await page.request.get(url(p));
        const html = await response.text();
        const script = html.indexOf('<script>try{var t=localStorage.getItem("colophon-theme")');
        const sheet = html.indexOf('<link rel="stylesheet"');
        const body = html.indexOf('<body');
        expect(script, p).toBeGreaterThan(0);
        expect(script, p).toBeLessThan(sheet);
        expect(sheet, p).toBeLessThan(body);
      }
    } finally {
      await context.close();
    }
  });
});
