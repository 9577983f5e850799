import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildFixture, diagnosticLines, expectGolden, type BuiltSite } from '../helpers/site.js';
import { headOf, select, texts } from '../helpers/html.js';
import { brokenLinks } from '../helpers/links.js';

describe("pages site: standalone pages; permalinks post: '/:year/:month/:slug/'", () => {
  let site: BuiltSite;
  beforeAll(async () => {
    site = await buildFixture('pages');
  });
  afterAll(() => site.cleanup());

  test('builds cleanly', () => {
    expect(diagnosticLines(site.result.diagnostics)).toEqual([]);
    expect(site.result.ok).toBe(true);
  });

  test('output matches expected/', async () => {
    await expectGolden(site, 'pages');
  });

  test('post URLs follow the permalink pattern, month zero-padded', () => {
    expect(site.files.has('2026/03/hello/index.html')).toBe(true);
    expect(site.files.has('2025/12/december/index.html')).toBe(true);
    expect([...site.files.keys()].filter((f) => f.startsWith('posts/'))).toEqual([]);
    expect(headOf(site.file('2026/03/hello/index.html')).canonical).toBe(
      'https://pages.example/2026/03/hello/',
    );
    expect(site.file('index.html')).toContain('<a href="/2026/03/hello/">Hello</a>');
  });

  test('pages live at /:slug/, with a slug override, a bundle and an update date', () => {
    const about = site.file('about/index.html');
    expect(texts(about, 'h1')).toEqual(['About me']);
    expect(texts(about, 'p', 'meta')).toEqual(['Updated 1 April 2026']);
    expect(headOf(about).title).toBe('About me · Pages Fixture');
    expect(site.files.has('imprint/index.html')).toBe(true);
    expect(site.files.has('legal-notice/index.html')).toBe(false);
    expect(site.files.has('uses/index.html')).toBe(true);
  });

  test('a page-bundle image is published beside the page', () => {
    expect(site.file('uses/desk.svg')).toContain('<svg');
    expect(site.file('uses/index.html')).toContain('<img src="/uses/desk.svg" alt="the desk">');
  });

  test('toc is off for pages unless asked for', () => {
    expect(select(site.file('about/index.html'), 'nav', 'toc')).toEqual([]);
    expect(texts(site.file('uses/index.html'), 'nav', 'toc')).toEqual(['Hardware Software']);
  });

  test('links between posts and pages resolve, fragments included', () => {
    expect(site.file('about/index.html')).toContain('<a href="/2026/03/hello/">dated posts</a>');
    expect(site.file('about/index.html')).toContain('<a href="/uses/">what I use</a>');
    expect(site.file('2026/03/hello/index.html')).toContain(
      '<a href="/about/#contact">about me</a>',
    );
    expect(brokenLinks(site.files, 'https://pages.example/')).toEqual([]);
  });

  test('pages are in the sitemap but not in post lists or feeds', () => {
    expect(site.file('sitemap.xml')).toContain('<loc>https://pages.example/about/</loc>');
    expect(site.file('archive/index.html')).not.toContain('About me');
    expect(site.file('rss.xml')).not.toContain('About me');
  });
});
