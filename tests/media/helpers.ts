import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { buildSite, type BuildOptions, type BuildResult } from '../../src/pipeline/index.js';
import { FIXED_NOW, readTree, REPO } from '../helpers/site.js';

export const MEDIA_SITE = path.join(REPO, 'tests/fixtures/media/site');

/** Noise, so encoders have real work and different seeds give different bytes. */
export function noise(width: number, height: number, channels: 3 | 4, seed: number): sharp.Sharp {
  const raw = Buffer.alloc(width * height * channels);
  let x = seed * 2654435761 || 1;
  for (let i = 0; i < raw.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    raw[i] = channels === 4 && i % 4 === 3 ? 255 - ((i >> 6) & 127) : (x >>> 0) & 255;
  }
  return sharp(raw, { raw: { width, height, channels } }).blur(2);
}

/** The raster images of the fixture, generated rather than committed. */
export async function writeImages(root: string, seed = 1): Promise<void> {
  const gallery = path.join(root, 'content/posts/gallery');
  await noise(600, 400, 3, seed).png().toFile(path.join(gallery, 'photo.png'));
  await noise(1000, 500, 3, seed + 1)
    .jpeg({ quality: 90 })
    .toFile(path.join(gallery, 'wide.jpg'));
  // Stored 300×200 with EXIF orientation 6: shown (and published) as 200×300.
  await noise(300, 200, 3, seed + 2)
    .jpeg()
    .withMetadata({ orientation: 6 })
    .toFile(path.join(gallery, 'portrait.jpg'));
  const frame = (c: string) =>
    sharp({ create: { width: 40, height: 40, channels: 3, background: c } })
      .png()
      .toBuffer();
  await sharp([await frame('#c00'), await frame('#00c')], { join: { animated: true } })
    .gif()
    .toFile(path.join(gallery, 'spinner.gif'));
  // Smaller than the fixture's smallest width (160) and compact (two colours): kept as it is.
  await sharp({ create: { width: 120, height: 80, channels: 3, background: '#2a6' } })
    .composite([{ input: { create: { width: 40, height: 40, channels: 3, background: '#fff' } } }])
    .png()
    .toFile(path.join(gallery, 'icon.png'));
  await mkdir(path.join(root, 'public/img'), { recursive: true });
  await noise(200, 200, 4, seed + 3)
    .png()
    .toFile(path.join(root, 'public/img/logo.png'));
}

/** A PNG whose header claims `width`×`height` pixels, in a few hundred bytes. */
export function pngBomb(width: number, height: number): Buffer {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = table[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(1024))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export interface MediaSite {
  root: string;
  tmp: string;
  build(options?: Partial<BuildOptions> & { out?: string }): Promise<Built>;
  write(rel: string, data: string | Uint8Array): Promise<void>;
  cleanup(): Promise<void>;
}

export interface Built {
  result: BuildResult;
  outDir: string;
  files: Map<string, string>;
  file(rel: string): string;
}

/** A fresh copy of the fixture with its images, in a temp folder (its cache is `<tmp>/cache`). */
export async function mediaSite(): Promise<MediaSite> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'colophon-media-'));
  const root = path.join(tmp, 'site');
  await cp(MEDIA_SITE, root, { recursive: true });
  await writeImages(root);
  let n = 0;
  return {
    root,
    tmp,
    async build({ out, ...options } = {}) {
      const outDir = path.join(tmp, out ?? `out-${++n}`);
      const result = await buildSite({
        root,
        outDir,
        cacheDir: path.join(tmp, 'cache'),
        cache: true,
        now: FIXED_NOW,
        workers: 0,
        ...options,
      });
      const files = await readTree(outDir);
      return {
        result,
        outDir,
        files,
        file(rel) {
          const text = files.get(rel);
          if (text === undefined) throw new Error(`No output file ${rel}`);
          return text;
        },
      };
    },
    async write(rel, data) {
      await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
      await writeFile(path.join(root, rel), data);
    },
    cleanup: () => rm(tmp, { recursive: true, force: true }),
  };
}

/** `rule file:line:column` per diagnostic, for compact assertions. */
export const where = (r: BuildResult) =>
  r.diagnostics.map((d) => `${d.rule} ${d.span?.file}:${d.span?.line}:${d.span?.column}`);
