import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { SiteGraph } from '../graph/index.js';
import { withBase } from '../graph/index.js';
import { cardKey, type CardData } from './key.js';
import type { OutputWriter } from '../output/index.js';
import { saveAtomically } from '../util/files.js';
import type * as CardRenderer from './draw.js';

export interface CardJob {
  /** Input id of the page (`post:x`, `series:x`, `topic:x`). */
  id: string;
  /** Output path of the PNG. */
  outPath: string;
  data: Omit<CardData, 'cover'>;
  /** Absolute path of a local cover image to include. */
  coverFile?: string;
}

export interface CardPlan {
  jobs: CardJob[];
  /** Absolute image URL per input id: generated cards and front-matter `image` overrides. */
  images: Map<string, string>;
}

/**
 * Which pages get a social card, and where each image lives. A front-matter `image` replaces the
 * generated card (a bundle file, a site path or a URL).
 */
export function planCards(
  graph: SiteGraph,
  site: { title: string; baseUrl: string; basePath: string },
  root: string,
  enabled: boolean,
  covers: boolean,
): CardPlan {
  const jobs: CardJob[] = [];
  const images = new Map<string, string>();
  const abs = (sitePath: string) => new URL(withBase(site.basePath, sitePath), site.baseUrl).href;
  const override = (id: string, dir: string, image: string | undefined): boolean => {
    if (!image) return false;
    if (/^https?:\/\//i.test(image)) images.set(id, image);
    else if (image.startsWith('/')) images.set(id, abs(image));
    else {
      const target = graph.byFile.get(path.posix.join(dir, image))?.url;
      images.set(
        id,
        new URL(target ?? withBase(site.basePath, path.posix.join(dir, image)), site.baseUrl).href,
      );
    }
    return true;
  };
  const localCover = (dir: string, cover: string | undefined) =>
    covers &&
    cover &&
    !/^[a-z][a-z0-9+.-]*:|^\/\//i.test(cover) &&
    /\.(png|jpe?g|webp|avif|gif|svg)$/i.test(cover)
      ? path.join(root, cover.startsWith('/') ? path.join('public', cover) : path.join(dir, cover))
      : undefined;
  const add = (
    id: string,
    sitePath: string,
    data: CardJob['data'],
    coverFile: string | undefined,
  ) => {
    if (!enabled) return;
    const outPath = `og/${sitePath}.png`;
    jobs.push(coverFile ? { id, outPath, data, coverFile } : { id, outPath, data });
    images.set(id, abs(`/${outPath}`));
  };
  for (const p of graph.posts) {
    const e = p.entry;
    if (override(`post:${p.id}`, e.dir, e.image)) continue;
    const s = e.series ? graph.seriesById.get(e.series) : undefined;
    const kicker = s
      ? `${s.entry.title} · Part ${e.part} of ${Math.max(s.plannedCount, s.partIds.length)}`
      : e.date.toISOString().slice(0, 10);
    const topic = e.topics[0] ? graph.topicById.get(e.topics[0]) : undefined;
    add(
      `post:${p.id}`,
      `posts/${p.id}`,
      { title: e.title, kicker, siteName: site.title, tag: topic ? `#${topic.id}` : '' },
      localCover(e.dir, e.cover),
    );
  }
  for (const s of graph.series) {
    if (override(`series:${s.id}`, s.entry.dir, s.entry.image)) continue;
    const n = s.partIds.length;
    add(
      `series:${s.id}`,
      `series/${s.id}`,
      {
        title: s.entry.title,
        kicker: `Series · ${n} of ${Math.max(n, s.plannedCount)} parts`,
        siteName: site.title,
        tag: s.entry.status === 'complete' ? 'complete' : 'ongoing',
      },
      localCover(s.entry.dir, s.entry.cover),
    );
  }
  for (const t of graph.topics) {
    if (t.entry && override(`topic:${t.id}`, t.entry.dir, t.entry.image)) continue;
    add(
      `topic:${t.id}`,
      `topics/${t.id}`,
      {
        title: t.title,
        kicker: `Topic · ${t.postIds.length} post${t.postIds.length === 1 ? '' : 's'}`,
        siteName: site.title,
        tag: `#${t.id}`,
      },
      t.entry ? localCover(t.entry.dir, t.entry.cover) : undefined,
    );
  }
  return { jobs, images };
}

/**
 * Render (or take from `.cache/cards/`) every card and write it. Cards are cached by their
 * content, so a warm build does no card work at all.
 */
export async function writeCards(
  jobs: readonly CardJob[],
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
      const data: CardData = cover ? { ...job.data, cover } : job.data;
      const file = cacheDir ? path.join(cacheDir, 'cards', `${cardKey(data)}.png`) : null;
      if (
        file &&
        (await stat(file).then(
          (st) => st.size > 0,
          () => false,
        ))
      ) {
        await writer.copy(job.outPath, file);
        cached++;
        continue;
      }
      const { renderCard } = await loadCardRenderer();
      const png = await renderCard(data);
      rendered++;
      if (file) await saveAtomically(file, png);
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
let cardRenderer: Promise<typeof CardRenderer> | undefined;
const loadCardRenderer = () => (cardRenderer ??= import('./draw.js'));
