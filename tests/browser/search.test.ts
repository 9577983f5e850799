/**
 * Search: Pagefind's static index through the theme's own UI (public/js/search.js), from the
 * search page and from the header dialog ("/" or the search link).
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { PAGES, axe, contextOptions, formatViolations, launch, url } from './helpers.js';
import { buildSample, serve, type SampleSite, type Served } from './sample-site.js';
import { assignShards } from '../../src/search/pagefind.js';

declare const document: any;

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function withPage<T>(fn: (page: Page) => Promise<T>, scheme: 'light' | 'dark' = 'light') {
  const context = await browser.newContext(contextOptions(1280, scheme));
  try {
    return await fn(await context.newPage());
  } finally {
    await context.close();
  }
}

/** Type a query into the focused search field and wait for the status line to report it. */
async function search(page: Page, root: string, term: string): Promise<string[]> {
  await page.fill(`${root} .search-input`, term);
  await page.waitForFunction(
    ([r, t]) => (document.querySelector(`${r} .search-status`)?.textContent ?? '').includes(t),
    [root, `“${term}”`],
  );
  return page.$$eval(`${root} .search-result-title a`, (as) =>
    as.map((a) => new URL((a as any).href).pathname),
  );
}

describe('search page', () => {
  test('a word found in one post only: that post comes first, with a highlighted excerpt', async () => {
    await withPage(async (page) => {
      await page.goto(url(PAGES.search));
      // The page focuses its field; "/" keeps the focus there.
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-input');
      const results = await search(page, '#search', 'softnet');
      expect(results[0]).toBe('/posts/nic-to-kernel/');
      const first = page.locator('#search .search-result').first();
      expect(await first.locator('.search-result-title').textContent()).toBe(
        'From the wire to the kernel: rings, NAPI and the softirq',
      );
      expect((await first.locator('mark').allTextContents()).map((t) => t.toLowerCase())).toContain(
        'softnet',
      );
      // The query is in the URL, so a result list can be shared or reloaded.
      expect(new URL(page.url()).searchParams.get('q')).toBe('softnet');
      await page.reload();
      expect(await page.inputValue('#search .search-input')).toBe('softnet');
      await page.waitForSelector('#search .search-result');
    });
  });

  test('each result says what it is (post, series, topic, page) and a post carries its date', async () => {
    await withPage(async (page) => {
      await page.goto(url(PAGES.search));
      // In the storage-engine series' intro, the storage topic's, and posts.
      const seen = new Map<string, string>();
      for (const term of ['optimism', 'multiplier', 'bpftrace', 'memtable']) {
        await search(page, '#search', term);
        const rows: [string, string][] = await page.$$eval('#search .search-result', (lis) =>
          lis.map((li: any) => [
            new URL(li.querySelector('.search-result-title a').href).pathname,
            li.querySelector('.search-result-meta')?.textContent ?? '',
          ]),
        );
        for (const [path, meta] of rows) seen.set(path, meta);
      }
      expect(seen.get('/topics/storage/')).toBe('Topic');
      expect(seen.get('/series/storage-engine/')).toBe('Series');
      expect(seen.get('/uses/')).toBe('Page');
      expect(seen.get('/posts/storage-engine-memtable/')).toMatch(/^Post · \S.*\d{4}$/);
      for (const [path, meta] of seen) {
        if (path.startsWith('/posts/')) expect(meta, path).toMatch(/^Post · .*\d{4}$/);
        else expect(meta, path).toMatch(/^(Series|Topic|Page|Author)$/);
      }
    });
  });

  test('drafts, scheduled posts, the 404 page and redirects never appear', async () => {
    // Pagefind also returns near matches, so a word found nowhere still lists pages: what counts
    // is that these never do, whatever the query.
    const never = [
      '/posts/ebpf-first-steps/', // draft
      '/posts/io-uring-networking/', // scheduled
      '/404.html',
      '/no-such-page/',
      '/2025/09/logging-notes/', // redirect to /posts/structured-logging/
      '/search/',
      '/',
      '/archive/',
    ];
    await withPage(async (page) => {
      await page.goto(url(PAGES.search));
      // Words of the draft (kprobe), the scheduled post (multishot), the 404 page (mistyped),
      // the redirect page (moved), and words of every page.
      const terms = ['kprobe', 'multishot', 'mistyped', 'moved', 'logging', 'the', 'and'];
      for (const term of terms) {
        const shown = await search(page, '#search', term);
        for (const p of never) expect(shown, term).not.toContain(p);
      }
      // Every result of the index itself, not only the first ten shown.
      // (A string: Vite would rewrite a dynamic import() in a function.)
      const all: string[] = await page.evaluate(`(async (terms) => {
        const pf = await import('/pagefind/pagefind.js');
        const urls = new Set();
        for (const t of terms) {
          const r = await pf.search(t);
          for (const d of await Promise.all(r.results.map((x) => x.data()))) urls.add(d.url);
        }
        return [...urls].sort();
      })(${JSON.stringify(terms)})`);
      expect(all.length).toBeGreaterThan(12);
      for (const p of never) expect(all).not.toContain(p);
      expect(all).toContain('/posts/structured-logging/');
      // bpftrace: the draft and the /uses/ page mention it; only the page is found.
      expect(await search(page, '#search', 'bpftrace')).toContain('/uses/');
    });
  });

  test('only pages that carry data-pagefind-body are in the index', async () => {
    const outDir = inject('outDir');
    const html: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      for (const e of await readdir(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory() && e.name !== 'pagefind') await walk(p);
        else if (e.name.endsWith('.html')) html.push(p);
      }
    };
    await walk(outDir);
    const indexed: string[] = [];
    for (const file of html) {
      if ((await readFile(file, 'utf8')).includes('data-pagefind-body')) {
        indexed.push(path.relative(outDir, file));
      }
    }
    for (const never of ['404.html', 'search/index.html', 'index.html', 'archive/index.html']) {
      expect(indexed).not.toContain(never);
    }
    expect(indexed.some((f) => f.startsWith('2025/'))).toBe(false); // the redirect
    expect(indexed).toContain('posts/nic-to-kernel/index.html');
    expect(indexed).toContain('series/storage-engine/index.html');
    expect(indexed).toContain('about/index.html');
    const entry = JSON.parse(
      await readFile(path.join(outDir, 'pagefind/pagefind-entry.json'), 'utf8'),
    );
    expect(entry.languages.en.page_count).toBe(indexed.length);
  });

  test('axe: no violations with results shown, in both schemes', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      await withPage(async (page) => {
        await page.goto(url(`${PAGES.search}?q=bloom`));
        await page.waitForSelector('#search .search-result');
        const violations = await axe(page);
        expect(violations, formatViolations(violations)).toEqual([]);
      }, scheme);
    }
  });
});

