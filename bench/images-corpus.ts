/**
 * The benchmark's image budget: `writeImages(dir, count)` writes `count` deterministic images into
 * `dir/public/img/bench/` with sharp, in the mix a technical blog has. Same count, same bytes (a
 * seeded PRNG, no clock), so encode timings compare across runs.
 *
 * Per 20 images: 8 photos (3000×2000 JPEG, one in four 4032×3024 like a phone's), 4 screenshots
 * (2560×1440 PNG with lines of glyphs), 4 diagrams (1600×1000 PNG: boxes, lines, labels), 2 small
 * images below the theme's smallest width (a 400×300 JPEG, a 320×240 PNG), 1 SVG and 1 GIF.
 * Photos have smooth gradients, mid-frequency texture and sensor grain, so they compress like
 * photographs rather than flat colour.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { rng } from './random.js';

export type BenchImageKind =
  'photo' | 'screenshot' | 'diagram' | 'small-jpeg' | 'small-png' | 'svg' | 'gif';

export interface BenchImage {
  kind: BenchImageKind;
  /** URL path on the site (`/img/bench/photo-0001.jpg`). */
  url: string;
  file: string;
}

const MIX: BenchImageKind[] = [
  'photo',
  'screenshot',
  'diagram',
  'photo',
  'small-jpeg',
  'photo',
  'screenshot',
  'diagram',
  'photo',
  'svg',
  'photo',
  'screenshot',
  'diagram',
  'photo',
  'small-png',
  'photo',
  'screenshot',
  'diagram',
  'photo',
  'gif',
];
const EXT: Record<BenchImageKind, string> = {
  photo: 'jpg',
  screenshot: 'png',
  diagram: 'png',
  'small-jpeg': 'jpg',
  'small-png': 'png',
  svg: 'svg',
  gif: 'gif',
};

/** The kinds of the first `count` images, in order. */
export function imageKinds(count: number): BenchImageKind[] {
  return Array.from({ length: count }, (_, i) => MIX[i % MIX.length]!);
}

/** Images in the benchmark corpus unless `--images` says otherwise. */
export const DEFAULT_IMAGES = 100;

/** Bump when the drawings change: a corpus with another stamp is drawn again. */
const DRAWING = 1;

/**
 * Write `count` images under `dir/public/img/bench/`; returns them in order. Images already
 * drawn (same count, same drawing code, per the folder's stamp) are kept: drawing takes ~0.5 s
 * an image.
 */
export async function writeImages(dir: string, count: number): Promise<BenchImage[]> {
  const folder = path.join(dir, 'public', 'img', 'bench');
  const out = imageKinds(count).map((kind, i) => {
    const name = `${kind}-${String(i + 1).padStart(4, '0')}.${EXT[kind]}`;
    return { kind, url: `/img/bench/${name}`, file: path.join(folder, name) };
  });
  const stamp = path.join(folder, '.stamp');
  const want = `${DRAWING}:${count}\n`;
  if ((await readFile(stamp, 'utf8').catch(() => '')) === want) return out;
  await rm(folder, { recursive: true, force: true });
  if (count === 0) return out;
  await mkdir(folder, { recursive: true });
  // Two at a time: drawing is half JavaScript, half sharp.
  let next = 0;
  const draw = async () => {
    for (let i = next++; i < count; i = next++)
      await writeFile(out[i]!.file, await drawImage(out[i]!.kind, i));
  };
  await Promise.all([draw(), draw()]);
  await writeFile(stamp, want);
  return out;
}

export interface PostImages {
  cover?: string;
  inline: BenchImage[];
}

/**
 * Where the images go among `posts` posts, spread evenly: two photos in three are the cover of
 * their post, every other image is shown in its post's body.
 */
export function placeImages(images: readonly BenchImage[], posts: number): Map<number, PostImages> {
  const out = new Map<number, PostImages>();
  images.forEach((img, j) => {
    const p = Math.min(posts - 1, Math.floor(((j + 0.5) * posts) / images.length));
    const at = out.get(p) ?? { inline: [] };
    if (img.kind === 'photo' && j % 3 !== 2 && !at.cover) at.cover = img.url;
    else at.inline.push(img);
    out.set(p, at);
  });
  return out;
}

