/**
 * Social cards through the real build (the fixture's own templates show og:image only): every post, series and topic page gets a 1200×630 PNG
 * under og/, linked from og:image/twitter:image with an absolute URL; a warm build takes every
 * card from .cache/cards/ and writes the same bytes; a front-matter `image` replaces the card.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildSite, type BuildResult } from '../../src/pipeline/index.js';
import { select } from '../helpers/html.js';
import { copyFixture, FIXED_NOW, hashTree } from '../helpers/site.js';

/** `<meta property|name=... content=...>` of a page, by property or name. */
function headOf(html: string): { meta: Record<string, string> } {
  const meta: Record<string, string> = {};
  for (const el of select(html, 'meta')) {
    const key = el.properties['property'] ?? el.properties['name'];
    if (typeof key === 'string') meta[key] = String(el.properties['content']);
  }
  return { meta };
}

describe('social cards in a build', () => {
  let root: string;
  let cleanup: () => Promise<void>;
  let out: string;
  let cold: BuildResult;
  const build = () =>
    buildSite({ root, outDir: out, cacheDir: path.join(root, '.cache'), now: FIXED_NOW });
  const html = (rel: string) => readFile(path.join(out, rel), 'utf8');

  beforeAll(async () => {
    ({ root, cleanup } = await copyFixture('series'));
    out = path.join(root, 'dist');
    const config = path.join(root, 'colophon.config.ts');
    const text = await readFile(config, 'utf8');
    await writeFile(config, text.replace('socialCards: { enabled: false }', 'socialCards: {}'));
    cold = await build();
  }, 120_000);
  afterAll(() => cleanup());

  test('the build succeeds and renders one card per post, series and topic page', () => {
    expect(cold.diagnostics).toEqual([]);
    expect(cold.ok).toBe(true);
    // 6 posts, 2 series, and the fixture's topics.
    expect(cold.cards?.cached).toBe(0);
    expect(cold.cards?.rendered).toBeGreaterThanOrEqual(8);
  });

  test('a post page links its 1200×630 PNG card by absolute URL', async () => {
    const head = headOf(await html('posts/kernel-two/index.html'));
    const url = 'https://series.example/og/posts/kernel-two.png';
    expect(head.meta['og:image']).toBe(url);
    const meta = await sharp(path.join(out, 'og/posts/kernel-two.png')).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 1200, 630]);
  });

  test('series pages have cards too', async () => {
    const head = headOf(await html('series/kernel-walk/index.html'));
    expect(head.meta['og:image']).toBe('https://series.example/og/series/kernel-walk.png');
    const meta = await sharp(path.join(out, 'og/series/kernel-walk.png')).metadata();
    expect([meta.width, meta.height]).toEqual([1200, 630]);
  });

  test('a warm build renders no card and writes the same bytes', async () => {
    const before = await hashTree(out);
    const warm = await build();
    expect(warm.cards).toEqual({ rendered: 0, cached: cold.cards!.rendered });
    expect(await hashTree(out)).toBe(before);
  });

  test('after an edit, unchanged cards are kept from the output by key, without the card cache', async () => {
    const cards = async () => (await hashTree(path.join(out, 'og'))) as unknown;
    const before = await cards();
    // Without the cached PNGs, a card that had to be looked up in `.cache/cards/` is drawn again.
    await rm(path.join(root, '.cache', 'cards'), { recursive: true, force: true });
    const file = path.join(root, 'content/posts/standalone.md');
    await writeFile(file, `${await readFile(file, 'utf8')}\nA closing line about lichens.\n`);
    const r = await build();
    expect(r.ok).toBe(true);
    expect(r.cards).toEqual({ rendered: 0, cached: cold.cards!.rendered });
    expect(await cards()).toEqual(before);
  });

  test('a front-matter image replaces the generated card', async () => {
    const file = path.join(root, 'content/posts/standalone.md');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace(/^---\n/, '---\nimage: /shared/card.png\n'));
    const r = await build();
    expect(r.ok).toBe(true);
    const head = headOf(await html('posts/standalone/index.html'));
    expect(head.meta['og:image']).toBe('https://series.example/shared/card.png');
    expect(r.cards?.rendered).toBe(0);
    expect(r.cards?.cached).toBe(cold.cards!.rendered - 1);
  });
});
