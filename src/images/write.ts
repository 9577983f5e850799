import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { readBlob, saveBlob } from '../cache/integrity.js';
import type { OutputWriter } from '../output/index.js';
import { eachLimited } from '../util/each-limited.js';
import { decodeMaster, encodeVariant, type Master } from './encode.js';
import type { ImageSettings, VariantPlan } from './variants.js';

/** One variant to write: its plan, its source file, and the master it is scaled from. */
export interface VariantJob {
  source: string;
  /** Hash of the source's bytes when the variant was planned (its key derives from it). */
  contentHash: string;
  variant: VariantPlan;
  outPath: string;
  /** Size of the image's master (its largest variant): see encode.ts. */
  master: { width: number; height: number };
}

export interface EncodeCounts {
  encoded: number;
  reused: number;
}

/**
 * Writes variants: cached bytes are copied (`.cache/images/<key>.<ext>`, checked), the others
 * encoded, `lanes` at a time, each source decoded once into a master held only while variants of
 * it are left. Jobs are taken source by source, the largest sources first, so at most `lanes`
 * masters are in memory and no lane idles at the end behind one big photo.
 *
 * A writer that can stand in for a file (`serve`'s) gets the missing variants in the background:
 * the run does not wait, and the server answers a variant's URL with its source until it is
 * written. `build` waits for every variant.
 */
export class VariantWriter {
  private background: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private settings: ImageSettings,
    private cacheDir: string | null,
  ) {}

  async write(
    jobs: readonly VariantJob[],
    writer: OutputWriter,
    counts: EncodeCounts,
    lanes = defaultLanes(),
  ): Promise<void> {
    if (!writer.standIn) return this.run(jobs, writer, counts, lanes);
    const missing: VariantJob[] = [];
    await eachLimited(jobs, 8, async (job) => {
      if (await this.copyCached(job, writer, counts)) return;
      writer.standIn!(job.outPath, job.source);
      missing.push(job);
    });
    const todo = order(missing);
    this.background = this.background
      .then(() => this.run(todo, writer, counts, lanes, true))
      .catch(() => undefined);
  }

  /** Resolves when the background encodes queued so far are written. */
  idle(): Promise<void> {
    return this.background;
  }

  /** Take no more jobs; resolves when the encodes in flight are done. */
  close(): Promise<void> {
    this.closed = true;
    return this.background;
  }

  private async run(
    jobs: readonly VariantJob[],
    writer: OutputWriter,
    counts: EncodeCounts,
    lanes: number,
    background = false,
  ): Promise<void> {
    if (jobs.length === 0) return;
    // In the background, a variant a later run no longer uses (its stand-in withdrawn) is skipped.
    const wanted = (job: VariantJob) => !background || !!writer.standInFor?.(job.outPath);
    tuneSharp(lanes);
    const todo = order(jobs);
    const left = new Map<string, number>();
    for (const j of todo) left.set(j.source, (left.get(j.source) ?? 0) + 1);
    const masters = new Map<string, Promise<{ master: Master; hash: string }>>();
    await eachLimited(todo, lanes, async (job) => {
      try {
        if (this.closed || !wanted(job)) return;
        if (await this.copyCached(job, writer, counts)) return;
        let m = masters.get(job.source);
        if (!m) {
          m = this.decode(job);
          masters.set(job.source, m);
        }
        const { master, hash: actual } = await m;
        const bytes = await encodeVariant(master, job.variant, this.settings).catch((e) => {
          throw encodeError(job, e);
        });
        counts.encoded++;
        // A file edited after it was planned: its bytes do not belong under the planned key.
        const file = this.cacheFile(job);
        if (file && actual === job.contentHash) await saveBlob(file, job.variant.key, bytes);
        await writer.write(job.outPath, bytes);
      } catch (e) {
        // `build` fails; in the background the stand-in stays, and the next full run retries.
        if (!background) throw e;
      } finally {
        // A master is held only while variants of its source are still to be written.
        const n = (left.get(job.source) ?? 1) - 1;
        left.set(job.source, n);
        if (n === 0) masters.delete(job.source);
      }
    });
  }

  private async decode(job: VariantJob): Promise<{ master: Master; hash: string }> {
    const bytes = await readFile(job.source);
    const { width, height } = job.master;
    const master = await decodeMaster(bytes, width, height, this.settings.maxPixels).catch((e) => {
      throw encodeError(job, e);
    });
    return { master, hash: sha256(bytes) };
  }

  /** Cached bytes are checked (integrity.ts) and the checked bytes are what is written. */
  private async copyCached(job: VariantJob, writer: OutputWriter, counts: EncodeCounts) {
    const file = this.cacheFile(job);
    if (!file || !(await isFile(file))) return false;
    const hit = await readBlob(file, job.variant.key);
    if (!hit) return false; // a bad entry is encoded again and replaced
    counts.reused++;
    await writer.write(job.outPath, hit);
    return true;
  }

  private cacheFile(job: VariantJob): string | null {
    const v = job.variant;
    return this.cacheDir
      ? path.join(
          this.cacheDir,
          'images',
          v.key.slice(0, 2),
          `${v.key}${path.posix.extname(v.name)}`,
        )
      : null;
  }
}

/**
 * Parallel encodes: one per core, at most 4. sharp runs on Node's thread pool, which has 4
 * threads, and each encode in flight holds its master and the encoder's state (~130 MB peak for
 * a 1600 px AVIF, bench:images).
 */
export function defaultLanes(): number {
  return Math.max(1, Math.min(4, os.availableParallelism()));
}

let tuned = false;
/**
 * libvips threads per encode, so that lanes × threads is the number of cores (1 on up to 4 cores;
 * sharp's default is one per core on most platforms, which with 4 lanes oversubscribes the CPU).
 * No operation cache: every image is decoded once from a buffer, so it never hits, and without it
 * peak RSS of the image stage was ~35 MB lower (decisions.md).
 */
function tuneSharp(lanes: number): void {
  if (tuned) return;
  tuned = true;
  sharp.cache(false);
  sharp.concurrency(Math.max(1, Math.floor(os.availableParallelism() / lanes)));
}

/** Source by source, the largest masters first; within a source, in output path order. */
function order(jobs: readonly VariantJob[]): VariantJob[] {
  const px = (j: VariantJob) => j.master.width * j.master.height;
  return [...jobs].sort(
    (a, b) =>
      px(b) - px(a) ||
      (a.source < b.source ? -1 : a.source > b.source ? 1 : 0) ||
      (a.outPath < b.outPath ? -1 : 1),
  );
}

function encodeError(job: VariantJob, e: unknown): Error {
  const why = e instanceof Error ? e.message : String(e);
  return new Error(
    `Encoding ${job.source} as ${job.variant.format} at ${job.variant.width} px failed: ${why}`,
    { cause: e },
  );
}

/** The content hash of an image's bytes, as plans record it. */
export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function isFile(file: string): Promise<boolean> {
  return stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
}
