/**
 * Images in dark mode (issue 20): an SVG drawn for paper keeps a light backdrop, so its grey
 * labels keep their contrast; an image marked `#dark-invert` is inverted in dark mode only.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { PAGES, SCHEMES, contextOptions, launch, url } from './helpers.js';

declare const document: any, getComputedStyle: any;

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** WCAG contrast of two `rgb(r, g, b)` colours. */
function contrast(a: number[], b: number[]): number {
  const lum = (c: number[]) => {
    const [r, g, bl] = c.map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}
const rgb = (s: string) => (s.match(/\d+/g) ?? []).slice(0, 3).map(Number);

test.each(SCHEMES)('%s scheme: SVG labels legible, #dark-invert only in dark', async (scheme) => {
  const context = await browser.newContext(contextOptions(1280, scheme));
  try {
    const page = await context.newPage();
    await page.goto(url(PAGES.post));
    const seen = await page.evaluate(() => {
      const svg = document.querySelector('.prose img[src$=".svg"]');
      const page = getComputedStyle(document.body).backgroundColor;
      const own = getComputedStyle(svg).backgroundColor;
      return {
        backdrop: own === 'rgba(0, 0, 0, 0)' ? page : own,
        invert: getComputedStyle(document.querySelector('img.dark-invert')).filter,
      };
    });
    // skiplist.svg labels its levels in #64748b, drawn for a light page.
    expect(contrast(rgb(seen.backdrop), [0x64, 0x74, 0x8b])).toBeGreaterThanOrEqual(4.5);
    if (scheme === 'dark') expect(seen.invert).toMatch(/invert\(1\)/);
    else expect(seen.invert).toBe('none');
  } finally {
    await context.close();
  }
});

test.each(SCHEMES)(
  '%s scheme: a chart with a .dark variant loads only the file for that scheme',
  async (scheme) => {
    const context = await browser.newContext(contextOptions(1280, scheme));
    try {
      const page = await context.newPage();
      const requested: string[] = [];
      page.on('request', (r) => {
        if (r.url().includes('/_img/deadlock-odds')) requested.push(r.url());
      });
      await page.goto(url(PAGES['post-diagrams']), { waitUntil: 'networkidle' });
      const chart = page.locator('picture img[alt^="Line chart"]');
      await chart.scrollIntoViewIfNeeded();
      await expect
        .poll(() => chart.evaluate((img: any) => img.complete && img.naturalWidth))
        .toBeGreaterThan(0);
      const current: string = await chart.evaluate((img: any) => img.currentSrc);
      const dark = /\/_img\/deadlock-odds-dark-/;
      expect(current).toMatch(scheme === 'dark' ? dark : /\/_img\/deadlock-odds-\d+-/);
      expect(requested.length).toBeGreaterThan(0);
      for (const r of requested) {
        if (scheme === 'dark') expect(r).toMatch(dark);
        else expect(r).not.toMatch(dark);
      }
    } finally {
      await context.close();
    }
  },
);