/** A body with its images put after its third block. */
export function withImages(body: string, images: readonly BenchImage[]): string {
  if (images.length === 0) return body;
  const blocks = body.split('\n\n');
  const figures = images.map((img) => `![A ${img.kind} from the benchmark](${img.url})`);
  blocks.splice(Math.min(3, blocks.length), 0, ...figures);
  return blocks.join('\n\n');
}

export async function drawImage(kind: BenchImageKind, i: number): Promise<Buffer> {
  const r = rng(0x9e3779b9 ^ (i * 2654435761));
  switch (kind) {
    case 'photo':
      return i % 4 === 3 ? photo(r, 4032, 3024, 90) : photo(r, 3000, 2000, 90);
    case 'small-jpeg':
      return photo(r, 400, 300, 85);
    case 'screenshot':
      return sharp(screenshot(r, 2560, 1440), raw(2560, 1440))
        .png()
        .toBuffer();
    case 'diagram':
      return sharp(diagram(r, 1600, 1000), raw(1600, 1000))
        .png()
        .toBuffer();
    case 'small-png':
      return sharp(diagram(r, 320, 240), raw(320, 240))
        .png()
        .toBuffer();
    case 'gif':
      return sharp(diagram(r, 480, 320), raw(480, 320))
        .gif()
        .toBuffer();
    case 'svg':
      return Buffer.from(svg(r));
  }
}

const raw = (width: number, height: number) => ({ raw: { width, height, channels: 3 as const } });

/** A random field of `w`×`h` RGB values, scaled up smoothly to `width`×`height`. */
async function field(r: () => number, w: number, h: number, width: number, height: number) {
  const small = Buffer.alloc(w * h * 3);
  for (let k = 0; k < small.length; k++) small[k] = Math.floor(r() * 256);
  return sharp(small, raw(w, h))
    .resize(width, height, { fit: 'fill', kernel: 'cubic' })
    .raw()
    .toBuffer();
}

async function photo(r: () => number, width: number, height: number, quality: number) {
  const low = await field(r, 7, 5, width, height);
  const mid = await field(r, Math.round(width / 24), Math.round(height / 24), width, height);
  const fine = await field(r, Math.round(width / 5), Math.round(height / 5), width, height);
  const px = Buffer.alloc(width * height * 3);
  let s = Math.floor(r() * 2 ** 31) | 1;
  for (let k = 0; k < px.length; k++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    const grain = ((s >>> 24) & 15) - 8;
    // Colour from the smooth field, light and texture shared by the channels (grey), plus grain.
    const g = k - (k % 3);
    const base = low[k]! * 0.45 + low[g]! * 0.35 + 30;
    const v = base + (mid[g]! - 128) * 0.45 + (fine[g]! - 128) * 0.15 + grain;
    px[k] = Math.max(0, Math.min(255, v));
  }
  return sharp(px, raw(width, height)).jpeg({ quality }).toBuffer();
}

/** 48 glyphs of 5×8 pixels, bit k of row y set = ink. */
const GLYPHS = (() => {
  const r = rng(0x51ed270b);
  return Array.from({ length: 48 }, () =>
    Array.from({ length: 8 }, () => Math.floor(r() * 32) & Math.floor(r() * 32 + 7)),
  );
})();

function fillRect(
  px: Buffer,
  width: number,
  x0: number,
  y0: number,
  w: number,
  h: number,
  c: number[],
) {
  for (let y = y0; y < y0 + h; y++)
    for (let x = x0; x < x0 + w; x++) {
      const o = (y * width + x) * 3;
      px[o] = c[0]!;
      px[o + 1] = c[1]!;
      px[o + 2] = c[2]!;
    }
}

