import { describe, expect, test } from 'vitest';
import {
  imageStem,
  keepsOriginal,
  planVariants,
  planWidths,
  type ImageSettings,
} from '../../src/images/variants.js';

const SETTINGS: ImageSettings = {
  widths: [480, 800, 1200, 1600],
  formats: ['avif', 'webp'],
  quality: { avif: 55, webp: 78, jpeg: 80 },
  sizes: '(min-width: 48rem) 42rem, 100vw',
  maxPixels: 100_000_000,
};

describe('planWidths: never upscaled, the largest is at most the original', () => {
  test.each([
    [4000, [480, 800, 1200, 1600]], // larger than every width: the configured set
    [1600, [480, 800, 1200, 1600]], // exactly the largest
    [1000, [480, 800, 1000]], // the original is the largest variant
    [820, [480, 820]], // 800 is within 10 % of 820: nothing gained, dropped
    [500, [500]], // 480 is too close
    [300, [300]], // smaller than every width: only the original size
    [1, [1]],
  ])('%i px -> %j', (original, expected) => {
    expect(planWidths(original, SETTINGS.widths)).toEqual(expected);
  });

  test('unsorted and duplicate widths are fine', () => {
    expect(planWidths(2000, [800, 480, 800, 1200])).toEqual([480, 800, 1200]);
  });
});

describe('planVariants', () => {
  const png = {
    kind: 'raster' as const,
    format: 'png' as const,
    width: 1000,
    height: 500,
    alpha: true,
  };

  test('modern formats in configured order, then the fallback in the original format at the largest width only; heights keep the aspect ratio', () => {
    const set = planVariants(png, 'a'.repeat(64), 'chart', SETTINGS);
    expect(set).toMatchObject({ width: 1000, height: 500, fallback: 'png' });
    expect(set.variants.map((v) => `${v.format}@${v.width}x${v.height}`)).toEqual([
      'avif@480x240',
      'avif@800x400',
      'avif@1000x500',
      'webp@480x240',
      'webp@800x400',
      'webp@1000x500',
      'png@1000x500',
    ]);
    for (const v of set.variants)
      expect(v.name).toMatch(new RegExp(`^chart-${v.width}-[0-9a-f]{12}\\.${v.format}$`));
  });

  test('JPEG stays JPEG (.jpg); WebP/AVIF originals fall back to JPEG, or PNG when they have alpha', () => {
    const fallbackOf = (format: 'jpeg' | 'webp' | 'avif', alpha: boolean) =>
      planVariants({ ...png, format, alpha }, 'h', 's', SETTINGS).fallback;
    expect(fallbackOf('jpeg', false)).toBe('jpeg');
    expect(fallbackOf('webp', false)).toBe('jpeg');
    expect(fallbackOf('avif', true)).toBe('png');
    expect(
      planVariants({ ...png, format: 'jpeg' }, 'h', 's', SETTINGS).variants.at(-1)!.name,
    ).toMatch(/\.jpg$/);
  });

  test('names change with the content, the quality and the size, and only then', () => {
    const names = (hash: string, s: ImageSettings) =>
      planVariants(png, hash, 'x', s).variants.map((v) => v.name);
    const base = names('h1', SETTINGS);
    expect(names('h1', SETTINGS)).toEqual(base);
    expect(names('h2', SETTINGS).some((n) => base.includes(n))).toBe(false);
    const q = names('h1', { ...SETTINGS, quality: { ...SETTINGS.quality, avif: 40 } });
    expect(q.filter((n) => n.endsWith('.avif')).some((n) => base.includes(n))).toBe(false);
    // Other formats' bytes do not depend on the AVIF quality: same names.
    expect(q.filter((n) => !n.endsWith('.avif'))).toEqual(base.filter((n) => !n.endsWith('.avif')));
    expect(names('h1', { ...SETTINGS, sizes: '100vw' })).toEqual(base);
  });

  test('formats: [] plans only the fallback, at every width', () => {
    const set = planVariants(png, 'h', 'x', { ...SETTINGS, formats: [] });
    expect(set.variants.map((v) => `${v.format}@${v.width}`)).toEqual([
      'png@480',
      'png@800',
      'png@1000',
    ]);
  });

  test('no variant is wider than the source, whatever the widths', () => {
    for (const width of [200, 479, 481, 799, 1599, 1601, 5000]) {
      const set = planVariants({ ...png, width, height: width }, 'h', 'x', SETTINGS);
      expect(Math.max(...set.variants.map((v) => v.width))).toBeLessThanOrEqual(width);
      expect(set.width).toBeLessThanOrEqual(width);
    }
  });
});

describe('keepsOriginal: small, compact images are published as they are', () => {
  const widths = SETTINGS.widths;
  test.each([
    [320, 240, 1_638, true], // a 1.6 KB PNG icon: re-encoding would not make it smaller
    [400, 300, 12_000, true], // 0.1 byte per pixel: as compact as AVIF/WebP make photos
    [400, 300, 27_873, false], // a 28 KB JPEG: AVIF makes it 7 KB
    [479, 300, 100, true],
    [480, 300, 100, false], // not below the smallest width: variants as usual
    [3000, 2000, 1_000, false],
  ])('%i×%i px, %i bytes -> %s', (width, height, bytes, kept) => {
    expect(keepsOriginal({ width, height }, bytes, widths)).toBe(kept);
  });
});

test('imageStem: a readable, URL-safe stem', () => {
  expect(imageStem('Levels Chart.PNG')).toBe('levels-chart');
  expect(imageStem('café_über.jpg')).toBe('cafe_uber');
  expect(imageStem('!!!.png')).toBe('image');
  expect(imageStem('x'.repeat(80) + '.png')).toHaveLength(40);
});
