import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildFixture, diagnosticLines, expectGolden, type BuiltSite } from '../helpers/site.js';
import { xmlProblems } from '../helpers/xml.js';

const FEEDS = ['', 'series/deep-dive/', 'topics/xml/'];
const itemLinks = (rss: string) =>
  [...rss.matchAll(/<item>[\s\S]*?<link>([^<]+)<\/link>/g)].map((m) => m[1]);
const entryIds = (atom: string) =>
  [...atom.matchAll(/<entry>[\s\S]*?<id>([^<]+)<\/id>/g)].map((m) => m[1]);

interface JsonFeed {
  version: string;
  title: string;
  home_page_url: string;
  feed_url: string;
  language: string;
  items: {
    id: string;
    url: string;
    title: string;
    content_html: string;
    summary?: string;
    date_published: string;
    date_modified: string;
    tags: string[];
  }[];
}

describe('feeds site: RSS, Atom and JSON Feed, site-wide, per series and per topic', () => {
  let site: BuiltSite;
  beforeAll(async () => {
    site = await buildFixture('feeds');
  });
  afterAll(() => site.cleanup());

  test('builds cleanly', () => {
    expect(diagnosticLines(site.result.diagnostics)).toEqual([]);
    expect(site.result.ok).toBe(true);
  });

  test('output matches expected/', async () => {
    await expectGolden(site, 'feeds');
  });

  test.each(FEEDS)('the XML feeds in "/%s" are well-formed, with declared namespaces', (dir) => {
    const rss = site.file(`${dir}rss.xml`);
    const atom = site.file(`${dir}atom.xml`);
    expect(xmlProblems(rss)).toEqual([]);
    expect(xmlProblems(atom)).toEqual([]);
    expect(rss).toMatch(
      /^<\?xml version="1.0" encoding="utf-8"\?>\n<rss version="2.0" [^>]*xmlns:atom="http:\/\/www.w3.org\/2005\/Atom"/,
    );
    expect(atom).toMatch(
      /^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/,
    );
    expect(rss).toContain(
      `<atom:link href="https://feeds.example/${dir}rss.xml" rel="self" type="application/rss+xml"/>`,
    );
    expect(atom).toContain(`<link rel="self" href="https://feeds.example/${dir}atom.xml"/>`);
  });

  test.each(FEEDS)('the JSON feed in "/%s" is JSON Feed 1.1 with absolute URLs', (dir) => {
    const feed = JSON.parse(site.file(`${dir}feed.json`)) as JsonFeed;
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.feed_url).toBe(`https://feeds.example/${dir}feed.json`);
    expect(feed.home_page_url).toBe(`https://feeds.example/${dir}`);
    expect(feed.language).toBe('en-GB');
    for (const item of feed.items) {
      expect(item.url).toMatch(/^https:\/\/feeds\.example\/posts\//);
      expect(item.id).toBe(item.url);
      expect(item.date_published).toMatch(/^\d{4}-\d\d-\d\dT00:00:00\.000Z$/);
    }
  });

  test("the feed's old addresses (feeds.aliases) carry the same bytes as the feed they name", () => {
    expect(site.file('index.xml')).toBe(site.file('rss.xml'));
    expect(site.file('old/feed.xml')).toBe(site.file('atom.xml'));
    expect(site.files.has('old/index.html')).toBe(false);
  });

  test('the site feeds hold the newest posts up to the configured limit (3)', () => {
    const newestFirst = [
      'https://feeds.example/posts/newest/',
      'https://feeds.example/posts/middle/',
      'https://feeds.example/posts/charted/',
    ];
    expect(itemLinks(site.file('rss.xml'))).toEqual(newestFirst);
    expect(entryIds(site.file('atom.xml'))).toEqual(newestFirst);
    expect((JSON.parse(site.file('feed.json')) as JsonFeed).items.map((i) => i.url)).toEqual(
      newestFirst,
    );
  });

  test('series and topic feeds hold their own posts', () => {
    expect(itemLinks(site.file('series/deep-dive/rss.xml'))).toEqual([
      'https://feeds.example/posts/middle/',
      'https://feeds.example/posts/charted/',
    ]);
    // The topic feed keeps the oldest post that fell out of the site feed.
    expect(itemLinks(site.file('topics/xml/rss.xml'))).toEqual([
      'https://feeds.example/posts/charted/',
      'https://feeds.example/posts/oldest/',
    ]);
    expect(site.file('topics/xml/atom.xml')).toContain(
      '<title>XML &amp; Friends · Feeds &amp; &lt;Fixture&gt;</title>',
    );
  });

  test('every URL in item content is absolute: bundle images, .md links, root-relative links, fragments', () => {
    for (const dir of FEEDS) {
      for (const name of ['rss.xml', 'atom.xml', 'feed.json']) {
        const text = site.file(dir + name);
        expect(text, dir + name).not.toMatch(/(?:href|src)=\\?"(?!https?:)/);
      }
    }
    const atom = site.file('atom.xml');
    expect(atom).toContain('<img src="https://feeds.example/posts/charted/chart.svg" alt="chart">');
    expect(atom).toContain('<a href="https://feeds.example/posts/newest/">Next post</a>');
    expect(atom).toContain('<a href="https://feeds.example/archive/">the archive</a>');
    expect(atom).toContain('<a href="https://feeds.example/posts/charted/#section">a section</a>');
    expect(atom).toContain('<a href="https://elsewhere.example/page">elsewhere</a>');
  });

  test('"updated" is the latest change among the items, never the clock', () => {
    // The charted post (10 January) was updated on 20 May, after the newest post (1 April).
    expect(site.file('atom.xml')).toMatch(
      /<feed[^>]*>\s*<id>https:\/\/feeds\.example\/<\/id>\s*<title>[^<]*<\/title>\s*<updated>2026-05-20T00:00:00.000Z<\/updated>/,
    );
    expect(site.file('rss.xml')).toContain(
      '<lastBuildDate>Wed, 20 May 2026 00:00:00 GMT</lastBuildDate>',
    );
    expect(site.file('series/deep-dive/atom.xml')).toContain(
      '<updated>2026-05-20T00:00:00.000Z</updated>\n    <generator>',
    );
    expect(site.file('topics/xml/atom.xml')).toContain(
      '<updated>2026-05-20T00:00:00.000Z</updated>\n    <generator>',
    );
    const item = (JSON.parse(site.file('feed.json')) as JsonFeed).items.find((i) =>
      i.url.endsWith('/charted/'),
    )!;
    expect(item.date_published).toBe('2026-01-10T00:00:00.000Z');
    expect(item.date_modified).toBe('2026-05-20T00:00:00.000Z');
  });

  test('titles and descriptions are escaped, and "]]>" in content cannot end the CDATA early', () => {
    const rss = site.file('rss.xml');
    expect(rss).toContain('<title>Feeds &amp; &lt;Fixture&gt;</title>');
    expect(rss).toContain('<title><![CDATA[Charts, <tags> & "quotes"]]></title>');
    expect(rss).toContain(']]]]><![CDATA[>');
    const item = (JSON.parse(site.file('feed.json')) as JsonFeed).items.find((i) =>
      i.url.endsWith('/charted/'),
    )!;
    expect(item.title).toBe('Charts, <tags> & "quotes"');
    expect(item.summary).toBe('Escaping in titles and descriptions <b>matters</b>.');
    expect(item.content_html).toContain('CDATA terminators in text: ]]> must not break the feed.');
  });

  test('items name the author with the configured e-mail (RSS wants an address)', () => {
    expect(site.file('rss.xml')).toContain('<author>ada@feeds.example (Ada Tester)</author>');
    expect(site.file('atom.xml')).toContain(
      '<author>\n            <name>Ada Tester</name>\n            <email>ada@feeds.example</email>',
    );
  });

  test('pages announce the site feeds, and series/topic pages their own', () => {
    const series = site.file('series/deep-dive/index.html');
    expect(series).toContain(
      '<link rel="alternate" data-type="rss" title="Feeds &amp; &lt;Fixture&gt; (RSS)" href="/rss.xml">',
    );
    expect(series).toContain(
      '<link rel="alternate" data-type="atom" title="Deep Dive (Atom)" href="/series/deep-dive/atom.xml">',
    );
    expect(site.file('topics/xml/index.html')).toContain('href="/topics/xml/feed.json"');
  });
});
