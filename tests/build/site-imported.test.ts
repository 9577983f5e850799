import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildFixture, diagnosticLines, expectGolden, type BuiltSite } from '../helpers/site.js';
import { headOf, select, texts } from '../helpers/html.js';

const silence =
  "Remove it, or silence this with rules: { 'front-matter/ignored-key': 'off' } in colophon.config.ts.";
const ignored = (at: string, key: string) =>
  `content/posts/${at} warning [front-matter/ignored-key] Ignored post front-matter key "${key}": Colophon does not use it. ${silence}`;

describe('imported site: posts written for Hugo, Jekyll, Eleventy and Astro', () => {
  let site: BuiltSite;
  beforeAll(async () => {
    site = await buildFixture('imported');
  });
  afterAll(() => site.cleanup());

  test('builds, with one warning per key that means nothing here', () => {
    expect(site.result.ok).toBe(true);
    expect(diagnosticLines(site.result.diagnostics)).toEqual([
      ignored('2023-10-01-unpublished.md:2:1', 'layout'),
      ignored('2023-11-20-undated-jekyll.md:2:1', 'layout'),
      ignored('2024-01-15-welcome-jekyll.md:2:1', 'layout'),
      ignored('2024-01-15-welcome-jekyll.md:7:1', 'comments'),
      ignored('eleventy-notes.md:5:1', 'eleventyNavigation'),
      ignored('eleventy-notes.md:7:1', 'permalink'),
      ignored('hugo-toml.md:6:1', 'type'),
      ignored('hugo-toml.md:7:1', 'weight'),
      ignored('hugo-toml.md:9:1', 'params'),
      ignored('hugo-yaml.md:10:1', 'weight'),
    ]);
  });

  test("Hugo's `author` names the post's author: a page for them without an author file, the feeds name them", () => {
    expect(site.file('authors/ada/index.html')).toContain('<h1>Ada</h1>');
    expect(site.file('atom.xml')).toContain(
      '<name>Ada</name>\n            <uri>https://imported.example/authors/ada/</uri>',
    );
    // The other posts are by the site's author, who gets a page too: two authors, an index.
    expect(site.file('authors/index.html')).toContain('href="/authors/ada/"');
  });

  test('output matches expected/', async () => {
    await expectGolden(site, 'imported');
  });

  test('the home page lists every published post, newest first; `published: false` is left out', () => {
    const cards = select(site.file('index.html'), 'li', 'card').map((el) => el.properties['id']);
    expect(cards).toEqual([
      'card-hugo-toml',
      'card-hugo-yaml',
      'card-2024-01-15-welcome-jekyll',
      'card-2023-11-20-undated-jekyll',
      'card-eleventy-notes',
      'card-astro-first-light',
    ]);
    expect([...site.files.keys()].some((f) => f.includes('unpublished'))).toBe(false);
  });

  test('Hugo: lastmod is the update, summary the description, categories join the tags', () => {
    const post = site.file('posts/hugo-yaml/index.html');
    expect(texts(post, 'p', 'meta')[0]).toMatch(/^4 March 2024 · updated 1 May 2024/);
    expect(texts(post, 'p', 'description')).toEqual(['Where the minutes went, found with pprof.']);
    expect(texts(post, 'p', 'topics')).toEqual(['Topics: go performance tooling']);
    expect(post).toContain(
      '<meta name="description" content="Where the minutes went, found with pprof.">',
    );
    // Hugo's `images` list: the first one is the social image.
    expect(post).toContain(
      '<meta property="og:image" content="https://imported.example/img/profile.png">',
    );
    expect(texts(site.file('posts/hugo-toml/index.html'), 'p', 'meta')[0]).toMatch(
      /^2 April 2024 · updated 20 April 2024/,
    );
  });

  test('Jekyll: a date with a space and a zone, space-separated categories, excerpt, date from the file name', () => {
    const welcome = site.file('posts/2024-01-15-welcome-jekyll/index.html');
    expect(texts(welcome, 'p', 'meta')[0]).toMatch(/^15 January 2024 ·/);
    expect(texts(welcome, 'p', 'topics')).toEqual(['Topics: notes migration']);
    expect(texts(welcome, 'p', 'description')).toEqual(['Old posts, new home.']);
    const undated = site.file('posts/2023-11-20-undated-jekyll/index.html');
    expect(texts(undated, 'p', 'meta')[0]).toMatch(/^20 November 2023 · updated 1 December 2023/);
    // redirect_from became an alias: a redirect page at the old URL.
    expect(headOf(site.file('2023/11/20/undated.html')).refresh).toBe(
      '0; url=https://imported.example/posts/2023-11-20-undated-jekyll/',
    );
  });

  test("Astro: pubDate ('Jul 08 2023'), updatedDate and heroImage as the cover", () => {
    const post = site.file('posts/astro-first-light/index.html');
    expect(texts(post, 'p', 'meta')[0]).toMatch(/^8 July 2023 · updated 22 July 2023/);
    expect(select(post, 'img', 'cover').map((el) => el.properties['src'])).toEqual([
      '/blog-placeholder.png',
    ]);
  });
});
