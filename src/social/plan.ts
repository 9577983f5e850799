import path from 'node:path';
import type { EntryKind } from '../content/index.js';
import type { SiteGraph } from '../graph/index.js';
import { withBase } from '../graph/index.js';

/**
 * Social cards: the Open Graph image of a post, series, topic or standalone page (`og/posts/x.png`), drawn
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
  const urls = new Map<EntryRef, string>();
  for (const c of candidates(graph, site.title)) {
    if (c.image) {
      urls.set(c.of, imageUrl(graph, site, c.dir, c.image));
      continue;
    }
    if (!enabled) continue;
    const outPath = `og/${c.sitePath}.png`;
    const coverFile = covers ? localCover(root, c.dir, c.cover) : undefined;
    const data = c.data;
    jobs.push(coverFile ? { of: c.of, outPath, data, coverFile } : { of: c.of, outPath, data });
    urls.set(c.of, new URL(withBase(site.basePath, `/${outPath}`), site.baseUrl).href);
  }
  return { jobs, urls };
}

/** A page that may get a social card: what the card would show, or the image that replaces it. */
interface Candidate {
  of: EntryRef;
  /** Site path of the card, without `og/` and `.png`. */
  sitePath: string;
  data: SocialCardJob['data'];
  /** The entry's folder, and its front-matter `image` and `cover`. */
  dir: string;
  image: string | undefined;
  cover: string | undefined;
}

/** Posts, series, topics and pages, with what their cards say. */
function candidates(graph: SiteGraph, siteName: string): Candidate[] {
  const posts = graph.posts.map((p): Candidate => {
    const e = p.entry;
    const s = e.series ? graph.seriesById.get(e.series) : undefined;
    const kicker = s
      ? `${s.entry.title} · Part ${e.part} of ${Math.max(s.plannedCount, s.partIds.length)}`
      : e.date.toISOString().slice(0, 10);
    const topic = e.topics[0] ? graph.topicById.get(e.topics[0]) : undefined;
    const tag = topic ? `#${topic.id}` : '';
    const data = { title: e.title, kicker, siteName, tag };
    return { of: `post:${p.id}`, sitePath: `posts/${p.id}`, data, ...from(e) };
  });
  const series = graph.series.map((s): Candidate => {
    const n = s.partIds.length;
    const kicker = `Series · ${n} of ${Math.max(n, s.plannedCount)} parts`;
    const tag = s.entry.status === 'complete' ? 'complete' : 'ongoing';
    const data = { title: s.entry.title, kicker, siteName, tag };
    return { of: `series:${s.id}`, sitePath: `series/${s.id}`, data, ...from(s.entry) };
  });
  const topics = graph.topics.map((t): Candidate => {
    const n = t.postIds.length;
    const kicker = `Topic · ${n} post${n === 1 ? '' : 's'}`;
    const data = { title: t.title, kicker, siteName, tag: `#${t.id}` };
    const entry = t.entry ? from(t.entry) : noImage;
    return { of: `topic:${t.id}`, sitePath: `topics/${t.id}`, data, ...entry };
  });
  const authors = graph.authors.map((a): Candidate => {
    const n = a.postIds.length;
    const kicker = `Author · ${n} post${n === 1 ? '' : 's'}`;
    const data = { title: a.name, kicker, siteName, tag: '' };
    return { of: `author:${a.id}`, sitePath: `authors/${a.id}`, data, ...noImage };
  });
  // Standalone pages (about, now, uses) are shared too: their card names the site.
  const pages = graph.pages.map((p): Candidate => {
    const data = { title: p.entry.title, kicker: siteName, siteName, tag: '' };
    return { of: `page:${p.id}`, sitePath: `pages/${p.id}`, data, ...from(p.entry) };
  });
  return [...posts, ...series, ...topics, ...authors, ...pages];
}

const noImage = { dir: '', image: undefined, cover: undefined };
const from = (e: { dir: string; image?: string | undefined; cover?: string | undefined }) => ({
  dir: e.dir,
  image: e.image,
  cover: e.cover,
});

/** A front-matter `image`: an http(s) URL as written, a site path or a bundle file made absolute. */
function imageUrl(
  graph: SiteGraph,
  site: { baseUrl: string; basePath: string },
  dir: string,
  image: string,
): string {
  if (/^https?:\/\//i.test(image)) return image;
  if (image.startsWith('/')) return new URL(withBase(site.basePath, image), site.baseUrl).href;
  const file = path.posix.join(dir, image);
  const url = graph.byFile.get(file)?.url ?? withBase(site.basePath, file);
  return new URL(url, site.baseUrl).href;
}

/** A local raster or SVG cover to draw beside the title, as an absolute path. */
function localCover(root: string, dir: string, cover: string | undefined): string | undefined {
  if (!cover || /^[a-z][a-z0-9+.-]*:|^\/\//i.test(cover)) return undefined;
  if (!/\.(png|jpe?g|webp|avif|gif|svg)$/i.test(cover)) return undefined;
  return path.join(
    root,
    cover.startsWith('/') ? path.join('public', cover) : path.join(dir, cover),
  );
}
