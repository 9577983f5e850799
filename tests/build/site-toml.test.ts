import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildFixture, diagnosticLines, expectGolden, type BuiltSite } from '../helpers/site.js';
import { headOf, select, texts } from '../helpers/html.js';

describe('TOML front matter (+++)', () => {
  let site: BuiltSite;
  beforeAll(async () => {
    site = await buildFixture('toml');
  });
  afterAll(() => site.cleanup());

  test('builds cleanly', () => {
    expect(diagnosticLines(site.result.diagnostics)).toEqual([]);
    expect(site.result.ok).toBe(true);
  });

  test('output matches expected/', async () => {
    await expectGolden(site, 'toml');
  });

  test('TOML posts carry title, dates, description, topics, series and aliases', () => {
    const one = site.file('posts/toml-one/index.html');
    expect(headOf(one).title).toBe('TOML, part one · TOML Fixture');
    expect(texts(one, 'p', 'meta')[0]).toMatch(/^20 January 2026 · 1 min/);
    expect(texts(one, 'p', 'description')).toEqual(['Dates are TOML local dates.']);
    expect(texts(one, 'p', 'topics')).toEqual(['Topics: config toml-syntax']);
    const two = site.file('posts/toml-two/index.html');
    // A date-time keeps its calendar day; quotes in a literal string survive.
    expect(texts(two, 'h1')).toEqual(['TOML, part two: "quoted"']);
    expect(texts(two, 'p', 'meta')[0]).toMatch(/^20 February 2026 · updated 1 March 2026/);
    expect(texts(two, 'aside', 'series-box')[0]).toMatch(
      /^Part 2 of 2 in A TOML series \(complete\)/,
    );
    expect(headOf(site.file('toml/two/index.html')).refresh).toBe(
      '0; url=https://toml.example/posts/toml-two/',
    );
  });

  test('TOML and YAML posts sort together by date', () => {
    expect(select(site.file('index.html'), 'li', 'card').map((el) => el.properties['id'])).toEqual([
      'card-toml-two',
      'card-yaml-neighbour',
      'card-toml-one',
    ]);
  });

  test('a TOML series and a TOML page', () => {
    expect(texts(site.file('series/toml-series/index.html'), 'p', 'status')[0]).toMatch(
      /^complete · 2 of 2 parts/,
    );
    expect(site.file('topics/config/index.html')).toContain('id="series-toml-series"');
    const page = site.file('colophon/index.html');
    expect(texts(page, 'h1')).toEqual(['Colophon']);
    expect(select(page, 'nav', 'toc')).toHaveLength(1);
  });
});
