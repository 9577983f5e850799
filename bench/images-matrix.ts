/**
 * The encoder matrix of `npm run bench:images -- --matrix` (bench/images.ts): milliseconds and
 * bytes per format, encoder setting and width; and the bytes a page makes a browser download.
 */
import { readFile, stat } from 'node:fs/promises';
import sharp from 'sharp';
import type { BenchImage } from './images-corpus.js';

export interface MatrixRow {
  kind: string;
  setting: string;
  width: number;
  ms: number;
  bytes: number;
}

type Encode = (img: sharp.Sharp) => sharp.Sharp;

/** Settings measured per format; the fallback's format follows the source's. */
const MODERN: [string, Encode][] = [
  ['avif q55 e0', (i) => i.avif({ quality: 55, effort: 0 })],
  ['avif q55 e1', (i) => i.avif({ quality: 55, effort: 1 })],
  ['avif q55 e2', (i) => i.avif({ quality: 55, effort: 2 })],
  ['avif q55 e4', (i) => i.avif({ quality: 55, effort: 4 })],
  ['avif q50 e0', (i) => i.avif({ quality: 50, effort: 0 })],
  ['webp q78 e0', (i) => i.webp({ quality: 78, effort: 0 })],
  ['webp q78 e2', (i) => i.webp({ quality: 78, effort: 2 })],
  ['webp q78 e4', (i) => i.webp({ quality: 78, effort: 4 })],
  ['webp q78 e6', (i) => i.webp({ quality: 78, effort: 6 })],
];
const JPEG: [string, Encode][] = [
  ['jpeg q80 mozjpeg', (i) => i.jpeg({ quality: 80, mozjpeg: true })],
  ['jpeg q80 plain', (i) => i.jpeg({ quality: 80 })],
];
const PNG: [string, Encode][] = [
  ['png level 9', (i) => i.png({ compressionLevel: 9 })],
  ['png level 6', (i) => i.png({ compressionLevel: 6 })],
];

/** One encode at a time over `perKind` raster images of each kind, at each width below the source. */
export async function encodeMatrix(
  images: readonly BenchImage[],
  perKind: number,
  widths: readonly number[],
): Promise<MatrixRow[]> {
  const seen = new Map<string, number>();
  const rows: MatrixRow[] = [];
  for (const img of images) {
    if (img.kind === 'svg' || img.kind === 'gif') continue;
    if ((seen.get(img.kind) ?? 0) >= perKind) continue;
    seen.set(img.kind, (seen.get(img.kind) ?? 0) + 1);
    const input = await readFile(img.file);
    const meta = await sharp(input).metadata();
    const settings = [...MODERN, ...(meta.format === 'jpeg' ? JPEG : PNG)];
    const ws = widths.filter((w) => w < meta.width!);
    if (ws.length === 0) ws.push(meta.width!);
    for (const width of ws) {
      const resized = () => sharp(input).rotate().resize(width);
      rows.push(await timed(img.kind, 'decode+resize only', width, () => resized().raw()));
      for (const [name, encode] of settings)
        rows.push(await timed(img.kind, name, width, () => encode(resized())));
    }
  }
  return rows;
}

async function timed(
  kind: string,
  setting: string,
  width: number,
  make: () => sharp.Sharp,
): Promise<MatrixRow> {
  const t = performance.now();
  const out = await make().toBuffer();
  return { kind, setting, width, ms: performance.now() - t, bytes: out.byteLength };
}

/** Per kind and setting, one line: ms and KB at each width, and the totals. */
export function printMatrix(rows: readonly MatrixRow[]): void {
  const widths = [...new Set(rows.map((r) => r.width))].sort((a, b) => a - b);
  const groups = new Map<string, MatrixRow[]>();
  for (const r of rows) {
    const k = `${r.kind.padEnd(11)} ${r.setting.padEnd(19)}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  console.log(
    `${'kind'.padEnd(11)} ${'setting'.padEnd(19)} ${widths.map((w) => `${w} px ms/KB`.padStart(16)).join('')}${'total ms/KB'.padStart(18)}`,
  );
  for (const [k, rs] of groups) {
    const cell = (w: number) => {
      const at = rs.filter((r) => r.width === w);
      if (at.length === 0) return ''.padStart(16);
      const ms = at.reduce((a, r) => a + r.ms, 0) / at.length;
      const kb = at.reduce((a, r) => a + r.bytes, 0) / at.length / 1024;
      return `${ms.toFixed(0)}/${kb.toFixed(0)}`.padStart(16);
    };
    const n = new Set(rs.map((r) => r.width)).size;
    const ms = rs.reduce((a, r) => a + r.ms, 0) / (rs.length / n);
    const kb = rs.reduce((a, r) => a + r.bytes, 0) / (rs.length / n) / 1024;
    console.log(
      `${k} ${widths.map(cell).join('')}${`${ms.toFixed(0)}/${kb.toFixed(0)}`.padStart(18)}`,
    );
  }
}

/**
 * Bytes a browser downloads for every image once, summed over four common displays of the theme's
 * content column (42rem = 672 CSS px; 100vw on a 390 px phone): 672 and 1344 device px (desktop at
 * 1× and 2×), 780 and 1170 (phone at 2× and 3×). It takes the narrowest AVIF variant at least
 * that wide, else the widest; an image without variants costs its original.
 */
export async function delivered(
  images: readonly BenchImage[],
  jobs: ReadonlyMap<
    string,
    readonly { outPath: string; variant: { format: string; width: number } }[]
  >,
  sizes: ReadonlyMap<string, number>,
): Promise<number> {
  let total = 0;
  for (const img of images) {
    const avif = (jobs.get(img.url) ?? []).filter((j) => j.variant.format === 'avif');
    for (const need of [672, 1344, 780, 1170]) {
      if (avif.length === 0) {
        total += (await stat(img.file)).size;
        continue;
      }
      const pick = avif.find((j) => j.variant.width >= need) ?? avif[avif.length - 1]!;
      total += sizes.get(pick.outPath) ?? 0;
    }
  }
  return total;
}
