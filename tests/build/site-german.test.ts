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

  test('dates, reading time, series, its start link and plurals are German; the site overrides one string', () => {
    const post = site.file('posts/wal/index.html');
    expect(post).toContain('<html lang="de">');
    expect(post).toContain('>14. März 2026</time>');
    expect(post).toContain('Aktualisiert <time datetime="2026-04-02">2. April 2026</time>');
    expect(post).toContain('1 Min. Lesezeit');
    // The series box's one-line summary, and its link to the series page.
    expect(post).toContain('<span class="series-box-kicker">Teil 2 von 4 der Serie</span>');
    expect(post).toContain('<a href="/series/speicher/">Über die Serie</a>');
    expect(post).toContain('2 weitere Teile sind geplant.');
    expect(site.file('archive/index.html')).toContain(
      'Teil 2 von 4 der Serie <a href="/series/speicher/">Speicher von unten</a>',
    );
    expect(site.file('series/speicher/index.html')).toContain('>Mit Teil 1 beginnen</a>');
    expect(site.file('posts/seiten/index.html')).toContain(
      '<summary class="toc-summary">Auf dieser Seite</summary>',
    );
    expect(post).toContain('<li><a href="/archive/">Archiv</a></li>');
    expect(texts(site.file('index.html'), 'a', 'read-more')[0]).toMatch(/^Ganzen Beitrag lesen/);
    expect(site.file('archive/index.html')).toContain('3 Beiträge');
    expect(site.file('topics/speicher/index.html')).toContain('2 Beiträge');
  });

  test('bylines, author pages and the index of authors are German', () => {
    expect(texts(site.file('posts/wal/index.html'), 'span', 'byline')[0]).toBe(
      'Von Jonas Beispiel und Lea Muster',
    );
    const index = site.file('authors/index.html');
    expect(index).toContain('<h1>Autoren</h1>');
    expect(index).toContain('<p class="meta">1 Beitrag</p>');
    const lea = site.file('authors/lea/index.html');
    expect(lea).toContain('>Autoren</a></p>');
    expect(lea).toContain('<meta name="description" content="Beiträge von Lea Muster auf Notizen');
    expect(site.file('authors/jonas/index.html')).toContain(
      'aria-label="Profile von Jonas Beispiel"',
    );
  });
});
