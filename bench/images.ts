/**
 * `npm run bench:images`: the image stage alone, on the benchmark's images (bench/images-corpus.ts).
 *
 *   npm run bench:images -- [--images 40] [--concurrency N] [--sharp-threads N] [--no-sharp-cache]
 *                           [--json FILE]
 *   npm run bench:images -- --matrix [--per-kind 2] [--widths 480,800,1200,1600]
 *
 * Stage mode (default): probes and plans every image as the build does (`ImageStore` from
 * lib/, so `npm run compile` first), then encodes every variant with no cache. Reports wall time
 * of the probe and of the encodes, variants written, their bytes, the bytes a browser downloads
 * for the theme's `sizes` at four common viewports, and the process's peak RSS. Run it once per
 * setting: peak RSS is the whole process's.
 *
 * Matrix mode: for `--per-kind` images of each kind, every format and encoder setting at every
 * width below the source, one encode at a time (decode, resize and encode, as the build does):
 * milliseconds and bytes. Settings are interleaved per image and width, so a machine that gets
 * busier mid-run skews them all alike.
 */
import { mkdtemp, mkdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { writeImages, type BenchImage } from './images-corpus.js';
import { delivered, encodeMatrix, printMatrix } from './images-matrix.js';

const here = path.dirname(fileURLToPath(import.meta.url));

interface StageModule {
  ImageStore: new (
    settings: Settings,
    basePath: string,
    cacheDir: string | null,
  ) => {
    plan(
      c: { file: string; abs: string; url: string }[],
      rels: string[],
    ): Promise<{ answers: Map<string, unknown>; jobs: Map<string, Job[]> }>;
    write(
      plan: unknown,
      bodies: [],
      writer: unknown,
      covers: string[],
      concurrency?: number,
    ): Promise<{ encoded: number }>;
  };
}
interface Job {
  outPath: string;
  variant: { format: string; width: number };
}
export interface Settings {
  enabled: boolean;
  widths: number[];
  formats: ('avif' | 'webp')[];
  quality: { avif: number; webp: number; jpeg: number };
  sizes: string;
  maxPixels: number;
}

async function stageBench(images: BenchImage[], concurrency: number | undefined) {
  const { ImageStore } = (await import(path.join(here, '../lib/images/store.js'))) as StageModule;
  const { resolveConfigDefaults } = await configDefaults();
  const settings = resolveConfigDefaults;
  const store = new ImageStore(settings, '/', null);
  const out = await mkdtemp(path.join(os.tmpdir(), 'colophon-img-bench-'));
  let bytes = 0;
  const sizes = new Map<string, number>();
  const writer = {
    stats: {},
    async write(rel: string, data: Uint8Array) {
      bytes += data.byteLength;
      sizes.set(rel, data.byteLength);
      await mkdir(path.dirname(path.join(out, rel)), { recursive: true });
      await writeFile(path.join(out, rel), data);
    },
  };
  const candidates = images.map((i) => ({ file: i.file, abs: i.file, url: i.url }));
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const plan = await store.plan(candidates, []);
  const t1 = performance.now();
  const rssBeforeMB = Math.round(process.resourceUsage().maxRSS / 1024);
  const stats = await store.write(
    plan,
    [],
    writer,
    images.map((i) => i.url),
    concurrency,
  );
  const t2 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  await rm(out, { recursive: true, force: true });
  let originals = 0;
  for (const i of images) originals += (await stat(i.file)).size;
  const page = await delivered(images, plan.jobs, sizes);
  return {
    images: images.length,
    probeMs: Math.round(t1 - t0),
    encodeMs: Math.round(t2 - t1),
    cpuS: Math.round((cpu.user + cpu.system) / 1e5) / 10,
    encoded: stats.encoded,
    variantBytes: bytes,
    originalBytes: originals,
    deliveredBytes: page,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    rssBeforeMB,
  };
}

/** The config's image defaults, from the compiled schema (so the bench follows the code). */
async function configDefaults(): Promise<{ resolveConfigDefaults: Settings }> {
  const { configSchema } = (await import(path.join(here, '../lib/config/schema.js'))) as {
    configSchema: { parse(x: unknown): { images: Settings } };
  };
  return {
    resolveConfigDefaults: configSchema.parse({ title: 'x', baseUrl: 'https://x.example/' }).images,
  };
}

async function main() {
  const { values } = parseArgs({
    options: {
      images: { type: 'string', default: '40' },
      concurrency: { type: 'string' },
      'sharp-threads': { type: 'string' },
      'no-sharp-cache': { type: 'boolean', default: false },
      matrix: { type: 'boolean', default: false },
      'per-kind': { type: 'string', default: '2' },
      widths: { type: 'string', default: '480,640,800,1024,1200,1600' },
      json: { type: 'string' },
    },
  });
  if (values['sharp-threads']) sharp.concurrency(Number(values['sharp-threads']));
  if (values['no-sharp-cache']) sharp.cache(false);
  const count = Number(values.images);
  const dir = path.join(here, `images-${count}`);
  const images = await writeImages(dir, count);
  const load = os.loadavg().map((l) => l.toFixed(2));
  console.log(
    `${os.availableParallelism()} cores · load ${load.join(' ')} · sharp ${sharp.versions.sharp} (vips ${sharp.versions.vips}) · ${sharp.concurrency()} vips thread(s)`,
  );
  let result: unknown;
  if (values.matrix) {
    const widths = values.widths.split(',').map(Number);
    const rows = await encodeMatrix(images, Number(values['per-kind']), widths);
    printMatrix(rows);
    result = rows;
  } else {
    const c = values.concurrency ? Number(values.concurrency) : undefined;
    const r = await stageBench(images, c);
    console.log(
      `${r.images} images · probe ${(r.probeMs / 1000).toFixed(1)} s · encode ${(r.encodeMs / 1000).toFixed(1)} s (${r.encoded} variants) · CPU ${r.cpuS} s · variants ${mb(r.variantBytes)} (originals ${mb(r.originalBytes)}) · delivered ${mb(r.deliveredBytes)} · peak RSS ${r.peakRssMB} MB (${r.rssBeforeMB} MB before encoding)`,
    );
    result = r;
  }
  console.log(
    `load after: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  if (values.json) await writeFile(values.json, JSON.stringify(result, null, 2) + '\n');
}

const mb = (n: number) => `${(n / 1e6).toFixed(2)} MB`;

await main();
