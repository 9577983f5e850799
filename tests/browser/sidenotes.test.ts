/**
 * Sidenotes (issue 20): on a wide screen each footnote shows in the right margin beside its
 * reference, clear of the contents sidebar, without reflowing the text; on a phone the notes are
 * the footnotes at the end. Following a reference still lands on the footnote, and axe finds
 * nothing in either scheme.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PAGES, SCHEMES, axe, contextOptions, formatViolations, launch, url } from './helpers.js';

declare const document: any, window: any;

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** The memtable post: a contents sidebar and two footnotes, referenced from paragraphs. */
const POST = PAGES.post;

async function onPage<T>(
  width: number,
  scheme: 'light' | 'dark',
  fn: (page: Page) => Promise<T>,
): Promise<T> {
  const context = await browser.newContext(contextOptions(width, scheme));
  try {
    const page = await context.newPage();
    await page.goto(url(POST), { waitUntil: 'networkidle' });
    return await fn(page);
  } finally {
    await context.close();
  }
}

interface Box {
  top: number;
  left: number;
  right: number;
  bottom: number;
  width: number;
}

test('at 1280 px each note sits in the right margin beside its reference, clear of the contents', async () => {
  await onPage(1280, 'light', async (page) => {
    const seen = await page.evaluate(() => {
      const box = (e: any) => {
        const r = e.getBoundingClientRect();
        const y = window.scrollY;
        return {
          top: r.top + y,
          left: r.left,
          right: r.right,
          bottom: r.bottom + y,
          width: r.width,
        };
      };
      const refs = [...document.querySelectorAll('.prose [data-footnote-ref]')];
      return {
        viewport: document.documentElement.clientWidth,
        scrollWidth: document.documentElement.scrollWidth,
        text: box(document.querySelector('.prose')),
        toc: box(document.querySelector('.post > .toc')),
        footnotes: box(document.querySelector('.footnotes')),
        notes: refs.map((a: any) => {
          const note = a.parentElement.nextElementSibling;
          return {
            ref: box(a),
            note: note?.classList.contains('sidenote') ? box(note) : undefined,
            text: note?.textContent,
          };
        }),
      };
    });
    expect(seen.notes.length).toBeGreaterThanOrEqual(2);
    for (const { ref, note, text } of seen.notes) {
      expect(note, `a margin note after reference ${JSON.stringify(ref)}`).toBeDefined();
      const n = note as Box;
      expect(text).toMatch(/\w{3}/);
      // Beside its reference: the same line, or just below it.
      expect(Math.abs(n.top - ref.top)).toBeLessThan(24);
      // In the right margin, inside the window.
      expect(n.left).toBeGreaterThanOrEqual(seen.text.right + 16);
      expect(n.right).toBeLessThanOrEqual(seen.viewport);
      expect(n.width).toBeGreaterThan(150);
      // Not over the contents sidebar.
      const overlaps =
        n.left < seen.toc.right &&
        seen.toc.left < n.right &&
        n.top < seen.toc.bottom &&
        seen.toc.top < n.bottom;
      expect(overlaps).toBe(false);
    }
    expect(seen.scrollWidth).toBeLessThanOrEqual(seen.viewport);
    // The list at the end is left to screen readers while every note is in the margin.
    expect(seen.footnotes.width).toBeLessThanOrEqual(1);
  });
});

test('the margin notes do not reflow the text', async () => {
  await onPage(1280, 'light', async (page) => {
    const heights = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('.prose p:has(> .sidenote)')].map(
          (p: any) => p.getBoundingClientRect().height,
        ),
      );
    const withNotes = await heights();
    await page.addStyleTag({ content: '.sidenote { display: none !important; }' });
    expect(withNotes.length).toBeGreaterThan(0);
    expect(await heights()).toEqual(withNotes);
  });
});

test('at 390 px the notes are the footnotes at the end, and no margin copy shows', async () => {
  await onPage(390, 'light', async (page) => {
    const seen = await page.evaluate(() => {
      const prose = document.querySelector('.prose');
      const notes = document.querySelector('.footnotes');
      const lastText = [...prose.querySelectorAll(':scope > p')].pop();
      return {
        copies: [...document.querySelectorAll('.sidenote')].map(
          (s: any) => s.getBoundingClientRect().width,
        ),
        items: [...notes.querySelectorAll('li')].map(
          (li: any) => li.getBoundingClientRect().height,
        ),
        after: notes.getBoundingClientRect().top >= lastText.getBoundingClientRect().bottom,
      };
    });
    expect(seen.copies.length).toBeGreaterThan(0);
    expect(seen.copies.every((w: number) => w === 0)).toBe(true);
    expect(seen.items.length).toBeGreaterThanOrEqual(2);
    expect(seen.items.every((h: number) => h > 10)).toBe(true);
    expect(seen.after).toBe(true);
  });
});

test('at 1280 px, following a reference lands on the footnote, shown', async () => {
  await onPage(1280, 'light', async (page) => {
    const ref = page.locator('.prose [data-footnote-ref]').first();
    const target = (await ref.getAttribute('href'))!;
    await ref.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction((t: string) => window.location.hash === t, target);
    const li = page.locator(target.replace(/^#/, '#'));
    await expect.poll(async () => (await li.boundingBox())?.height ?? 0).toBeGreaterThan(10);
    expect(await li.isVisible()).toBe(true);
    // The margin copy is shown, not read: hidden from assistive technology, out of the tab order.
    const copies = await page.evaluate(() =>
      [...document.querySelectorAll('.sidenote')].map((s: any) => ({
        hidden: s.getAttribute('aria-hidden'),
        tabbable: [...s.querySelectorAll('a, button')].filter((a: any) => a.tabIndex >= 0).length,
        ids: s.querySelectorAll('[id]').length,
      })),
    );
    for (const c of copies) expect(c).toEqual({ hidden: 'true', tabbable: 0, ids: 0 });
  });
});

describe('axe finds nothing on a post with sidenotes', () => {
  for (const width of [1280, 390]) {
    test.each(SCHEMES)(`${width} px, %s`, async (scheme) => {
      await onPage(width, scheme, async (page) => {
        const violations = await axe(page);
        expect(violations, formatViolations(violations)).toEqual([]);
      });
    });
  }
});
