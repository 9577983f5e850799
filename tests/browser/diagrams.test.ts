/**
 * Diagrams drawn at build time, as a reader gets them: inline SVG that is visible, fits the
 * column (or scrolls inside its figure), has an accessible name, and keeps readable contrast in
 * both schemes with no script at all.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PAGES, SCHEMES, WIDTHS, contextOptions, launch, url } from './helpers.js';

declare const document: any, getComputedStyle: any;

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

interface Figure {
  role: string | null;
  name: string;
  width: number;
  height: number;
  figureWidth: number;
  /** Lowest contrast of any label against the page and the node fill. */
  textContrast: number;
  /** Lowest contrast of any line or outline (the theme's colours) against the page. */
  lineContrast: number;
  texts: number;
}

async function figures(page: Page): Promise<Figure[]> {
  return page.evaluate(() => {
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    const lum = (c: string) => {
      const [r, g, b] = rgb(c).map((v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const contrast = (a: string, b: string) => {
      const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
      return (x! + 0.05) / (y! + 0.05);
    };
    const page = getComputedStyle(document.documentElement).backgroundColor;
    return [...document.querySelectorAll('figure.diagram')].map((figure: any) => {
      const svg = figure.querySelector('svg');
      const box = svg.getBoundingClientRect();
      const ids = (svg.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean);
      const name = ids
        .map((id: string) => document.getElementById(id)?.textContent ?? '')
        .join(' ');
      // Each label against what is drawn under its middle: a node's fill, or the page.
      figure.scrollIntoView();
      let textContrast = Infinity;
      const texts = [...svg.querySelectorAll('text')];
      for (const t of texts) {
        const r = t.getBoundingClientRect();
        const under = document
          .elementsFromPoint(r.x + r.width / 2, r.y + r.height / 2)
          .find(
            (e: any) =>
              svg.contains(e) &&
              e !== svg &&
              !['text', 'tspan', 'g'].includes(e.tagName) &&
              getComputedStyle(e).fill.startsWith('rgb'),
          );
        const background = under ? getComputedStyle(under).fill : page;
        textContrast = Math.min(textContrast, contrast(getComputedStyle(t).fill, background));
      }
      let lineContrast = Infinity;
      for (const l of svg.querySelectorAll('path, polyline, line')) {
        const stroke = getComputedStyle(l).stroke;
        if (stroke.startsWith('rgb')) lineContrast = Math.min(lineContrast, contrast(stroke, page));
      }
      return {
        role: svg.getAttribute('role'),
        name,
        width: box.width,
        height: box.height,
        figureWidth: figure.getBoundingClientRect().width,
        textContrast,
        lineContrast,
        texts: texts.length,
      };
    });
  });
}

describe.each(SCHEMES)('diagrams, %s scheme', (scheme) => {
  test.each(WIDTHS)('%i px: visible, named, readable, within the column', async (width) => {
    const context = await browser.newContext(
      contextOptions(width, scheme, { javaScriptEnabled: false }),
    );
    try {
      const page = await context.newPage();
      await page.goto(url(PAGES['post-diagrams']));
      const found = await figures(page);
      expect(found.map((f) => f.role)).toEqual(['img', 'img']);
      expect(found[0]!.name).toBe('Two transfers that lock the same rows in opposite order');
      expect(found[1]!.name).toMatch(/^Who waits for whom/);
      for (const f of found) {
        expect(f.texts).toBeGreaterThan(3);
        expect(f.height).toBeGreaterThan(100);
        // Scaled to the column (never wider than its figure), and not shrunk to illegibility.
        expect(f.width).toBeLessThanOrEqual(f.figureWidth + 0.5);
        expect(f.width).toBeGreaterThan(Math.min(250, width / 2));
        expect(f.textContrast).toBeGreaterThanOrEqual(4.5);
        expect(f.lineContrast).toBeGreaterThanOrEqual(3);
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        width,
      );
    } finally {
      await context.close();
    }
  });
});