describe('search dialog', () => {
  test('"/" opens it from any page with the field focused; results link to the post', async () => {
    await withPage(async (page) => {
      const requests: string[] = [];
      page.on('request', (r) => requests.push(new URL(r.url()).pathname));
      await page.goto(url(PAGES.post));
      // Nothing of search is loaded until it is opened.
      expect(requests.filter((p) => p.includes('pagefind') || p.endsWith('search.js'))).toEqual([]);
      await page.keyboard.press('/');
      await page.waitForSelector('dialog.search-dialog[open]');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-q');
      const results = await search(page, 'dialog', 'softnet');
      expect(results[0]).toBe('/posts/nic-to-kernel/');
      expect(requests).toContain('/pagefind/pagefind.js');
      // Arrow down reaches the first result; Enter follows it.
      await page.keyboard.press('ArrowDown');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
        'From the wire to the kernel: rings, NAPI and the softirq',
      );
      await page.keyboard.press('ArrowUp');
      await Promise.all([
        page.waitForURL(/\/posts\/nic-to-kernel\/$/),
        page.keyboard.press('Enter'),
      ]);
    });
  });

  test('"/" typed in a field is just a character; Escape closes the dialog', async () => {
    await withPage(async (page) => {
      await page.goto(url(PAGES.home));
      await page.click('.nav-search');
      await page.waitForSelector('dialog.search-dialog[open]');
      await page.keyboard.type('a/b');
      expect(await page.inputValue('dialog .search-input')).toBe('a/b');
      await page.keyboard.press('Escape');
      await page.waitForSelector('dialog.search-dialog:not([open])', { state: 'attached' });
      // Focus goes back to the header link.
      expect(await page.evaluate(() => document.activeElement?.className)).toBe('nav-search');
      // The dialog can be reopened, with the previous query selected.
      await page.keyboard.press('/');
      await page.waitForSelector('dialog.search-dialog[open]');
      expect(
        await page.evaluate(() => {
          const input = document.activeElement;
          return [input.value, input.selectionStart, input.selectionEnd];
        }),
      ).toEqual(['a/b', 0, 3]);
    });
  });

  test('axe: no violations with the dialog open, in both schemes', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      await withPage(async (page) => {
        await page.goto(url(PAGES.topic));
        await page.keyboard.press('/');
        await search(page, 'dialog', 'compaction');
        const violations = await axe(page);
        expect(violations, formatViolations(violations)).toEqual([]);
      }, scheme);
    }
  });

  test('without JavaScript the header link leads to the search page, which says why it is empty', async () => {
    const context = await browser.newContext({ ...contextOptions(1280), javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(url(PAGES.home));
      await Promise.all([page.waitForURL(/\/search\/$/), page.click('.nav-search')]);
      expect(await page.textContent('#search .notice')).toMatch(/^Search needs JavaScript\./);
      expect(await page.isVisible('#search .notice')).toBe(true);
      expect(await page.isVisible('.search-form')).toBe(false);
    } finally {
      await context.close();
    }
  });
});

