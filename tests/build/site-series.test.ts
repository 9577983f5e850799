import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildFixture, diagnosticLines, expectGolden, type BuiltSite } from '../helpers/site.js';
import { linksIn, select, texts } from '../helpers/html.js';

const cards = (html: string) =>
  select(html, 'li', 'card').map((el) => String(el.properties['id']).replace(/^card-/, ''));

describe('series site: part order, "Part n of m", in-series vs chronological neighbours', () => {
  let site: BuiltSite;
  beforeAll(async () => {
    site = await buildFixture('series');
  });
  afterAll(() => site.cleanup());

  test('builds cleanly', () => {
    expect(diagnosticLines(site.result.diagnostics)).toEqual([]);
    expect(site.result.ok).toBe(true);
  });

  test('output matches expected/', async () => {
    await expectGolden(site, 'series');
  });

  test('the series page lists parts by part number, not by date', () => {
    // Part 2 (January) predates part 1 (March): the order is still 1, 2, 3.
    expect(cards(site.file('series/kernel-walk/index.html'))).toEqual([
      'kernel-one',
      'kernel-two',
      'kernel-three',
    ]);
    expect(cards(site.file('series/finished/index.html'))).toEqual([
      'finished-one',
      'finished-two',
    ]);
  });

  test('the series page shows status, planned count and the total reading time of its parts', () => {
    const page = site.file('series/kernel-walk/index.html');
    // 1 + 2 + 1 minutes: part two is about 480 words.
    expect(texts(page, 'p', 'status')).toEqual([
      'ongoing · 3 of 5 parts · 4 min in total · last part 1 April 2026',
    ]);
    expect(texts(site.file('series/finished/index.html'), 'p', 'status')[0]).toMatch(
      /^complete · 2 of 2 parts · 2 min in total/,
    );
    expect(texts(page, 'div', 'intro')).toEqual([
      'This series walks through the kernel one subsystem at a time.',
    ]);
  });

  test('a post says "Part n of m" with the planned count, and lists every visible part', () => {
    const two = site.file('posts/kernel-two/index.html');
    expect(texts(two, 'aside', 'series-box')[0]).toMatch(
      /^Part 2 of 5 in A Walk Through the Kernel \(ongoing\)/,
    );
    expect(texts(two, 'strong')).toEqual(['Kernel walk, part 2: scheduling']);
    expect(texts(site.file('posts/finished-two/index.html'), 'aside', 'series-box')[0]).toMatch(
      /^Part 2 of 2 in A Finished Series \(complete\)/,
    );
    // Cards everywhere carry the same "part n of m".
    expect(site.file('index.html')).toContain('A Walk Through the Kernel</a>, part 2 of 5');
  });

  test('in-series prev/next follow part numbers; the chronological ones follow dates', () => {
    const one = site.file('posts/kernel-one/index.html');
    expect(texts(one, 'a', 'series-prev')).toEqual([]);
    expect(texts(one, 'a', 'series-next')).toEqual(['Next part: Kernel walk, part 2: scheduling']);
    // By date, part 1 (March) sits between the standalone post (February) and part 3 (April).
    expect(linksIn(one, 'nav', 'chrono')).toEqual(['/posts/standalone/', '/posts/kernel-three/']);

    const two = site.file('posts/kernel-two/index.html');
    expect(texts(two, 'a', 'series-prev')).toEqual(['Previous part: Kernel walk, part 1: booting']);
    expect(texts(two, 'a', 'series-next')).toEqual(['Next part: Kernel walk, part 3: memory']);
    expect(linksIn(two, 'nav', 'chrono')).toEqual(['/posts/finished-two/', '/posts/standalone/']);

    const three = site.file('posts/kernel-three/index.html');
    expect(texts(three, 'a', 'series-next')).toEqual([]);
    expect(texts(three, 'a', 'newer')).toEqual([]);

    // A post outside any series has no series box.
    expect(select(site.file('posts/standalone/index.html'), 'aside', 'series-box')).toEqual([]);
  });

  test('the series index lists every series; the home page puts ongoing series first', () => {
    const index = site.file('series/index.html');
    expect(select(index, 'li', 'series-card').map((el) => el.properties['id'])).toEqual([
      'series-finished',
      'series-kernel-walk',
    ]);
    expect(texts(index, 'li', 'series-card')[1]).toMatch(
      /^A Walk Through the Kernel \(ongoing\) · 3 of 5 parts · 4 min in total/,
    );
    const home = site.file('index.html');
    expect(select(home, 'li', 'series-card').map((el) => el.properties['id'])).toEqual([
      'series-kernel-walk',
      'series-finished',
    ]);
  });

  test('each series has its own feeds, latest part first', () => {
    const rss = site.file('series/kernel-walk/rss.xml');
    const titles = [...rss.matchAll(/<item>\s*<title><!\[CDATA\[([^\]]+)\]\]>/g)].map((m) => m[1]);
    expect(titles).toEqual([
      'Kernel walk, part 3: memory',
      'Kernel walk, part 2: scheduling',
      'Kernel walk, part 1: booting',
    ]);
    expect(site.files.has('series/kernel-walk/atom.xml')).toBe(true);
    expect(site.files.has('series/kernel-walk/feed.json')).toBe(true);
  });
});
