/**
 * Embeds are facades: the page loads nothing from another host until the reader asks. A plain
 * click (or Enter) on the card puts the player there, on the privacy-enhanced domain; a modified
 * click leaves the card a link. Requests to other hosts are aborted, so nothing reaches the
 * internet: the test only records that they were attempted, and when.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { PAGES, axe, contextOptions, formatViolations, launch, url } from './helpers.js';

declare const document: any;

let browser: Browser;
let context: BrowserContext;
let page: Page;
let foreign: string[];
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  await context?.close();
  context = await browser.newContext(contextOptions(1280));
  foreign = [];
  await context.route('**/*', (route) => {
    const u = new URL(route.request().url());
    if (u.protocol === 'data:' || u.hostname === '127.0.0.1') return route.continue();
    foreign.push(u.href);
    return route.abort();
  });
  page = await context.newPage();
  await page.goto(url(PAGES['post-embed']), { waitUntil: 'networkidle' });
});

const card = () => page.locator('.embed-youtube .embed-facade');

describe('embed facade', () => {
  test('the page loads nothing from another host before a click', async () => {
    await page.waitForTimeout(300);
    expect(foreign).toEqual([]);
    expect(await page.locator('iframe').count()).toBe(0);
    expect(await card().getAttribute('href')).toBe('https://www.youtube.com/watch?v=lJ8ydIuPFeU');
  });

  test('a click plays the video here, from youtube-nocookie.com, focused, with a title', async () => {
    await card().click();
    const frame = page.locator('.embed-youtube iframe');
    await frame.waitFor();
    expect(await frame.getAttribute('src')).toBe(
      'https://www.youtube-nocookie.com/embed/lJ8ydIuPFeU?autoplay=1',
    );
    expect(await frame.getAttribute('title')).toBe(
      'How NOT to Measure Latency, a talk by Gil Tene',
    );
    expect(await card().count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('IFRAME');
    await page.waitForTimeout(300);
    expect(foreign.length).toBeGreaterThan(0);
    expect(foreign.every((u) => u.startsWith('https://www.youtube-nocookie.com/'))).toBe(true);
    // The player keeps the card's box: nothing below it moves.
    const box = await frame.boundingBox();
    expect(box!.width / box!.height).toBeCloseTo(16 / 9, 1);
  });

  test('Enter on the focused card does the same', async () => {
    await card().focus();
    await page.keyboard.press('Enter');
    await page.locator('.embed-youtube iframe').waitFor();
  });

  test('a modified click is left to the browser (the card stays a link)', async () => {
    const popup = context.waitForEvent('page').catch(() => undefined);
    await card().click({ modifiers: ['Control'] });
    await popup;
    expect(await card().count()).toBe(1);
    expect(await page.locator('iframe').count()).toBe(0);
  });

  test('no axe violations with the card, nor with the player', async () => {
    expect(formatViolations(await axe(page))).toBe('');
    await card().click();
    await page.locator('.embed-youtube iframe').waitFor();
    expect(formatViolations(await axe(page))).toBe('');
  });
});
