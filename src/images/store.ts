import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { error, type Diagnostic } from '../diagnostics/index.js';
import type { ImageInfo } from '../markdown/types.js';
import {
  formatForExtension,
  keepsOriginal,
  imageStem,
  MIME,
  planVariants,
  probeImage,
  type ImageSettings,
  type ProbeResult,
  type VariantPlan,
} from './variants.js';
import type { OutputWriter } from '../output/index.js';
import { decodeUrl } from './sources.js';
import { imageProbeKey } from '../cache/keys.js';
import { DiskCache } from '../cache/disk-cache.js';
import { eachLimited } from '../util/each-limited.js';
import { pairDarkVariants } from './dark.js';
import { sha256, VariantWriter, type VariantJob } from './write.js';

export type { VariantJob } from './write.js';

/**
 * Responsive images, the build's half. Before Markdown is rendered, every local image that a page
 * could show (bundle files and public/ files with an image extension) is probed — header plus a
 * tiny decode, cached by content hash — and gets its variant set planned: URLs under `/_img/`,
 * sizes, formats. The markdown stage receives that through resolveImage (LinkResolution.image),
 * so the body cache, which re-checks recorded resolutions, re-renders a post when its image
 * changes (new content hash, new URLs). After rendering, only variants of images some body used
 * are encoded, each at most once ever: `.cache/images/<key>.<ext>` holds the bytes.
 */

/** Output folder of every variant, under the base path. */
export const IMAGE_DIR = '_img';

/** What resolveImage answers for one image URL: picture data, or why it cannot be used. */
export type ImageAnswer = { image: ImageInfo } | { rule: string; message: string };

export interface ImageCandidate {
  /** Project-relative path, for messages (`content/posts/x/a.png`, `public/img/a.png`). */
  file: string;
  abs: string;
  /** Final URL with the base path (`/blog/posts/x/a.png`), not percent-encoded. */
  url: string;
}

export interface ImagePlan {
  /** Decoded URL path -> answer; looked up by resolveImage. */
  answers: Map<string, ImageAnswer>;
  /** Decoded URL path -> variants to write when a body uses it. */
  jobs: Map<string, VariantJob[]>;
  diagnostics: Diagnostic[];
}

export interface ImageStats {
  /** Variants encoded by sharp in this run (0 on a warm build). */
  encoded: number;
  /** Variants taken from `.cache/images/`. */
  reused: number;
  /** Images probed by sharp in this run (cache misses of the metadata cache). */
  probed: number;
}

/**
 * Lives as long as a pipeline (one build or one `serve` session): content hashes are memoised by
 * (path, size, mtime) so a rebuild reads only files that changed, and probes are cached on disk.
 */
export class ImageStore {
  private hashes = new Map<string, { sig: string; hash: string }>();
  private probes: DiskCache<ProbeResult>;
  private variants: VariantWriter;
  stats: ImageStats = { encoded: 0, reused: 0, probed: 0 };

  constructor(
    private settings: ImageSettings,
    private basePath: string,
    private cacheDir: string | null,
  ) {
    this.probes = new DiskCache<ProbeResult>(cacheDir, 'image-meta');
    this.variants = new VariantWriter(settings, cacheDir);
  }

  /** Probe and plan every candidate; no encoding. */
  async plan(
    candidates: readonly ImageCandidate[],
    publicRels: readonly string[],
  ): Promise<ImagePlan> {
    this.stats = { encoded: 0, reused: 0, probed: 0 };
    const answers = new Map<string, ImageAnswer>();
    const jobs = new Map<string, VariantJob[]>();
    const images = candidates.filter(
      (c) => formatForExtension(path.posix.extname(c.file).slice(1)) !== undefined,
    );
    await eachLimited(images, 8, async (c) => {
      const ext = path.posix.extname(c.file).slice(1);
      // Bytes are read only when the file changed (or is new to this store) or its probe is not cached.
      const read = once(() => readFile(c.abs));
      const content = await this.contentHash(c.abs, read).catch(() => undefined);
      if (content === undefined) return;
      const probe = await this.probe(read, content.hash, c.file, ext);
      const key = decodeUrl(c.url);
      const planned = this.answer(probe, c, content);
      if (planned.answer) answers.set(key, planned.answer);
      if (planned.jobs) jobs.set(key, planned.jobs);
    });
    pairDarkVariants(answers, jobs);
    return { answers, jobs, diagnostics: this.collisions(publicRels) };
  }

  /** public/ files where variants go would be overwritten. */
  private collisions(publicRels: readonly string[]): Diagnostic[] {
    return publicRels
      .filter((rel) => rel === IMAGE_DIR || rel.startsWith(IMAGE_DIR + '/'))
      .map((rel) =>
        error(
          'output/collision',
          `public/${rel} would be overwritten: ${this.basePath}${IMAGE_DIR}/ holds the generated image variants. Move the file out of public/${IMAGE_DIR}/.`,
        ),
      );
  }

