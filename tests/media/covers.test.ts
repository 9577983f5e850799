import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mediaSite, noise, where, type Built, type MediaSite } from './helpers.js';

/**
 * Covers (front matter `cover:`) go through the same responsive-image pipeline as images in
 * Markdown, and list pages never load an excerpt's image eagerly. The media fixture gets a post
 * with a bundle cover and an image before its more marker, in a series whose cover is a public/
 * file.
 */

const SIZES = 'sizes="\\(min-width: 48rem\\) 42rem, 100vw"';
const variant = (stem: string, w: number, ext: string) =>
  `/_img/${stem}-${w}-[0-9a-f]{12}\\.${ext}`;
const srcset = (stem: string, widths: number[], ext: string) =>
  widths.map((w) => `${variant(stem, w, ext)} ${w}w`).join(', ');
/**
 * The `<picture>` an image gets, with the `<img>`'s attributes after `height`: AVIF and WebP at
 * every width, the fallback at the largest.
 */
const picture = (stem: string, widths: number[], ext: string, size: string, rest: string) =>
  new RegExp(
    `<picture><source type="image/avif" srcset="${srcset(stem, widths, 'avif')}" ${SIZES}>` +
      `<source type="image/webp" srcset="${srcset(stem, widths, 'webp')}" ${SIZES}>` +
      `<img src="${variant(stem, widths[widths.length - 1]!, ext)}" srcset="${srcset(stem, widths.slice(-1), ext)}" ${SIZES} ${size} ${rest}></picture>`,
  );
const count = (html: string, s: string) => html.split(s).length - 1;

async function addCoveredContent(site: MediaSite): Promise<void> {
  await site.write(
    'content/posts/covered/index.md',
    [
      '---',
      'title: Covered',
      'date: 2026-02-03',
      'series: shots',
      'part: 1',
      'cover: ./hero.jpg',
      'coverAlt: A hero shot',
      '---',
      '',
      'Before the fold: ![Inline chart](./inline.png)',
      '',
      '<!-- more -->',
      '',
      'The rest.',
      '',
    ].join('\n'),
  );
  await noise(1000, 500, 3, 11)
    .jpeg({ quality: 90 })
    .toFile(path.join(site.root, 'content/posts/covered/hero.jpg'));
  await noise(400, 300, 3, 12)
    .png()
    .toFile(path.join(site.root, 'content/posts/covered/inline.png'));
  await site.write(
    'content/series/shots.md',
    '---\ntitle: Shots\ndescription: A series with a cover.\nstatus: ongoing\ncover: /img/logo.png\ncoverAlt: The logo\n---\n\nIntro.\n',
  );
}

describe('covers and list pages: a cold build, then a warm one', () => {
  let site: MediaSite;
  let cold: Built;
  beforeAll(async () => {
    site = await mediaSite();
    await addCoveredContent(site);
    cold = await site.build();
  });
  afterAll(() => site.cleanup());

  test('builds without diagnostics', () => {
    expect(cold.result.diagnostics).toEqual([]);
    expect(cold.result.ok).toBe(true);
  });

  test('post page: the cover is a <picture> with intrinsic size, eager and high priority; the body image is lazy', () => {
    const html = cold.file('posts/covered/index.html');
    expect(html).toMatch(
      picture(
        'hero',
        [160, 320, 480, 800],
        'jpg',
        'width="800" height="400"',
        'alt="A hero shot" class="cover" loading="eager" fetchpriority="high"',
      ),
    );
    // Without the cover this image would be the page's first, and eager.
    expect(html).toMatch(
      picture(
        'inline',
        [160, 320, 400],
        'png',
        'width="400" height="300"',
        'alt="Inline chart" loading="lazy" decoding="async"',
      ),
    );
    expect(count(html, 'fetchpriority=')).toBe(1);
    // The original is still published beside the post.
    expect(cold.files.has('posts/covered/hero.jpg')).toBe(true);
  });

  test('series page: the series cover (a public/ file) is a <picture>, eager; parts are listed with text summaries', () => {
    const html = cold.file('series/shots/index.html');
    expect(html).toMatch(
      picture(
        'logo',
        [160, 200],
        'png',
        'width="200" height="200"',
        'alt="The logo" class="cover" loading="eager" fetchpriority="high"',
      ),
    );
    expect(html).not.toContain('alt="Inline chart"');
    expect(count(html, 'fetchpriority=')).toBe(1);
  });

  test('list pages: summaries carry no images, at most one image per page has high priority', () => {
    for (const rel of ['index.html', 'series/shots/index.html', 'topics/index.html']) {
      const html = cold.file(rel);
      expect(count(html, 'fetchpriority="high"'), rel).toBeLessThanOrEqual(1);
    }
    const home = cold.file('index.html');
    // Lists show a text summary: the excerpt of "Covered" (before its more marker) has an image,
    // which only the post shows.
    expect(home).not.toContain('alt="Inline chart"');
    // The series cards follow the posts on the home page: their covers load lazily.
    expect(home).toMatch(
      picture(
        'logo',
        [160, 200],
        'png',
        'width="200" height="200"',
        'alt="The logo" class="series-card-cover" loading="lazy" decoding="async"',
      ),
    );
    expect(count(home, 'fetchpriority=')).toBe(0);
    const seriesIndex = cold.file('series/index.html');
    expect(seriesIndex).toMatch(/class="series-card-cover" loading="eager" fetchpriority="high">/);
  });

  test('every variant a page references is written, and the warm build encodes nothing', async () => {
    const referenced = new Set<string>();
    for (const [rel, text] of cold.files)
      if (rel.endsWith('.html'))
        for (const m of text.matchAll(/\/_img\/[^\s",]+/g)) referenced.add(m[0].slice(1));
    const written = (await readdir(path.join(cold.outDir, '_img'))).map((f) => `_img/${f}`);
    expect(new Set(written)).toEqual(referenced);
    expect(written.filter((f) => f.startsWith('_img/hero-'))).toHaveLength(4 * 2 + 1);
    const warm = await site.build();
    expect(warm.result.images).toMatchObject({ encoded: 0 });
    expect(warm.files).toEqual(cold.files);
  });
});

describe('a broken cover is an error at its front-matter key, naming the file', () => {
  let site: MediaSite;
  beforeAll(async () => {
    site = await mediaSite();
    await addCoveredContent(site);
  });
  afterAll(() => site.cleanup());

  test('corrupt and wrong-extension covers', async () => {
    await site.write('content/posts/covered/hero.jpg', 'not an image\n');
    await site.write('public/img/logo.png', await noise(32, 32, 3, 1).jpeg().toBuffer());
    const { result } = await site.build();
    expect(result.ok).toBe(false);
    expect(where(result)).toEqual([
      'image/unreadable content/posts/covered/index.md:6:1',
      'image/wrong-extension content/series/shots.md:5:1',
      // The gallery shows the same file in its Markdown: reported there too.
      'image/wrong-extension content/posts/gallery/index.md:19:15',
    ]);
    expect(result.diagnostics[0]!.message).toMatch(
      /^content\/posts\/covered\/hero\.jpg cannot be read as an image \(.+\)\. The file may be corrupt or truncated; export it again\.$/,
    );
    expect(result.diagnostics[1]!.message).toBe(
      'public/img/logo.png is a JPEG image, but its name ends in .png. Rename it to the right extension (logo.jpg) or convert it.',
    );
  });
});
