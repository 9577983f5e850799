import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadContent, type PostEntry } from '../../src/content/index.js';
import { buildFixture, REPO, type BuiltSite } from '../helpers/site.js';
import { headOf } from '../helpers/html.js';
import { brokenLinks } from '../helpers/links.js';
import { xmlProblems } from '../helpers/xml.js';

/**
 * The sample blog that ships in content/, built once the way `colophon build` builds it. "Now"
 * is fixed after the last published post and before the scheduled one, so the test does not
 * change with the calendar; which posts are drafts or scheduled is read from the content itself.
 */
const NOW = new Date('2026-12-01T00:00:00Z');
const BASE_URL = 'https://colophon.example/';

describe('the sample blog', () => {
  let site: BuiltSite;
  let hidden: PostEntry[];
  beforeAll(async () => {
    const content = await loadContent(REPO, path.join(REPO, 'content'));
    hidden = content.entries.filter(
      (e): e is PostEntry => e.kind === 'post' && (e.draft || e.date > NOW),
    );
    site = await buildFixture(REPO, { now: NOW });
  }, 120_000);
  afterAll(() => site.cleanup());

  test('builds with no errors', () => {
    const errors = site.result.diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toEqual([]);
    expect(site.result.ok).toBe(true);
    expect(site.files.has('index.html')).toBe(true);
  });

  test('has a draft and a scheduled post to hide (or this test proves nothing)', () => {
    expect(hidden.some((p) => p.draft)).toBe(true);
    expect(hidden.some((p) => !p.draft && p.date > NOW)).toBe(true);
  });

  test('every internal href and src in every page resolves, #fragments included', () => {
    expect(brokenLinks(site.files, BASE_URL)).toEqual([]);
  });

  test('the sitemap lists only real, indexable pages', () => {
    const locs = [...site.file('sitemap.xml').matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
    expect(xmlProblems(site.file('sitemap.xml'))).toEqual([]);
    expect(locs.length).toBeGreaterThan(20);
    const bad: string[] = [];
    for (const loc of locs) {
      if (!loc.startsWith(BASE_URL)) bad.push(`${loc}: not under ${BASE_URL}`);
      let rel = decodeURIComponent(loc.slice(BASE_URL.length));
      if (rel === '' || rel.endsWith('/')) rel += 'index.html';
      const html = site.files.get(rel);
      if (html === undefined) {
        bad.push(`${loc}: no ${rel} in the output`);
        continue;
      }
      const head = headOf(html);
      if (head.robots?.includes('noindex')) bad.push(`${loc}: the page is noindex`);
      if (head.refresh) bad.push(`${loc}: the page is a redirect`);
      if (head.canonical !== loc) bad.push(`${loc}: its canonical is ${head.canonical}`);
    }
    expect(bad).toEqual([]);
  });

  test('drafts and scheduled posts appear nowhere: no page, no link, no title, no feed item', () => {
    for (const p of hidden) {
      expect(site.files.has(`posts/${p.id}/index.html`), p.id).toBe(false);
      for (const [file, text] of site.files) {
        if (file.startsWith('pagefind/') || file.startsWith('vendor/')) continue;
        expect(text.includes(`/posts/${p.id}/`), `${file} mentions /posts/${p.id}/`).toBe(false);
        expect(text.includes(p.title), `${file} shows "${p.title}"`).toBe(false);
      }
    }
  });

  test('site, series and topic feeds exist; XML feeds are well-formed, JSON feeds parse', () => {
    const feeds = [...site.files.keys()].filter((f) =>
      /(^|\/)(rss\.xml|atom\.xml|feed\.json)$/.test(f),
    );
    expect(feeds).toEqual(
      expect.arrayContaining([
        'rss.xml',
        'atom.xml',
        'feed.json',
        'series/storage-engine/rss.xml',
        'topics/networking/atom.xml',
      ]),
    );
    for (const f of feeds) {
      const text = site.file(f);
      if (f.endsWith('.json')) expect(() => JSON.parse(text), f).not.toThrow();
      else expect(xmlProblems(text), f).toEqual([]);
    }
  });
});
