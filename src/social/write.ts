import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { socialCardKey } from '../cache/keys.js';
import type { OutputWriter } from '../output/index.js';
import { readBlob, saveBlob } from '../cache/integrity.js';
import { hash } from '../util/hash.js';
import type * as Draw from './draw.js';
import type { SocialCardData, SocialCardJob } from './plan.js';

/**
 * What the output folder's card at a path was made from (its key) and its `size:mtimeMs`, and
 * the cover's metadata and hash: the next build finds an unchanged card by a key lookup, without
 * reading the card, the cached PNG or the cover.
 */
export interface CardRecord {
  key: string;
  stamp: string;
  cover?: { stamp: string; hash: string };
}

/** The previous output's cards, and how to keep one without reading it (a staged build). */
export interface CardOutput {
  previous: Readonly<Record<string, CardRecord>>;
  /** Keep the previous file at `rel` if its stamp still matches; false: it must be written. */
  keep: (rel: string, stamp: string) => Promise<boolean>;
}

export interface CardStats {
  rendered: number;
  cached: number;
  /** Kept from the previous output by key (no file read). */
  kept: number;
  /** What the output holds now, for the next build (when the writer can tell stamps). */
  records: Record<string, CardRecord>;
}

/**
 * Render (or take from `.cache/cards/`) every card and write it. Cards are cached by their
 * content; with the previous output's records, an unchanged card costs a key lookup.
 */
export async function writeSocialCards(
  jobs: readonly SocialCardJob[],
  writer: OutputWriter,
  cacheDir: string | null,
  output?: CardOutput,
  concurrency = 4,
): Promise<CardStats> {
  const stats: CardStats = { rendered: 0, cached: 0, kept: 0, records: {} };
  let next = 0;
  const work = async () => {
    while (next < jobs.length) {
      const job = jobs[next++]!;
      const was = output?.previous[job.outPath];
      const cover = await coverOf(job.coverFile, was?.cover);
      const key = socialCardKey(job.data, cover?.hash);
      const record = (stamp: string): CardRecord => ({
        key,
        stamp,
        ...(cover ? { cover: { stamp: cover.stamp, hash: cover.hash } } : {}),
      });
      if (was && was.key === key && (await output!.keep(job.outPath, was.stamp))) {
        stats.kept++;
        stats.records[job.outPath] = record(was.stamp);
        continue;
      }
      await writeCard(job, key, cover?.bytes ?? (await coverBytes(job.coverFile)), writer, {
        cacheDir,
        stats,
      });
      const stamp = await writer.stampOf?.(job.outPath);
      if (stamp) stats.records[job.outPath] = record(stamp);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, work));
  return stats;
}

/** One card, from `.cache/cards/` or drawn, written to the output. */
async function writeCard(
  job: SocialCardJob,
  key: string,
  cover: Uint8Array | undefined,
  writer: OutputWriter,
  { cacheDir, stats }: { cacheDir: string | null; stats: CardStats },
): Promise<void> {
  const file = cacheDir ? path.join(cacheDir, 'cards', `${key}.png`) : null;
  // Checked against its checksum; the checked bytes are what is published.
  const hit = file ? await readBlob(file, key) : undefined;
  if (hit) {
    await writer.write(job.outPath, hit);
    stats.cached++;
    return;
  }
  const data: SocialCardData = cover ? { ...job.data, cover } : job.data;
  const { drawSocialCard } = await loadDraw();
  const png = await drawSocialCard(data);
  stats.rendered++;
  if (file) await saveBlob(file, key, png);
  await writer.write(job.outPath, png);
}

/**
 * A cover's hash (what the card's key holds), from its metadata when they are the recorded ones
 * (its bytes are then not read), else from its bytes. Undefined: no cover, or it cannot be read.
 */
async function coverOf(
  file: string | undefined,
  was: CardRecord['cover'],
): Promise<{ stamp: string; hash: string; bytes?: Uint8Array } | undefined> {
  if (!file) return undefined;
  const st = await stat(file).catch(() => undefined);
  if (!st?.isFile()) return undefined;
  // A cover changed less than 2 s ago could change again with the same metadata (file-index.ts's
  // racy rule): its stamp is never matched, so its bytes are hashed next time too.
  const racy = Date.now() - Math.max(st.mtimeMs, st.ctimeMs) < 2000;
  const stamp = racy ? 'racy' : `${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.ino}`;
  if (!racy && was?.stamp === stamp) return { stamp, hash: was.hash };
  const bytes = await coverBytes(file);
  return bytes ? { stamp, hash: hash(bytes), bytes } : undefined;
}

const coverBytes = (file: string | undefined) =>
  file ? readFile(file).catch(() => undefined) : Promise.resolve(undefined);

/**
 * satori, its fonts and sharp load only when a card has to be drawn (not in a warm build), and
 * once: under a loader hook (jiti, as `npm run lighthouse` runs src/) a second concurrent import
 * could get the module before it had finished evaluating.
 */
let draw: Promise<typeof Draw> | undefined;
const loadDraw = () => (draw ??= import('./draw.js'));
