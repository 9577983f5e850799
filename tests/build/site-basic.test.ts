import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  buildFixture,
  diagnosticLines,
  expectGolden,
  hashTree,
  type BuiltSite,
} from '../helpers/site.js';
import { headOf, select, texts } from '../helpers/html.js';

/** Card ids (`card-<post id>`) of a list page, in order. */
const cards = (html: string) =>
  select(html, 'li', 'card').map((el) => String(el.properties['id']).replace(/^card-/, ''));
const excerpt = (html: string, id: string) => {
  const i = cards(html).indexOf(id);
  if (i < 0) throw new Error(`no card ${id}`);
  return texts(html, 'div', 'excerpt')[i];
};

describe('basic site: posts, pagination, archive, excerpts', () => {
  let site: BuiltSite;
  beforeAll(async () => {
    site = await buildFixture('basic');
  });
  afterAll(() => site.cleanup());

  test('builds cleanly', () => {
    expect(diagnosticLines(site.result.diagnostics)).toEqual([]);
    expect(site.result.ok).toBe(true);
  });

  test('output matches expected/', async () => {
    await expectGolden(site, 'basic');
  });

  test('home is paginated two posts a page, newest first, with /page/N/ links', () => {
    const home = site.file('index.html');
    expect(cards(home)).toEqual(['latest', 'updated-post']);
    expect(cards(site.file('page/2/index.html'))).toEqual(['with-more', 'with-description']);
    expect(cards(site.file('page/3/index.html'))).toEqual(['first-post']);
    expect(site.files.has('page/1/index.html')).toBe(false);
    expect(site.files.has('page/4/index.html')).toBe(false);

    expect(texts(home, 'p', 'pagination')).toEqual(['Page 1 of 3 Older posts']);
    expect(
      select(home, 'a')
        .filter((a) => (a.properties['rel'] as string[] | undefined)?.includes('next'))
        .map((a) => a.properties['href']),
    ).toEqual(['/page/2/']);
    const p2 = site.file('page/2/index.html');
    expect(headOf(p2).title).toBe('Page 2 · Basic Fixture');
    expect(p2).toContain('<link rel="prev" href="/">');
    expect(p2).toContain('<link rel="next" href="/page/3/">');
    const p3 = site.file('page/3/index.html');
    expect(p3).toContain('<link rel="prev" href="/page/2/">');
    expect(p3).not.toContain('rel="next"');
    expect(headOf(home).title).toBe('Basic Fixture');
    expect(home).not.toContain('rel="prev"');
  });

  test('the archive groups posts by year, newest year and post first, with counts', () => {
    const archive = site.file('archive/index.html');
    expect(texts(archive, 'h2')).toEqual(['2026 (2)', '2025 (2)', '2024 (1)']);
    expect(texts(archive, 'h1')).toEqual(['Archive (5 posts)']);
    const order = select(archive, 'section').map((s) => s.properties['id']);
    expect(order).toEqual(['y2026', 'y2025', 'y2024']);
    expect(archive.indexOf('The latest post')).toBeLessThan(archive.indexOf('An updated post'));
  });

  test('excerpts: <!-- more --> beats the description, which beats the first paragraph', () => {
    const p2 = site.file('page/2/index.html');
    expect(excerpt(p2, 'with-more')).toBe(
      'Everything above the marker is the excerpt. Including this second paragraph.',
    );
    expect(excerpt(p2, 'with-description')).toBe('The description wins over the first paragraph.');
    expect(excerpt(site.file('page/3/index.html'), 'first-post')).toBe(
      'This first paragraph becomes the excerpt: there is no description and no more marker.',
    );
    // The full post still has everything, marker or not.
    expect(site.file('posts/with-more/index.html')).toContain(
      'Below the marker: only on the post page.',
    );
    expect(p2).not.toContain('Below the marker');
  });

  test('a post page links its chronological neighbours and shows its update date', () => {
    const post = site.file('posts/updated-post/index.html');
    expect(texts(post, 'a', 'older')).toEqual(['Older: A post with a more marker']);
    expect(texts(post, 'a', 'newer')).toEqual(['Newer: The latest post']);
    expect(texts(post, 'p', 'meta')[0]).toMatch(/^1 February 2026 · updated 1 March 2026 · 1 min/);
    expect(headOf(post).canonical).toBe('https://basic.example/posts/updated-post/');
    // The oldest and newest posts have one neighbour each.
    expect(texts(site.file('posts/first-post/index.html'), 'a', 'newer')).toEqual([
      'Newer: A post with a description',
    ]);
    expect(texts(site.file('posts/first-post/index.html'), 'a', 'older')).toEqual([]);
    expect(texts(site.file('posts/latest/index.html'), 'a', 'newer')).toEqual([]);
  });

  test('the sitemap lists real pages only, with lastmod from updated or date', () => {
    const locs = [...site.file('sitemap.xml').matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
    expect(locs).toContain('https://basic.example/page/2/');
    expect(locs).not.toContain('https://basic.example/404.html');
    expect(locs).not.toContain('https://basic.example/search/');
    expect(site.file('sitemap.xml')).toContain(
      '<loc>https://basic.example/posts/updated-post/</loc><lastmod>2026-03-01</lastmod>',
    );
    expect(site.file('robots.txt')).toContain('Sitemap: https://basic.example/sitemap.xml');
  });

  test('404 and search pages are noindex', () => {
    expect(headOf(site.file('404.html')).robots).toBe('noindex');
    expect(headOf(site.file('search/index.html')).robots).toBe('noindex');
    expect(cards(site.file('404.html'))).toEqual([]);
    expect(
      select(site.file('404.html'), 'ul', 'recent')[0]!.children.filter(
        (c) => c.type === 'element',
      ),
    ).toHaveLength(5);
  });

  test('public/ files, the default theme assets and the search index are published', () => {
    expect(site.file('style.css')).toBe('body { color: black; }\n');
    expect(site.files.has('css/site.css')).toBe(true);
    expect(existsSync(`${site.outDir}/pagefind/pagefind.js`)).toBe(true);
  });

  test('same input, same bytes: a second build is identical', async () => {
    const again = await buildFixture('basic');
    try {
      expect(await hashTree(again.outDir)).toBe(await hashTree(site.outDir));
    } finally {
      await again.cleanup();
    }
  });
});
