/**
 * Responsive images in a real browser: which variant Chromium fetches depends on the viewport.
 * The memtable post has a raster cover (1440 px JPEG) above the fold and a PNG chart (800 px) in
 * its body; both get AVIF, WebP and a JPEG/PNG fallback at several widths and `sizes` of
 * `(min-width: 48rem) 42rem, 100vw`. A phone (390 px) needs about 390 px: the 480 w AVIF. A
 * desktop window (1280 px) shows them 42rem = 672 px wide: the 800 w AVIF. Never the WebP or the
 * fallback (Chromium reads AVIF), never the largest variant.
 */
import type { Browser, Page } from 'playwright-core';
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

/** Open a page at a viewport width (device pixel ratio 1), recording every `/_img/` request. */
async function open(path: string, width: number): Promise<{ page: Page; requests: string[] }> {
  const context = await browser.newContext(
    contextOptions(width, 'light', { deviceScaleFactor: 1 }),
  );
  const page = await context.newPage();
  const requests: string[] = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.pathname.startsWith('/_img/')) requests.push(u.pathname.slice('/_img/'.length));
  });
  await page.goto(url(path), { waitUntil: 'load' });
  return { page, requests };
}

/** `cover-480-…avif` -> `cover 480 avif`. */
const variant = (name: string) => name.replace(/^(\w+)-(\d+)-[0-9a-f]{12}\.(\w+)$/, '$1 $2 $3');

/** Scroll an image into view and wait until it has loaded; its currentSrc as a variant. */
async function shown(page: Page, selector: string): Promise<string> {
  const img = page.locator(selector);
  await img.scrollIntoViewIfNeeded();
  await page.waitForFunction((sel: string) => {
    const el = document.querySelector(sel);
    return !!el && el.complete && el.naturalWidth > 0;
  }, selector);
  const src: string = await img.evaluate((el: any) => el.currentSrc);
  return variant(new URL(src).pathname.split('/').pop()!);
}

const COVER = '.post-header img.cover';
const CHART = '.prose img[alt^="Bar chart of skip list tower heights"]';

describe.each([
  { width: 390, expected: 480 },
  { width: 1280, expected: 800 },
])('post page at $width px', ({ width, expected }) => {
  let page: Page;
  let requests: string[];
  beforeAll(async () => {
    ({ page, requests } = await open(PAGES.post, width));
  });
  afterAll(async () => {
    await page?.context().close();
  });

  test(`the cover is above the fold, eager, and fetched as the ${expected} w AVIF only`, async () => {
    const attrs = await page.locator(COVER).evaluate((el: any) => ({
      loading: el.getAttribute('loading'),
      priority: el.getAttribute('fetchpriority'),
      width: el.getAttribute('width'),
      height: el.getAttribute('height'),
    }));
    expect(attrs).toEqual({ loading: 'eager', priority: 'high', width: '1440', height: '600' });
    expect(await shown(page, COVER)).toBe(`cover ${expected} avif`);
    expect(requests.filter((r) => r.startsWith('cover-')).map(variant)).toEqual([
      `cover ${expected} avif`,
    ]);
  });

  test(`the chart in the body waits until it is scrolled to, then comes as the ${expected} w AVIF`, async () => {
    // Lazy: far below the fold, not requested at load (the cover is the page's first image).
    expect(requests.filter((r) => r.startsWith('levels-'))).toEqual([]);
    expect(await page.locator(CHART).getAttribute('loading')).toBe('lazy');
    expect(await shown(page, CHART)).toBe(`levels ${expected} avif`);
    expect(requests.filter((r) => r.startsWith('levels-')).map(variant)).toEqual([
      `levels ${expected} avif`,
    ]);
  });

  test('one image with high priority on the page; the cover reserves its space', async () => {
    expect(await page.locator('img[fetchpriority="high"]').count()).toBe(1);
    const box = await page.locator(COVER).boundingBox();
    // Laid out at its aspect ratio (1440×600) before and after loading: no layout shift.
    expect(box!.width / box!.height).toBeCloseTo(1440 / 600, 1);
  });
});

describe('list pages', () => {
  test('series index: the series cover is a <picture>; at 390 px the 480 w AVIF is fetched', async () => {
    const { page, requests } = await open(PAGES['series-index'], 390);
    try {
      const img = page.locator('.series-card-cover');
      expect(await img.evaluate((el: any) => el.parentElement.tagName)).toBe('PICTURE');
      expect(await shown(page, '.series-card-cover')).toBe('cover 480 avif');
      expect(requests.map(variant)).toEqual(['cover 480 avif']);
      expect(
        await page.evaluate(() => document.querySelectorAll('img[fetchpriority="high"]').length),
      ).toBeLessThanOrEqual(1);
    } finally {
      await page.context().close();
    }
  });
});
