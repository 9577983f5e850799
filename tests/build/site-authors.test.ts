import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildFixture, diagnosticLines, expectGolden, type BuiltSite } from '../helpers/site.js';

const FEEDS = ['rss.xml', 'atom.xml', 'feed.json'];
/** Every feed parses: XML with xmllint, JSON Feed with JSON.parse. */
function parseFeeds(site: BuiltSite, dir: string): void {
  for (const f of FEEDS) {
    const rel = `${dir}${f}`;
    if (f.endsWith('.json')) JSON.parse(site.file(rel));
    else execFileSync('xmllint', ['--noout', path.join(site.outDir, rel)]);
  }
}
const bylines = (html: string) =>
  [...html.matchAll(/<span class="byline">(.*?)<\/span>/g)].map((m) =>
    m[1]!.replace(/<[^>]+>/g, ''),
  );

describe('authors site: author files, names without one, several authors, the site author', () => {
  let site: BuiltSite;
  beforeAll(async () => {
    site = await buildFixture('authors');
  });
  afterAll(() => site.cleanup());

  test('builds cleanly', () => {
    expect(diagnosticLines(site.result.diagnostics)).toEqual([]);
    expect(site.result.ok).toBe(true);
  });

  test('output matches expected/', async () => {
    await expectGolden(site, 'authors');
  });

  test('an author page per author, at permalinks.author, paginated; an index of them', () => {
    const ada = site.file('people/ada/index.html');
    expect(ada).toContain('<h1>Ada Tester</h1>');
    expect(ada).toContain('<p>Ada writes the <strong>long</strong> posts.</p>');
    expect(ada).toContain('href="https://github.com/ada-tester" rel="me"');
    // first-steps names nobody: the site's author, matched to ada.md by name.
    expect(ada).toContain('<span>3 posts</span>');
    expect(site.file('people/ada/page/2/index.html')).toContain('href="/posts/first-steps/"');
    expect(site.file('people/sam-guest/index.html')).toContain('<h1>Sam Guest</h1>');
    const index = site.file('authors/index.html');
    expect([...index.matchAll(/<a href="(\/people\/[^"]+)">/g)].map((m) => m[1])).toEqual([
      '/people/ada/',
      '/people/sam-guest/',
      '/people/teo/',
    ]);
    expect(site.file('sitemap.xml')).toContain('<loc>https://authors.example/people/teo/</loc>');
  });

  test('bylines on posts and cards: "By A and B", each a link to the author page', () => {
    expect(bylines(site.file('posts/pair-work/index.html'))).toEqual([
      'By Ada Tester and Teo Brandt',
    ]);
    expect(bylines(site.file('posts/review-notes/index.html'))).toEqual(['By Teo Brandt']);
    expect(bylines(site.file('index.html'))).toEqual(['By Ada Tester', 'By Sam Guest']);
  });

  test('<meta name="author"> and JSON-LD name the post\'s authors, with their page and profiles', () => {
    const pair = site.file('posts/pair-work/index.html');
    expect(pair).toContain('<meta name="author" content="Ada Tester, Teo Brandt">');
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/.exec(pair)![1]!);
    expect(ld.author).toEqual([
      {
        '@type': 'Person',
        name: 'Ada Tester',
        url: 'https://authors.example/people/ada/',
        sameAs: ['https://github.com/ada-tester'],
      },
      {
        '@type': 'Person',
        name: 'Teo Brandt',
        url: 'https://authors.example/people/teo/',
        sameAs: ['https://social.example/@teo', 'https://teo.example/'],
      },
    ]);
  });

  test('every feed parses and names the right authors; each author has feeds of their own', () => {
    for (const dir of ['', 'people/ada/', 'people/teo/', 'people/sam-guest/'])
      parseFeeds(site, dir);
    const rss = site.file('rss.xml');
    expect(rss).toContain('<author>ada@authors.example (Ada Tester)</author>');
    expect(rss).toContain('<author>Teo Brandt</author>');
    const atom = site.file('people/teo/atom.xml');
    expect(atom).toContain('<title>Teo Brandt · Authors Fixture</title>');
    expect([...atom.matchAll(/<entry>[\s\S]*?<id>([^<]+)<\/id>/g)].map((m) => m[1])).toEqual([
      'https://authors.example/posts/review-notes/',
      'https://authors.example/posts/pair-work/',
    ]);
    const json = JSON.parse(site.file('feed.json')) as {
      items: { id: string; authors?: { name: string }[] }[];
    };
    const pair = json.items.find((i) => i.id.endsWith('/pair-work/'))!;
    expect(pair.authors?.map((a) => a.name)).toEqual(['Ada Tester', 'Teo Brandt']);
  });
});

describe('single-author site with an author file', () => {
  let site: BuiltSite;
  beforeAll(async () => {
    site = await buildFixture('authors-single');
  });
  afterAll(() => site.cleanup());

  test('output matches expected/', async () => {
    expect(diagnosticLines(site.result.diagnostics)).toEqual([]);
    await expectGolden(site, 'authors-single');
  });

  test('an author page, a byline on posts; no index of authors, no bylines in lists', () => {
    expect(site.file('authors/maren/index.html')).toContain('<h1>Maren Example</h1>');
    expect(site.files.has('authors/index.html')).toBe(false);
    expect(bylines(site.file('posts/only-post/index.html'))).toEqual(['By Maren Example']);
    expect(bylines(site.file('index.html'))).toEqual([]);
  });
});
