/// <reference lib="dom" />
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/dev/serve.js';
import { copyFixture } from '../incremental/helpers.js';

/**
 * `serve` in a real browser (Debian's Chromium through playwright-core): a post open in a tab
 * follows edits of its file without anyone touching the page; a broken file shows the overlay
 * with file:line:col; fixing it removes the overlay; a stylesheet edit swaps CSS without a reload.
 */

let root = '';
let server: RunningServer;
let browser: Browser;
let page: Page;

const post = () => path.join(root, 'content/posts/caching-basics.md');
const url = (p: string) => `http://127.0.0.1:${server.port}${p}`;
const overlayText = () =>
  page.evaluate(
    () => document.querySelector('colophon-error-overlay')?.shadowRoot?.textContent ?? null,
  );

beforeAll(async () => {
  root = await copyFixture('blog');
  server = await startServer({ root, host: '127.0.0.1', port: 0, drafts: false, future: false });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  page = await browser.newPage();
  await page.goto(url('/posts/caching-basics/'), { waitUntil: 'load' });
  await page.waitForFunction(
    () => (window as unknown as { __colophonLive?: string }).__colophonLive === 'open',
  );
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (root) await rm(path.dirname(root), { recursive: true, force: true });
});

describe('serve in a browser', () => {
  it('shows an edit of the open post without any action in the page', async () => {
    expect(await page.textContent('h1')).toBe('Caching Basics');
    const src = await readFile(post(), 'utf8');
    await writeFile(
      post(),
      src.replace('LRU is a fine default.', 'LRU is a fine default, until it is not.'),
    );
    await page.waitForFunction(
      () => document.body.innerText.includes('until it is not'),
      undefined,
      { timeout: 20_000 },
    );
    await page.waitForFunction(
      () => (window as unknown as { __colophonLive?: string }).__colophonLive === 'open',
    );
  });

  it('does not reload for an edit of another page', async () => {
    await page.evaluate(() => ((window as unknown as { __stay?: number }).__stay = 1));
    const other = path.join(root, 'content/posts/queue-theory.md');
    const next = server.nextRebuild();
    await writeFile(
      other,
      (await readFile(other, 'utf8')).replace("Little's law", "Little's famous law"),
    );
    const r = await next;
    expect(r.changedUrls).toContain('/posts/queue-theory/');
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __stay?: number }).__stay)).toBe(1);
  });

  it('a broken file shows the overlay with file:line:col; the fix removes it', async () => {
    const src = await readFile(post(), 'utf8');
    await writeFile(post(), src.replace('title: "Caching Basics"', 'title: "Caching Basics'));
    await page.waitForFunction(
      () => !!document.querySelector('colophon-error-overlay'),
      undefined,
      { timeout: 20_000 },
    );
    expect(await page.locator('colophon-error-overlay pre').first().isVisible()).toBe(true);
    const text = (await overlayText())!;
    expect(text).toMatch(/content\/posts\/caching-basics\.md:2:\d+ error/);
    expect(text).toContain('| title: "Caching Basics');
    // The last good version is still the page on screen.
    expect(await page.textContent('h1')).toBe('Caching Basics');

    await writeFile(post(), src.replace('until it is not', 'until it is not, mostly'));
    await page.waitForFunction(
      () =>
        !document.querySelector('colophon-error-overlay') &&
        document.body.innerText.includes('until it is not, mostly'),
      undefined,
      { timeout: 20_000 },
    );
    expect(await overlayText()).toBeNull();
  });

  it('a stylesheet edit is applied in place, without a reload', async () => {
    await page.waitForFunction(
      () => (window as unknown as { __colophonLive?: string }).__colophonLive === 'open',
    );
    await page.evaluate(() => ((window as unknown as { __stay?: number }).__stay = 2));
    await writeFile(path.join(root, 'public/css/fixture.css'), 'h1 { color: rgb(1, 2, 3); }\n');
    await page.waitForFunction(
      () => getComputedStyle(document.querySelector('h1')!).color === 'rgb(1, 2, 3)',
      undefined,
      { timeout: 20_000 },
    );
    expect(await page.evaluate(() => (window as unknown as { __stay?: number }).__stay)).toBe(2);
  });
});