function text(
  px: Buffer,
  width: number,
  x0: number,
  y0: number,
  chars: number,
  r: () => number,
  c: number[],
) {
  let x = x0;
  for (let n = 0; n < chars; n++, x += 7) {
    if (r() < 0.17) continue; // a space
    const g = GLYPHS[Math.floor(r() * GLYPHS.length)]!;
    for (let y = 0; y < 8; y++)
      for (let b = 0; b < 5; b++) if (g[y]! & (1 << b)) fillRect(px, width, x + b, y0 + y, 1, 1, c);
  }
}

function screenshot(r: () => number, width: number, height: number): Buffer {
  const px = Buffer.alloc(width * height * 3, 246);
  fillRect(px, width, 0, 0, width, 56, [36, 41, 47]);
  fillRect(px, width, 0, 56, 340, height - 56, [233, 236, 239]);
  for (let y = 80; y < height - 20; y += 26) text(px, width, 24, y, 40, r, [60, 64, 70]);
  const code = [1360, 100, 1150, 1280];
  fillRect(px, width, code[0]!, code[1]!, code[2]!, code[3]!, [30, 32, 36]);
  const palette = [
    [220, 220, 220],
    [197, 134, 192],
    [86, 156, 214],
    [206, 145, 120],
    [106, 153, 85],
  ];
  for (let y = code[1]! + 20; y < code[1]! + code[3]! - 20; y += 18) {
    const indent = Math.floor(r() * 4) * 28;
    text(
      px,
      width,
      code[0]! + 20 + indent,
      y,
      20 + Math.floor(r() * 110),
      r,
      palette[Math.floor(r() * 5)]!,
    );
  }
  for (let y = 100; y < height - 40; y += 22) {
    if (r() < 0.1) y += 20;
    text(px, width, 380, y, 60 + Math.floor(r() * 70), r, [40, 40, 40]);
  }
  return px;
}

function diagram(r: () => number, width: number, height: number): Buffer {
  const px = Buffer.alloc(width * height * 3, 255);
  const scale = width / 1600;
  const fills = [
    [230, 240, 255],
    [255, 243, 224],
    [232, 245, 233],
    [252, 228, 236],
  ];
  const boxes: [number, number, number, number][] = [];
  const count = 5 + Math.floor(r() * 5);
  for (let b = 0; b < count; b++) {
    const w = Math.round((180 + r() * 160) * scale);
    const h = Math.round((80 + r() * 60) * scale);
    const x = Math.round(r() * (width - w - 4));
    const y = Math.round(r() * (height - h - 4));
    boxes.push([x, y, w, h]);
  }
  for (let b = 1; b < boxes.length; b++) {
    const [ax, ay, aw, ah] = boxes[b - 1]!;
    const [bx, by, bw, bh] = boxes[b]!;
    const x1 = ax + (aw >> 1),
      y1 = ay + (ah >> 1),
      x2 = bx + (bw >> 1),
      y2 = by + (bh >> 1);
    fillRect(px, width, Math.min(x1, x2), y1, Math.abs(x2 - x1) + 2, 2, [90, 90, 90]);
    fillRect(px, width, x2, Math.min(y1, y2), 2, Math.abs(y2 - y1) + 2, [90, 90, 90]);
  }
  for (const [x, y, w, h] of boxes) {
    fillRect(px, width, x, y, w, h, [51, 65, 85]);
    fillRect(px, width, x + 2, y + 2, w - 4, h - 4, fills[Math.floor(r() * fills.length)]!);
    if (w > 60)
      text(px, width, x + 12, y + (h >> 1) - 4, Math.floor((w - 24) / 7), r, [30, 30, 30]);
  }
  return px;
}

function svg(r: () => number): string {
  const rects = Array.from({ length: 6 }, (_, k) => {
    const x = Math.round(r() * 500),
      y = Math.round(r() * 260);
    return `<rect x="${x}" y="${y}" width="120" height="60" rx="6" fill="#e6f0ff" stroke="#334155"/><text x="${x + 10}" y="${y + 35}" font-size="14">step ${k + 1}</text>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360" viewBox="0 0 640 360">${rects.join('')}</svg>\n`;
}
