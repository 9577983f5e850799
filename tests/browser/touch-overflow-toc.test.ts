/**
 * Issue 20's reader details: the copy button under touch, a cue where code or display math
 * overflows on a phone, and the contents sidebar's room at the viewport edge.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PAGES, contextOptions, launch, url } from './helpers.js';

declare const document: any, window: any, getComputedStyle: any;

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function onPage<T>(
  width: number,
  path: string,
  fn: (page: Page) => Promise<T>,
  touch = false,
) {
  const context = await browser.newContext(contextOptions(width, 'light', { hasTouch: touch }));
  try {
    const page = await context.newPage();
    if (touch) {
      // A phone: no hover, a coarse pointer (what `(hover: none)` rules answer to).
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setEmulatedMedia', {
        features: [
          { name: 'hover', value: 'none' },
          { name: 'any-hover', value: 'none' },
          { name: 'pointer', value: 'coarse' },
        ],
      });
    }
    await page.goto(url(path), { waitUntil: 'networkidle' });
    return await fn(page);
  } finally {
    await context.close();
  }
}

test('under touch, every code block shows its copy button (with or without a title)', async () => {
  await onPage(
    390,
    PAGES['post-code'],
    async (page) => {
      await page.waitForSelector('.copy-code');
      const seen: { title: boolean; opacity: string }[] = await page.evaluate(() =>
        [...document.querySelectorAll('.code-block')].map((b: any) => ({
          title: !!b.querySelector(':scope > .code-title'),
          opacity: getComputedStyle(b.querySelector('.copy-code')).opacity,
        })),
      );
      expect(seen.some((s) => !s.title)).toBe(true);
      for (const s of seen) expect(s).toEqual({ title: s.title, opacity: '1' });
    },
    true,
  );
});

describe('what overflows sideways on a phone shows a cue (scroll shadows)', () => {
  test.each([
    [PAGES.post, '.katex-display'],
    [PAGES['post-code'], '.code-block pre'],
  ])('%s: %s', async (path, selector) => {
    await onPage(390, path, async (page) => {
      const cues: { overflows: boolean; image: string; attachment: string }[] = await page.evaluate(
        (sel) =>
          [...document.querySelectorAll(sel)].map((e: any) => {
            const s = getComputedStyle(e);
            return {
              overflows: e.scrollWidth > e.clientWidth + 1,
              image: s.backgroundImage,
              attachment: s.backgroundAttachment,
            };
          }),
        selector,
      );
      const overflowing = cues.filter((c) => c.overflows);
      expect(overflowing.length).toBeGreaterThan(0);
      for (const c of overflowing) {
        // Covers that scroll with the content hide shadows that stay at the edges.
        expect(c.image).toMatch(/gradient.*gradient.*gradient.*gradient/);
        expect(c.attachment).toMatch(/local.*scroll|scroll.*local/);
      }
    });
  });
});

describe('the contents sidebar', () => {
  test.each([1280, 1100])(
    'at %i px: beside the text, clear of the viewport edge',
    async (width) => {
      await onPage(width, PAGES.post, async (page) => {
        const box = await page.evaluate(() => {
          const toc = document.querySelector('.toc').getBoundingClientRect();
          const prose = document.querySelector('.prose').getBoundingClientRect();
          const note = document.querySelector('.sidenote');
          return {
            left: toc.left,
            right: toc.right,
            proseLeft: prose.left,
            proseRight: prose.right,
            width: window.innerWidth,
            top: toc.top,
            // Sidenotes take the right margin when they are shown (from 78rem): the contents
            // then sit in the left one.
            notesInMargin: !!note && getComputedStyle(note).display !== 'none',
          };
        });
        if (box.notesInMargin) {
          expect(box.right).toBeLessThanOrEqual(box.proseLeft - 24);
          expect(box.left).toBeGreaterThanOrEqual(24);
        } else {
          expect(box.left).toBeGreaterThanOrEqual(box.proseRight + 24);
          expect(box.width - box.right).toBeGreaterThanOrEqual(24);
        }
        // Beside the start of the post, not after its text.
        expect(box.top).toBeLessThan(900);
      });
    },
  );
});