  /** What resolveImage answers for a probed image, and the variants to write when it is used. */
  private answer(
    probe: ProbeResult,
    c: ImageCandidate,
    content: { hash: string; size: number },
  ): { answer?: ImageAnswer; jobs?: VariantJob[] } {
    if (probe.kind === 'problem') return { answer: { rule: probe.rule, message: probe.message } };
    const sizes = this.settings.sizes;
    if (probe.kind === 'passthrough' || keepsOriginal(probe, content.size, this.settings.widths))
      return probe.width && probe.height
        ? { answer: { image: { width: probe.width, height: probe.height, sizes, sources: [] } } }
        : {};
    const contentHash = content.hash;
    const stem = imageStem(path.posix.basename(c.file));
    const set = planVariants(probe, contentHash, stem, this.settings);
    const url = (v: VariantPlan) => `${this.basePath}${IMAGE_DIR}/${encodeURIComponent(v.name)}`;
    const srcset = (format: string) =>
      set.variants
        .filter((v) => v.format === format)
        .map((v) => `${url(v)} ${v.width}w`)
        .join(', ');
    const largest = set.variants.filter((v) => v.format === set.fallback).pop()!;
    const sources = [...new Set(this.settings.formats)].map((f) => ({
      type: MIME[f],
      srcset: srcset(f),
    }));
    const fallback = { src: url(largest), srcset: srcset(set.fallback) };
    const image = { width: set.width, height: set.height, sizes, sources, fallback };
    const master = { width: set.width, height: set.height };
    const jobs = set.variants.map((variant) => ({
      source: c.abs,
      contentHash,
      variant,
      outPath: `${IMAGE_DIR}/${variant.name}`,
      master,
    }));
    return { answer: { image }, jobs };
  }

  /**
   * Write the variants of the images that rendered bodies use (found in their recorded image
   * resolutions, so cached bodies count too) and of `covers` (decoded URL paths, coverImages):
   * copied from `.cache/images/` or encoded (write.ts; in the background for `serve`).
   */
  async write(
    plan: ImagePlan,
    bodies: Iterable<{ resolutions: readonly (readonly [number, string, string])[] }>,
    writer: OutputWriter,
    covers: Iterable<string> = [],
    lanes?: number,
  ): Promise<ImageStats> {
    await this.variants.write(wanted(plan, bodies, covers), writer, this.stats, lanes);
    return { ...this.stats };
  }

  /** Resolves when the variants `serve` encodes in the background are written. */
  idle(): Promise<void> {
    return this.variants.idle();
  }

  close(): Promise<void> {
    return this.variants.close();
  }

  private async contentHash(
    abs: string,
    read: () => Promise<Buffer>,
  ): Promise<{ hash: string; size: number }> {
    const st = await stat(abs);
    const sig = `${st.size}:${st.mtimeMs}:${st.ino}`;
    const known = this.hashes.get(abs);
    if (known?.sig === sig) return { hash: known.hash, size: st.size };
    const hash = sha256(await read());
    this.hashes.set(abs, { sig, hash });
    return { hash, size: st.size };
  }

  private async probe(
    read: () => Promise<Buffer>,
    contentHash: string,
    file: string,
    ext: string,
  ): Promise<ProbeResult> {
    const key = imageProbeKey(contentHash, ext, this.settings.maxPixels, file);
    const hit = this.probes.get(key);
    if (hit) return hit;
    const result = await probeImage(await read(), file, ext, this.settings.maxPixels);
    this.stats.probed++;
    this.probes.set(key, result);
    return result;
  }
}

/** The variants of the covers and of the images bodies show (in their recorded resolutions). */
function wanted(
  plan: ImagePlan,
  bodies: Iterable<{ resolutions: readonly (readonly [number, string, string])[] }>,
  covers: Iterable<string>,
): VariantJob[] {
  const todo = new Map<string, VariantJob>();
  for (const url of covers) for (const job of plan.jobs.get(url) ?? []) todo.set(job.outPath, job);
  for (const body of bodies) {
    for (const [kind, , resolution] of body.resolutions) {
      if (kind !== 1 || !resolution.includes('"image"')) continue;
      const r = JSON.parse(resolution) as { kind: string; href?: string };
      if (r.kind !== 'rewrite' || !r.href) continue;
      for (const job of plan.jobs.get(decodeUrl(r.href.replace(/[?#].*$/, ''))) ?? [])
        todo.set(job.outPath, job);
    }
  }
  return [...todo.values()].sort((a, b) => (a.outPath < b.outPath ? -1 : 1));
}

function once<T>(fn: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= fn());
}
