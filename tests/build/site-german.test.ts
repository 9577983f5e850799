import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildFixture, diagnosticLines, expectGolden, type BuiltSite } from '../helpers/site.js';
import { texts } from '../helpers/html.js';

/** A German site on the default theme: the theme's strings, dates and plurals in German. */
describe('German site on the default theme', () => {
  let site: BuiltSite;
  beforeAll(async () => {
    site = await buildFixture('german');
  });
  afterAll(() => site.cleanup());

  test('builds cleanly', () => {
    expect(diagnosticLines(site.result.diagnostics)).toEqual([]);
    expect(site.result.ok).toBe(true);
  });

  test('output matches expected/', async () => {
    await expectGolden(site, 'german');
  });

  test('dates, reading time, series and plurals are German; the site overrides one string', () => {
    const post = site.file('posts/wal/index.html');
    expect(post).toContain('<html lang="de">');
    expect(post).toContain('>14. März 2026</time>');
    expect(post).toContain('Aktualisiert <time datetime="2026-04-02">2. April 2026</time>');
    expect(post).toContain('1 Min. Lesezeit');
    expect(post).toContain(
      'Teil 2 von 4 der Serie <a href="/series/speicher/">Speicher von unten</a>',
    );
    expect(post).toContain('2 weitere Teile sind geplant.');
    expect(site.file('posts/seiten/index.html')).toContain(
      '<summary class="toc-summary">Auf dieser Seite</summary>',
    );
    expect(post).toContain('<li><a href="/archive/">Archiv</a></li>');
    expect(texts(site.file('index.html'), 'a', 'read-more')[0]).toMatch(/^Ganzen Beitrag lesen/);
    expect(site.file('archive/index.html')).toContain('3 Beiträge');
    expect(site.file('topics/speicher/index.html')).toContain('2 Beiträge');
  });
});
