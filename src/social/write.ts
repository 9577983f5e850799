import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { socialCardKey } from '../cache/keys.js';
import type { OutputWriter } from '../output/index.js';
import { readBlob, saveBlob } from '../cache/integrity.js';
import type * as Draw from './draw.js';
import type { SocialCardData, SocialCardJob } from './plan.js';

/**
 * Render (or take from `.cache/cards/`) every card and write it. Cards are cached by their
 * content, so a warm build does no card work at all.
 */
export async function writeSocialCards(
  jobs: readonly SocialCardJob[],
  writer: OutputWriter,
  cacheDir: string | null,
  concurrency = 4,
): Promise<{ rendered: number; cached: number }> {
  let rendered = 0;
  let cached = 0;
  let next = 0;
  const work = async () => {
    while (next < jobs.length) {
      const job = jobs[next++]!;
      const cover = job.coverFile
        ? await readFile(job.coverFile).catch(() => undefined)
        : undefined;
      const data: SocialCardData = cover ? { ...job.data, cover } : job.data;
      const key = socialCardKey(job.data, cover);
      const file = cacheDir ? path.join(cacheDir, 'cards', `${key}.png`) : null;
      // Checked against its checksum; the checked bytes are what is published.
      const hit = file ? await readBlob(file, key) : undefined;
      if (hit) {
        await writer.write(job.outPath, hit);
        cached++;
        continue;
      }
      const { drawSocialCard } = await loadDraw();
      const png = await drawSocialCard(data);
      rendered++;
      if (file) await saveBlob(file, key, png);
      await writer.write(job.outPath, png);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, work));
  return { rendered, cached };
}

/**
 * satori, its fonts and sharp load only when a card has to be drawn (not in a warm build), and
 * once: under a loader hook (jiti, as `npm run lighthouse` runs src/) a second concurrent import
 * could get the module before it had finished evaluating.
 */
let draw: Promise<typeof Draw> | undefined;
const loadDraw = () => (draw ??= import('./draw.js'));