describe('under a subpath (basePath /blog/)', () => {
  let site: SampleSite | undefined;
  let server: Served | undefined;
  beforeAll(async () => {
    site = await buildSample({ baseUrl: 'https://colophon.example/blog/' });
    server = await serve(site.outDir, { prefix: '/blog/' });
  });
  afterAll(async () => {
    await server?.close();
    await site?.remove();
  });

  test('the dialog and the search page load Pagefind and link results under /blog/', async () => {
    await withPage(async (page) => {
      const requests: string[] = [];
      page.on('request', (r) => requests.push(new URL(r.url()).pathname));
      await page.goto(`${server!.url}/blog/posts/storage-engine-wal/`);
      await page.keyboard.press('/');
      const results = await search(page, 'dialog', 'softnet');
      expect(results[0]).toBe('/blog/posts/nic-to-kernel/');
      await page.click('dialog .search-hint a');
      await page.waitForURL(/\/blog\/search\/\?q=softnet$/);
      await page.waitForSelector('#search .search-result');
      expect(
        await page.$$eval('#search .search-result-title a', (as) =>
          as.map((a) => new URL((a as any).href).pathname),
        ),
      ).toContain('/blog/posts/nic-to-kernel/');
      expect(requests).toContain('/blog/pagefind/pagefind.js');
      expect(requests.filter((p) => !p.startsWith('/blog/'))).toEqual([]);
    });
  });
});

describe('an index split into parts (search.shards: 3)', () => {
  let site: SampleSite | undefined;
  let server: Served | undefined;
  beforeAll(async () => {
    site = await buildSample({
      patchConfig: (src) =>
        src.replace('export default defineConfig({', '$&\n  search: { shards: 3 },'),
    });
    server = await serve(site.outDir);
  });
  afterAll(async () => {
    await server?.close();
    await site?.remove();
  });

  test('words from posts in different parts are all found, each part fetched once', async () => {
    const shards = JSON.parse(
      await readFile(path.join(site!.outDir, 'pagefind/shards.json'), 'utf8'),
    ) as { shards: string[] };
    expect(shards.shards).toEqual(['shard/1/', 'shard/2/']);
    // The three posts searched for below sit in three different parts (assigned by path).
    const posts = ['sql-query-plans', 'rust-error-handling', 'nic-to-kernel'];
    const parts = assignShards(
      posts.map((p) => `posts/${p}/index.html`),
      3,
    );
    expect(parts.map((p) => p.length)).toEqual([1, 1, 1]);
    await withPage(async (page) => {
      const requests: string[] = [];
      page.on('request', (r) => requests.push(new URL(r.url()).pathname));
      await page.goto(`${server!.url}${PAGES.search}`);
      expect(await search(page, '#search', 'planner')).toContain('/posts/sql-query-plans/');
      expect(await search(page, '#search', 'anyhow')).toContain('/posts/rust-error-handling/');
      expect((await search(page, '#search', 'softnet'))[0]).toBe('/posts/nic-to-kernel/');
      for (const part of ['/pagefind/', '/pagefind/shard/1/', '/pagefind/shard/2/'])
        expect(requests.filter((r) => r === `${part}pagefind-entry.json`)).toHaveLength(1);
    });
  });
});
