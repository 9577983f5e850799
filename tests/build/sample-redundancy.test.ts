import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildFixture, REPO, type BuiltSite } from '../helpers/site.js';

/**
 * Issue 20's redundancies, on the sample blog: a topic page does not repeat, on each post of a
 * series, the series its card already shows above; a series card in a list of series does not
 * say "Series" again; a topic page is labelled as a topic.
 */
const NOW = new Date('2026-12-01T00:00:00Z');
let site: BuiltSite;
beforeAll(async () => {
  site = await buildFixture(REPO, { now: NOW });
}, 120_000);
afterAll(() => site.cleanup());

const page = (rel: string) => {
  const html = site.files.get(rel);
  if (html === undefined) throw new Error(`no ${rel}`);
  return html;
};
const section = (html: string, id: string) =>
  html.slice(html.indexOf(`id="${id}"`), html.indexOf('</section>', html.indexOf(`id="${id}"`)));

test('a topic page names a series once: on its card, not again on each of its posts', () => {
  const hub = page('topics/databases/index.html');
  expect(section(hub, 'theme.topic-series')).toContain('href="/series/storage-engine/"');
  const posts = section(hub, 'theme.topic-posts');
  expect(posts).toContain('href="/posts/storage-engine-wal/"');
  expect(posts).not.toContain('in <a href="/series/storage-engine/"');
  // A topic without the series card still says which series a post belongs to.
  const rust = page('topics/rust/index.html');
  if (!section(rust, 'theme.topic-series').includes('/series/storage-engine/'))
    expect(rust).toContain('in <a href="/series/storage-engine/"');
});

test('series cards in a list of series carry their status, not the word "Series" again', () => {
  for (const rel of ['index.html', 'series/index.html', 'topics/databases/index.html']) {
    const kickers = page(rel).match(/<p class="series-card-kicker">[\s\S]*?<\/p>/g) ?? [];
    expect(kickers.length, rel).toBeGreaterThan(0);
    for (const k of kickers) {
      expect(k).toMatch(/Ongoing|Complete/);
      expect(k).not.toContain('Series');
    }
  }
});

test('a topic page is labelled a topic, with a way to all topics', () => {
  const kicker = page('topics/databases/index.html').match(/<p class="kicker"[\s\S]*?<\/p>/)![0];
  expect(kicker).toMatch(/>Topic\s/);
  expect(kicker).not.toMatch(/>Topics</);
  expect(kicker).toContain('href="/topics/"');
});
