/**
 * Every page kind: no horizontal overflow at 320 px, no request to another host, the per-page
 * JS/CSS budget, and no layout shift while loading.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { PAGE_NAMES, PAGES, contextOptions, launch, url, type PageName } from './helpers.js';
import { compressed } from './sample-site.js';

declare const document: any, performance: any, PerformanceObserver: any;

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function onPage<T>(
  width: number,
  fn: (page: Page) => Promise<T>,
  scheme: 'light' | 'dark' = 'light',
) {
  const context = await browser.newContext(contextOptions(width, scheme));
  try {
    return await fn(await context.newPage());
  } finally {
    await context.close();
  }
}

describe('no horizontal overflow at 320 px', () => {
  test.each(PAGE_NAMES)('%s', async (name) => {
    await onPage(320, async (page) => {
      await page.goto(url(PAGES[name]));
      // Open what can be opened: the contents on posts.
      if (await page.locator('.toc summary').count()) await page.locator('.toc summary').click();
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(320);
    });
  });

  test('search results and the search dialog', async () => {
    await onPage(320, async (page) => {
      await page.goto(url(`${PAGES.search}?q=compaction`));
      await page.waitForSelector('.search-result');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        320,
      );
      await page.goto(url(PAGES.post));
      await page.keyboard.press('/');
      // An identifier of a published post: tcp_retransmit_skb is only in a draft, and it found
      // other posts by their "TCP" only by chance (it no longer does).
      await page.fill('dialog .search-input', 'tcp_rmem');
      await page.waitForSelector('dialog .search-result');
      const dialog = await page.evaluate(() => {
        const d = document.querySelector('dialog');
        return {
          right: d.getBoundingClientRect().right,
          scroll: d.scrollWidth,
          client: d.clientWidth,
        };
      });
      expect(dialog.right).toBeLessThanOrEqual(320);
      expect(dialog.scroll).toBeLessThanOrEqual(dialog.client);
    });
  });
});

describe('no request leaves 127.0.0.1', () => {
  test.each(PAGE_NAMES)('%s', async (name) => {
    await onPage(1280, async (page) => {
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(url(PAGES[name]), { waitUntil: 'networkidle' });
      if (name === 'search') {
        await page.fill('#search .search-input', 'bloom');
        await page.waitForSelector('.search-result');
        await page.waitForLoadState('networkidle');
      }
      expect(requests.length).toBeGreaterThan(1);
      const foreign = requests.filter(
        (u) => !u.startsWith('data:') && new URL(u).hostname !== '127.0.0.1',
      );
      expect(foreign).toEqual([]);
    });
  });
});

/**
 * Bytes of same-origin JS and CSS a page loaded, as a static host sends them: the files the page
 * requested (Resource Timing), gzipped at level 9 as `precompress` writes them. The suite's server
 * sends them uncompressed, so the sizes it reports would be raw bytes.
 */
async function assetBytes(page: Page, name: PageName) {
  const paths: string[] = await page.evaluate(() =>
    performance.getEntriesByType('resource').map((e: any) => new URL(e.name).pathname),
  );
  const entries = paths.map((p) => {
    const file = path.join(inject('outDir'), decodeURIComponent(p));
    const size = /\.(js|css)$/.test(p) ? compressed(readFileSync(file)).length : 0;
    return { name: p, size };
  });
  const excluded = (p: string) =>
    p.includes('/vendor/katex/') || (name === 'search' && p.includes('/pagefind/'));
  const sum = (ext: string) =>
    entries
      .filter((e) => e.name.endsWith(ext) && !excluded(e.name))
      .reduce((a, e) => a + e.size, 0);
  return { js: sum('.js'), css: sum('.css'), files: entries.map((e) => e.name) };
}

describe('budgets: JS ≤ 15 KB and CSS ≤ 30 KB per page, compressed', () => {
  test.each(PAGE_NAMES)('%s', async (name) => {
    await onPage(1280, async (page) => {
      await page.goto(url(PAGES[name]), { waitUntil: 'networkidle' });
      const bytes = await assetBytes(page, name);
      expect(bytes.js, bytes.files.join(' ')).toBeGreaterThan(0);
      expect(bytes.js).toBeLessThanOrEqual(15 * 1024);
      expect(bytes.css).toBeGreaterThan(0);
      expect(bytes.css).toBeLessThanOrEqual(30 * 1024);
      // Search assets load with the search page, and elsewhere only when search is opened.
      const search = bytes.files.filter(
        (f) => f.includes('/pagefind/') || f.endsWith('/search.js'),
      );
      if (name === 'search') expect(search).toContain('/js/search.js');
      else expect(search).toEqual([]);
      // KaTeX's stylesheet only where there is math.
      const katex = bytes.files.some((f) => f.includes('/vendor/katex/'));
      expect(katex).toBe(['post', 'post-diff', 'post-embed'].includes(name));
    });
  });
});

// One retry: CI once saw a 0.0001 shift of the header's brand link on the search page at 390 px
// that 55 local runs under load did not reproduce. A page that shifts does so on both tries; the
// failure message names the moved node and its rectangles.
describe('cumulative layout shift while loading is 0', { retry: 1 }, () => {
  test.each(PAGE_NAMES.flatMap((n) => [[n, 1280] as const, [n, 390] as const]))(
    '%s at %i px',
    async (name, width) => {
      await onPage(width, async (page) => {
        await page.goto(url(PAGES[name]), { waitUntil: 'networkidle' });
        await page.evaluate(() => document.fonts.ready);
        const shifts: { value: number; sources: string[] }[] = await page.evaluate(
          () =>
            new Promise((resolve) => {
              const list: { value: number; sources: string[] }[] = [];
              new PerformanceObserver((l: any) => {
                for (const e of l.getEntries()) {
                  if (e.hadRecentInput) continue;
                  list.push({
                    value: e.value,
                    // Node and where it moved from/to: enough to find the cause of a rare shift.
                    sources: (e.sources ?? []).map(
                      (s: any) =>
                        `${s.node ? `${s.node.nodeName}.${s.node.className ?? ''}` : '?'} ` +
                        `${JSON.stringify(s.previousRect)} -> ${JSON.stringify(s.currentRect)}`,
                    ),
                  });
                }
              }).observe({ type: 'layout-shift', buffered: true });
              setTimeout(() => resolve(list), 300);
            }),
        );
        expect(shifts).toEqual([]);
      });
    },
  );
});

test('KaTeX’s stylesheet does not hold back the header, and math is never shown unstyled', async () => {
  await onPage(390, async (page) => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/vendor/katex/katex.min.css', async (route) => {
      await held;
      await route.continue();
    });
    const navigation = page.goto(url(PAGES.post), { waitUntil: 'load' });
    await page.waitForFunction(() => performance.getEntriesByType('paint').length > 0);
    const early = await page.evaluate(() => ({
      title: document.querySelector('h1')?.getBoundingClientRect().height > 0,
      prose: document.querySelector('.prose') !== null,
      math: document.querySelectorAll('.katex').length,
    }));
    release();
    await navigation;
    // The title painted while KaTeX's stylesheet was still loading; the text with the math waited.
    expect(early).toEqual({ title: true, prose: false, math: 0 });
    const shifts = await page.evaluate(
      () =>
        new Promise<number[]>((resolve) => {
          const values: number[] = [];
          new PerformanceObserver((l: any) => {
            for (const e of l.getEntries()) values.push(e.value);
          }).observe({ type: 'layout-shift', buffered: true });
          setTimeout(() => resolve(values), 300);
        }),
    );
    expect(shifts).toEqual([]);
  });
});
