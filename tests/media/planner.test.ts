import { describe, expect, test } from 'vitest';
import {
  imageStem,
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

  test('modern formats in configured order, then the fallback in the original format; heights keep the aspect ratio', () => {
    const set = planVariants(png, 'a'.repeat(64), 'chart', SETTINGS);
    expect(set).toMatchObject({ width: 1000, height: 500, fallback: 'png' });
    expect(set.variants.map((v) => `${v.format}@${v.width}x${v.height}`)).toEqual([
      'avif@480x240',
      'avif@800x400',
      'avif@1000x500',
      'webp@480x240',
      'webp@800x400',
      'webp@1000x500',
      'png@480x240',
      'png@800x400',
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

  test('formats: [] plans only the fallback', () => {
    const set = planVariants(png, 'h', 'x', { ...SETTINGS, formats: [] });
    expect(new Set(set.variants.map((v) => v.format))).toEqual(new Set(['png']));
  });
});

test('imageStem: a readable, URL-safe stem', () => {
  expect(imageStem('Levels Chart.PNG')).toBe('levels-chart');
  expect(imageStem('café_über.jpg')).toBe('cafe_uber');
  expect(imageStem('!!!.png')).toBe('image');
  expect(imageStem('x'.repeat(80) + '.png')).toHaveLength(40);
});
