import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildFixture, diagnosticLines, expectGolden, type BuiltSite } from '../helpers/site.js';
import { headOf, urlsIn } from '../helpers/html.js';
import { brokenLinks } from '../helpers/links.js';

/** Deployed at https://user.github.io/blog/: the output folder's root is served as /blog/. */
describe('subpath site (baseUrl https://user.github.io/blog/)', () => {
  let site: BuiltSite;
  beforeAll(async () => {
    site = await buildFixture('subpath');
  });
  afterAll(() => site.cleanup());

  test('builds cleanly', () => {
    expect(diagnosticLines(site.result.diagnostics)).toEqual([]);
    expect(site.result.ok).toBe(true);
  });

  test('output matches expected/', async () => {
    await expectGolden(site, 'subpath');
  });

  test('every root-relative URL in every page starts with /blog/', () => {
    const bad: string[] = [];
    for (const [file, html] of site.files) {
      if (!file.endsWith('.html')) continue;
      for (const u of urlsIn(html))
        if (u.url.startsWith('/') && !u.url.startsWith('/blog/'))
          bad.push(`${file}: ${u.tag} ${u.attr}=${u.url}`);
    }
    expect(bad).toEqual([]);
  });

  test('every internal link, image, feed and asset resolves to a published file', () => {
    expect(brokenLinks(site.files, 'https://user.github.io/blog/')).toEqual([]);
  });

  test('Markdown links are rewritten with the base path: .md links, root-relative links, public/ images', () => {
    const first = site.file('posts/first/index.html');
    expect(first).toContain('<a href="/blog/posts/second/">the second post</a>');
    expect(first).toContain('<a href="/blog/posts/second/#details">its section</a>');
    expect(first).toContain('<a href="/blog/posts/bundled/">the bundle</a>');
    expect(first).toContain('<a href="/blog/about/">about</a>');
    expect(first).toContain('<a href="/blog/archive/">archive</a>');
    expect(first).toContain('<img src="/blog/img/logo.svg" alt="logo">');
    expect(site.file('posts/second/index.html')).toContain(
      '<img src="/blog/img/logo.svg" alt="logo">',
    );
    expect(site.file('series/guide/index.html')).toContain(
      '<a href="/blog/posts/first/">part one</a>',
    );
  });

  test('bundle files are published beside their post, not under blog/', () => {
    expect(site.files.has('posts/bundled/chart.svg')).toBe(true);
    expect([...site.files.keys()].filter((f) => f.startsWith('blog/'))).toEqual([]);
    expect(site.file('posts/bundled/index.html')).toContain(
      '<img class="cover" src="/blog/posts/bundled/chart.svg" alt="A chart">',
    );
  });

  test('canonicals, feeds, sitemap and robots use the full base URL', () => {
    expect(headOf(site.file('posts/first/index.html')).canonical).toBe(
      'https://user.github.io/blog/posts/first/',
    );
    expect(headOf(site.file('index.html')).canonical).toBe('https://user.github.io/blog/');
    for (const feed of [
      'rss.xml',
      'atom.xml',
      'feed.json',
      'series/guide/rss.xml',
      'topics/deploys/atom.xml',
    ]) {
      const text = site.file(feed);
      const urls = [...text.matchAll(/https?:\/\/[^"'<>\s\]]+/g)]
        .map((m) => m[0])
        .filter((u) => u.includes('user.github.io'));
      expect(urls.length, feed).toBeGreaterThan(0);
      for (const u of urls) expect(u, feed).toMatch(/^https:\/\/user\.github\.io\/blog\//);
      // Root-relative URLs would be resolved against the feed reader's host: none may remain.
      expect(text, feed).not.toMatch(/(href|src)=\\?"\//);
    }
    expect(site.file('atom.xml')).toContain(
      '<link rel="self" href="https://user.github.io/blog/atom.xml"/>',
    );
    const locs = [...site.file('sitemap.xml').matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
    expect(locs.length).toBeGreaterThan(5);
    for (const loc of locs) expect(loc).toMatch(/^https:\/\/user\.github\.io\/blog\//);
    expect(site.file('robots.txt')).toContain('Sitemap: https://user.github.io/blog/sitemap.xml');
  });

  test('aliases redirect within the subpath', () => {
    const r = headOf(site.file('old/first/index.html'));
    expect(r.refresh).toBe('0; url=https://user.github.io/blog/posts/first/');
    expect(headOf(site.file('about-me/index.html')).canonical).toBe(
      'https://user.github.io/blog/about/',
    );
  });

  test('menu links get the base path; external menu links are kept', () => {
    const home = site.file('index.html');
    expect(home).toContain('<a href="/blog/about/">About</a>');
    expect(home).toContain('<a href="https://elsewhere.example/">Elsewhere</a>');
  });
});
