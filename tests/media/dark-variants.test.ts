import sharp from 'sharp';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { mediaSite, noise, type Built, type MediaSite } from './helpers.js';

/**
 * Dark-mode variants: `chart.dark.png` beside `chart.png` makes the chart a <picture> whose dark
 * sources (with their own responsive variants) come first under
 * `media="(prefers-color-scheme: dark)"`; an SVG pair becomes one too.
 */
let site: MediaSite;
let built: Built;
let html: string;
beforeAll(async () => {
  site = await mediaSite();
  await site.write(
    'content/posts/charts/index.md',
    '---\ntitle: Charts\ndate: 2024-03-01\n---\n\n' +
      'Text first.\n\n![Latency by load](chart.png)\n\n![Flow](flow.svg)\n\n![Alone](alone.png)\n',
  );
  await site.write('content/posts/charts/chart.png', await noise(400, 200, 3, 7).png().toBuffer());
  await site.write(
    'content/posts/charts/chart.dark.png',
    await noise(400, 200, 3, 8).png().toBuffer(),
  );
  await site.write('content/posts/charts/alone.png', await noise(100, 50, 3, 9).png().toBuffer());
  const svg = (fill: string) =>
    `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60"><rect width="120" height="60" fill="${fill}"/></svg>`;
  await site.write('content/posts/charts/flow.svg', svg('#fff'));
  await site.write('content/posts/charts/flow.dark.svg', svg('#000'));
  built = await site.build();
  html = built.file('posts/charts/index.html');
});
afterAll(() => site.cleanup());

const variant = (stem: string, w: number, ext: string) =>
  `/_img/${stem}-${w}-[0-9a-f]{12}\\.${ext}`;
const srcset = (stem: string, ext: string, widths = [160, 320, 400]) =>
  widths.map((w) => `${variant(stem, w, ext)} ${w}w`).join(', ');
const SIZES = 'sizes="\\(min-width: 48rem\\) 42rem, 100vw"';
const DARK = 'media="\\(prefers-color-scheme: dark\\)"';

test('a raster pair: dark AVIF, WebP and PNG sources first, then the light ones and the <img>', () => {
  expect(built.result.diagnostics).toEqual([]);
  expect(html).toMatch(
    new RegExp(
      '<p><picture>' +
        `<source ${DARK} type="image/avif" srcset="${srcset('chart-dark', 'avif')}" ${SIZES}>` +
        `<source ${DARK} type="image/webp" srcset="${srcset('chart-dark', 'webp')}" ${SIZES}>` +
        `<source ${DARK} srcset="${srcset('chart-dark', 'png', [400])}" ${SIZES}>` +
        `<source type="image/avif" srcset="${srcset('chart', 'avif')}" ${SIZES}>` +
        `<source type="image/webp" srcset="${srcset('chart', 'webp')}" ${SIZES}>` +
        `<img src="${variant('chart', 400, 'png')}" srcset="${srcset('chart', 'png', [400])}" ${SIZES} width="400" height="200" alt="Latency by load"`,
    ),
  );
});

test('the dark variants are written with the light ones', async () => {
  // AVIF and WebP at each width; the PNG fallback at the largest only, like the light image's.
  const written = [...built.files.keys()].filter((f) => /^_img\/chart-dark-/.test(f));
  expect(written).toHaveLength(7);
  const dark = written.find((f) => /-400-[0-9a-f]{12}\.png$/.test(f))!;
  const meta = await sharp(`${built.outDir}/${dark}`).metadata();
  expect([meta.width, meta.height]).toEqual([400, 200]);
});

test('an SVG pair: one dark <source> with the file itself; an image without a pair is unchanged', () => {
  expect(html).toContain(
    '<picture><source media="(prefers-color-scheme: dark)" srcset="/posts/charts/flow.dark.svg">' +
      '<img src="/posts/charts/flow.svg" width="120" height="60" alt="Flow" loading="lazy" decoding="async"></picture>',
  );
  expect(html).toMatch(/<picture><source type="image\/avif" srcset="\/_img\/alone-100-/);
});
