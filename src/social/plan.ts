import path from 'node:path';
import type { EntryKind } from '../content/index.js';
import type { SiteGraph } from '../graph/index.js';
import { withBase } from '../graph/index.js';

/**
 * Social cards: the Open Graph image of a post, series or topic page (`og/posts/x.png`), drawn
 * from its title. Not to be confused with post cards (routes/), a post as lists show it.
 */

/** What a social card shows. */
export interface SocialCardData {
  title: string;
  /** Small line above the title: "Building a Storage Engine · Part 2 of 5", "Topic · 12 posts". */
  kicker: string;
  siteName: string;
  /** Bottom-right label, e.g. "#databases". */
  tag: string;
  /** Optional cover image (already read), shown beside the title. */
  cover?: Uint8Array;
}

/** An entry: `post:x`, `series:x`, `topic:x`. */
type EntryRef = `${EntryKind}:${string}`;

export interface SocialCardJob {
  /** The entry whose page the card is for. */
  of: EntryRef;
  /** Output path of the PNG. */
  outPath: string;
  data: Omit<SocialCardData, 'cover'>;
  /** Absolute path of a local cover image to include. */
  coverFile?: string;
}

export interface SocialPlan {
  jobs: SocialCardJob[];
  /** Absolute image URL per entry: generated cards and front-matter `image` overrides. */
  urls: Map<EntryRef, string>;
}

/**
 * Which pages get a social card, and where each image lives. A front-matter `image` replaces the
 * generated card (a bundle file, a site path or a URL).
 */
export function planSocialCards(
  graph: SiteGraph,
  site: { title: string; baseUrl: string; basePath: string },
  root: string,
  enabled: boolean,
  covers: boolean,
): SocialPlan {
  const jobs: SocialCardJob[] = [];
  const images = new Map<EntryRef, string>();
  const abs = (sitePath: string) => new URL(withBase(site.basePath, sitePath), site.baseUrl).href;
  const override = (id: EntryRef, dir: string, image: string | undefined): boolean => {
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
    of: EntryRef,
    sitePath: string,
    data: SocialCardJob['data'],
    coverFile: string | undefined,
  ) => {
    if (!enabled) return;
    const outPath = `og/${sitePath}.png`;
    jobs.push(coverFile ? { of, outPath, data, coverFile } : { of, outPath, data });
    images.set(of, abs(`/${outPath}`));
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
  return { jobs, urls: images };
}
