/**
 * Navigation and redundancy (issue 20): the menu marks the section a series or topic page belongs
 * to, a series page offers its first part, the archive does not repeat the year in each date, a
 * standalone page has a social card.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { PAGES, contextOptions, launch, url } from './helpers.js';

declare const document: any;

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function onPage<T>(path: string, fn: (page: Page) => Promise<T>) {
  const context = await browser.newContext(contextOptions(1280));
  try {
    const page = await context.newPage();
    await page.goto(url(path));
    return await fn(page);
  } finally {
    await context.close();
  }
}

const currentNav = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('.site-nav a[aria-current]')].map(
      (a: any) => `${a.textContent.trim()}=${a.getAttribute('aria-current')}`,
    ),
  );

test.each([
  [PAGES.series, 'Series=true'],
  [PAGES['series-index'], 'Series=page'],
  [PAGES.topic, 'Topics=true'],
  [PAGES['topic-index'], 'Topics=page'],
])('%s: the menu marks %s', async (path, expected) => {
  await onPage(path, async (page) => expect(await currentNav(page)).toEqual([expected]));
});

test('a series page offers to start with its first part', async () => {
  await onPage(PAGES.series, async (page) => {
    const start = page.getByRole('link', { name: 'Start with Part 1' });
    expect(await start.count()).toBe(1);
    const first = await page.locator('.part-list a').first().getAttribute('href');
    expect(await start.getAttribute('href')).toBe(first);
  });
});

test('the archive shows day and month under each year heading, not the year again', async () => {
  await onPage(PAGES.archive, async (page) => {
    const dates: { year: string; shown: string }[] = await page.evaluate(() =>
      [...document.querySelectorAll('.archive-year')].flatMap((section: any) =>
        [...section.querySelectorAll('.archive-list time')].map((t: any) => ({
          year: section.querySelector('h2').firstChild.textContent.trim(),
          shown: t.textContent.trim(),
        })),
      ),
    );
    expect(dates.length).toBeGreaterThan(5);
    for (const d of dates) expect(d.shown).not.toContain(d.year);
  });
});

test('a standalone page has an og:image, and the image is published', async () => {
  await onPage(PAGES.page, async (page) => {
    const meta = page.locator('meta[property="og:image"]');
    expect(await meta.count()).toBe(1);
    const image = await meta.getAttribute('content');
    expect(image).toMatch(/\/og\/pages\/about\.png$/);
    expect(existsSync(path.join(inject('outDir'), new URL(image!).pathname))).toBe(true);
  });
});

test('related posts on a series part leave out the parts the series box already lists', async () => {
  await onPage(PAGES.post, async (page) => {
    const parts = await page
      .locator('.series-parts a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    const related = await page
      .locator('.related a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(parts.length).toBeGreaterThan(2);
    expect(related.filter((h) => parts.includes(h))).toEqual([]);
  });
});
