import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildFixture, diagnosticLines, expectGolden, type BuiltSite } from '../helpers/site.js';
import { headOf, select, texts } from '../helpers/html.js';

// Every hidden post and page has "SECRET" in its title: a normal build must not contain it anywhere.
const HIDDEN = ['posts/draft-part/', 'posts/future-part/', 'posts/expired/', 'secret-page/'];
const cards = (html: string) =>
  select(html, 'li', 'card').map((el) => String(el.properties['id']).replace(/^card-/, ''));
const sitemapLocs = (xml: string) => [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);

describe('drafts, future and expired posts (now = 2026-06-01)', () => {
  let site: BuiltSite;
  let preview: BuiltSite;
  beforeAll(async () => {
    [site, preview] = await Promise.all([
      buildFixture('drafts-future'),
      buildFixture('drafts-future', { drafts: true, future: true }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([site.cleanup(), preview.cleanup()]);
  });

  test('both builds succeed without diagnostics', () => {
    expect(diagnosticLines(site.result.diagnostics)).toEqual([]);
    expect(diagnosticLines(preview.result.diagnostics)).toEqual([]);
    expect(site.result.ok && preview.result.ok).toBe(true);
  });

  test('outputs match expected/ and expected-preview/', async () => {
    await expectGolden(site, 'drafts-future');
    await expectGolden(preview, 'drafts-future', 'expected-preview');
  });

  describe('a normal build', () => {
    test('has no page for a draft, future or expired post, nor for a draft page', () => {
      for (const p of HIDDEN) expect(site.files.has(`${p}index.html`), p).toBe(false);
      expect([...site.files.keys()].filter((f) => f.startsWith('posts/')).sort()).toEqual([
        'posts/published/index.html',
        'posts/still-valid/index.html',
      ]);
    });

    test('mentions them nowhere: lists, series boxes, topics, feeds, sitemap, 404', () => {
      for (const [file, text] of site.files) {
        expect(text, file).not.toContain('SECRET');
        for (const p of HIDDEN) expect(text, file).not.toContain(p);
      }
    });

    test('the series box lists only published parts but counts every part written', () => {
      const box = texts(site.file('posts/published/index.html'), 'aside', 'series-box')[0];
      expect(box).toMatch(/^Part 1 of 3 in The Saga/);
      expect(
        select(site.file('posts/published/index.html'), 'li').filter(
          (li) => li.properties['value'],
        ),
      ).toHaveLength(1);
      expect(texts(site.file('series/saga/index.html'), 'p', 'status')[0]).toMatch(
        /^ongoing · 1 of 3 parts/,
      );
    });

    test('a post whose expiry date is still ahead is published', () => {
      expect(cards(site.file('index.html'))).toEqual(['published', 'still-valid']);
      expect(texts(site.file('archive/index.html'), 'h1')).toEqual(['Archive (2 posts)']);
    });
  });

  describe('a preview build (drafts and future included)', () => {
    test('includes drafts and future posts, marked, and the draft page', () => {
      expect(cards(preview.file('index.html'))).toEqual([
        'future-part',
        'draft-part',
        'published',
        'still-valid',
      ]);
      expect(texts(preview.file('posts/draft-part/index.html'), 'p', 'meta')[0]).toMatch(
        /· DRAFT$/,
      );
      expect(texts(preview.file('posts/future-part/index.html'), 'p', 'meta')[0]).toMatch(
        /· SCHEDULED$/,
      );
      expect(preview.files.has('secret-page/index.html')).toBe(true);
    });

    test('still leaves expired posts out', () => {
      expect(preview.files.has('posts/expired/index.html')).toBe(false);
      for (const [file, text] of preview.files) expect(text, file).not.toContain('SECRET EXPIRED');
    });

    test('drafts and future posts are noindex and not in the sitemap', () => {
      for (const p of ['posts/draft-part/', 'posts/future-part/', 'secret-page/']) {
        expect(headOf(preview.file(`${p}index.html`)).robots, p).toBe('noindex');
        expect(sitemapLocs(preview.file('sitemap.xml'))).not.toContain(
          `https://drafts.example/${p}`,
        );
      }
      expect(headOf(preview.file('posts/published/index.html')).robots).toBeUndefined();
    });

    test('the series box shows every part, with in-series navigation', () => {
      const draft = preview.file('posts/draft-part/index.html');
      expect(texts(draft, 'aside', 'series-box')[0]).toMatch(/^Part 2 of 3 in The Saga/);
      expect(texts(draft, 'a', 'series-prev')).toEqual(['Previous part: Published part one']);
      expect(texts(draft, 'a', 'series-next')).toEqual(['Next part: SECRET FUTURE part three']);
    });
  });
});
