import { posix } from 'node:path';
import { hash, hashJson } from '../util/hash.js';
import { displayDate, isoDay } from '../util/dates.js';
import { FIXED, withBase } from '../graph/index.js';
import type { GraphPost } from '../graph/index.js';
import { fragmentsTo } from './absolute-html.js';
import { decodePath, lazyImages } from './images.js';
import { pickFields, TrackedDeps, type CardSource } from './reads.js';
import type { RenderedBody, RouteInputs } from './types.js';
import type {
  PostCardVM,
  SeriesCardVM,
  SiteVM,
  TopicCardVM,
  TopicRef,
  FeedLinks,
  ImageVM,
  PageMetaVM,
} from './view-model.js';

/**
 * The only door from routes to data. Every view-model piece is fetched through a Tracker, which
 * records the input id and the hash of what it handed out. A page's dependency list is exactly
 * what its builder read, so incremental rebuilds are correct by construction: if nothing a page
 * read changed, its bytes cannot have changed. Post cards are finer-grained: the fields of a card
 * that the page's builder and template read are recorded (reads.ts).
 */
export class Tracker {
  readonly deps: TrackedDeps;
  constructor(readonly data: RouteData) {
    this.deps = new TrackedDeps(data);
  }

  site(): SiteVM {
    this.deps.set('site', this.data.siteHash);
    return this.data.siteVM;
  }
  /** A card whose fields are recorded as they are read, while planning and while rendering. */
  card(postId: string): PostCardVM {
    return this.deps.reads.watch(postId, this.data.card(postId).vm);
  }
  body(inputId: string): RenderedBody {
    const b = this.data.inputs.bodies.get(inputId);
    if (!b) throw new Error(`No rendered body for ${inputId}`);
    this.deps.set(`body:${inputId}`, b.hash);
    return b;
  }
  /** Like post cards, series cards are recorded field by field (reads.ts), as `series/<id>`. */
  seriesCard(id: string): SeriesCardVM {
    return this.deps.reads.watch(`series/${id}`, this.data.seriesCard(id).vm);
  }
  topicCard(id: string): TopicCardVM {
    const c = this.data.topicCard(id);
    this.deps.set(`topic-card:${id}`, c.hash);
    return c.vm;
  }
  /** Record a structural fact (an ordering, a list of ids) the page depends on. */
  use(id: string, value: unknown): void {
    // Short values are their own fingerprint (no hashing thousands of tiny facts per rebuild).
    const json = JSON.stringify(value) ?? 'undefined';
    this.deps.set(id, json.length <= 64 ? json : hash(json));
  }
  image(inputId: string): string | undefined {
    const url = this.data.inputs.images?.get(inputId);
    if (url) this.deps.set(`image:${inputId}`, url);
    return url;
  }
}

type Cached<T> = { vm: T; hash: string };

/** Memoised cards and site data, shared by every page of one planning pass. */
export class RouteData implements CardSource {
  readonly siteVM: SiteVM;
  readonly siteHash: string;
  private cards = new Map<string, { vm: PostCardVM }>();
  private fieldValues = new Map<string, string>();
  private seriesCards = new Map<string, Cached<SeriesCardVM>>();
  private topicCards = new Map<string, Cached<TopicCardVM>>();

  /**
   * `reuse`: the previous pass's data, when its graph is this one and only the bodies of some
   * posts changed (a body-only rebuild), or `patched`: this graph is the previous one with the
   * entries of the `changed` posts replaced, nothing moved (a card-level front-matter edit). Every
   * card but the `changed` ones (post ids and `series/<id>`) is taken from it instead of being
   * built again.
   */
  constructor(
    readonly inputs: RouteInputs,
    reuse?: { from: RouteData; changed: ReadonlySet<string>; patched?: boolean },
  ) {
    if (reuse && (reuse.patched || reuse.from.inputs.graph === inputs.graph)) {
      const { from, changed } = reuse;
      this.siteVM = from.siteVM;
      this.siteHash = from.siteHash;
      for (const [id, c] of from.cards) if (!changed.has(id)) this.cards.set(id, c);
      for (const [id, c] of from.seriesCards)
        if (!changed.has(`series/${id}`)) this.seriesCards.set(id, c);
      for (const [id, c] of from.topicCards) this.topicCards.set(id, c);
    } else {
      this.siteVM = buildSiteVM(inputs);
      this.siteHash = hashJson(this.siteVM);
    }
  }

  url(sitePath: string): string {
    return withBase(this.inputs.site.basePath, sitePath);
  }
  abs(url: string): string {
    return new URL(url, this.inputs.site.baseUrl).href;
  }

  /** A cover or image reference from front matter -> URL (bundle file, site path or absolute URL). */
  assetUrl(dir: string, ref: string): string {
    return frontMatterUrl(this.inputs.graph, this.inputs.site.basePath, dir, ref);
  }

  /**
   * A cover from front matter: its URL, and for a local image the build processed, its intrinsic
   * size and responsive variants (the same data an image in Markdown gets).
   */
  cover(dir: string, ref: string, alt: string | undefined): ImageVM {
    const src = this.assetUrl(dir, ref);
    const vm: ImageVM = { src, alt: alt ?? '' };
    const answer = this.inputs.pictures?.get(decodePath(src));
    if (answer && 'image' in answer) {
      const info = answer.image;
      vm.width = info.width;
      vm.height = info.height;
      if (info.fallback && info.sources.length > 0)
        vm.picture = {
          sources: info.sources.map((s) => ({ type: s.type, srcset: s.srcset })),
          src: info.fallback.src,
          srcset: info.fallback.srcset,
          sizes: info.sizes,
        };
    }
    return vm;
  }

  topicRef(id: string): TopicRef {
    const t = this.inputs.graph.topicById.get(id)!;
    return { id, title: t.title, url: t.url };
  }

  card(postId: string): { vm: PostCardVM } {
    let c = this.cards.get(postId);
    if (!c) {
      const p = this.inputs.graph.postById.get(postId)!;
      c = { vm: buildCard(this, p, this.inputs.bodies.get(`post:${postId}`)!) };
      this.cards.set(postId, c);
    }
    return c;
  }

  /** A post card (`<post id>`) or a series card (`series/<id>`), undefined when it is gone. */
  cardValue(id: string): PostCardVM | SeriesCardVM | undefined {
    if (id.startsWith('series/')) {
      const s = id.slice(7);
      return this.inputs.graph.seriesById.has(s) ? this.seriesCard(s).vm : undefined;
    }
    return this.inputs.graph.postById.has(id) ? this.card(id).vm : undefined;
  }

  /** Current values of some fields of a card (see reads.ts); undefined when it is gone. */
  cardFields(id: string, fields: string): string | undefined {
    const k = `${id}\u0000${fields}`;
    let v = this.fieldValues.get(k);
    if (v === undefined) {
      const vm = this.cardValue(id);
      if (!vm) return undefined;
      v = pickFields(vm, fields);
      this.fieldValues.set(k, v);
    }
    return v;
  }

  seriesCard(id: string): Cached<SeriesCardVM> {
    let c = this.seriesCards.get(id);
    if (!c) {
      const s = this.inputs.graph.seriesById.get(id)!;
      const parts = s.partIds.map((pid) => this.card(pid).vm);
      const newest = parts.reduce<string>((m, p) => (p.date > m ? p.date : m), '');
      const vm: SeriesCardVM = {
        id,
        title: s.entry.title,
        url: s.url,
        description: s.entry.description,
        status: s.entry.status,
        publishedCount: parts.length,
        plannedCount: s.plannedCount,
        totalReadingMinutes: parts.reduce((n, p) => n + p.readingMinutes, 0),
        topics: s.topics
          .filter((t) => this.inputs.graph.topicById.has(t))
          .map((t) => this.topicRef(t)),
        lastUpdated: newest,
        lastUpdatedDisplay: newest ? displayDate(new Date(newest)) : '',
      };
      if (s.entry.cover) vm.cover = this.cover(s.entry.dir, s.entry.cover, s.entry.coverAlt);
      c = { vm, hash: hashJson(vm) };
      this.seriesCards.set(id, c);
    }
    return c;
  }

  topicCard(id: string): Cached<TopicCardVM> {
    let c = this.topicCards.get(id);
    if (!c) {
      const t = this.inputs.graph.topicById.get(id)!;
      const vm: TopicCardVM = {
        id,
        title: t.title,
        url: t.url,
        description: t.entry?.description ?? '',
        postCount: t.postIds.length,
      };
      if (t.entry?.cover) vm.cover = this.cover(t.entry.dir, t.entry.cover, t.entry.coverAlt);
      c = { vm, hash: hashJson(vm) };
      this.topicCards.set(id, c);
    }
    return c;
  }

  feedsFor(sitePath: string): FeedLinks {
    const f = this.inputs.site.feeds;
    const out: FeedLinks = {};
    if (f.rss) out.rss = this.url(`${sitePath}rss.xml`);
    if (f.atom) out.atom = this.url(`${sitePath}atom.xml`);
    if (f.json) out.json = this.url(`${sitePath}feed.json`);
    return out;
  }

  /** `<head>` data; `extraFeeds` are a series' or topic's own feeds. */
  meta(
    kind: PageMetaVM['kind'],
    url: string,
    title: string,
    description: string,
    extra: Partial<PageMetaVM> = {},
    extraFeeds?: { title: string; links: FeedLinks },
  ): PageMetaVM {
    const site = this.inputs.site;
    const feeds: PageMetaVM['feeds'] = [];
    const push = (t: string, l: FeedLinks) => {
      if (l.rss) feeds.push({ type: 'rss', title: `${t} (RSS)`, url: l.rss });
      if (l.atom) feeds.push({ type: 'atom', title: `${t} (Atom)`, url: l.atom });
      if (l.json) feeds.push({ type: 'json', title: `${t} (JSON Feed)`, url: l.json });
    };
    push(site.title, this.siteVM.feeds);
    if (extraFeeds) push(extraFeeds.title, extraFeeds.links);
    const absUrl = this.abs(url);
    return {
      kind,
      url,
      absUrl,
      canonical: absUrl,
      documentTitle: kind === 'home' && !extra.prevUrl ? site.title : `${title} · ${site.title}`,
      title,
      description: description || site.description,
      ogType: kind === 'post' ? 'article' : 'website',
      feeds,
      noindex: false,
      ...extra,
    };
  }
}

/**
 * A file reference from front matter (a cover) -> URL: an absolute URL as written, a site path
 * (`/img/a.png`, a public/ file) under the base path, or a file relative to the entry's folder
 * (a bundle file) at that file's URL.
 */
export function frontMatterUrl(
  graph: RouteInputs['graph'],
  basePath: string,
  dir: string,
  ref: string,
): string {
  if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(ref)) return ref;
  if (ref.startsWith('/')) return withBase(basePath, ref);
  const target = graph.byFile.get(posix.join(dir, ref));
  return target?.url ?? withBase(basePath, '/' + posix.join(dir, ref));
}

function buildSiteVM(inputs: RouteInputs): SiteVM {
  const s = inputs.site;
  const url = (p: string) => withBase(s.basePath, p);
  const posts = inputs.graph.posts;
  const years = posts.map((p) => p.year);
  const first = years.length ? Math.min(...years) : undefined;
  const last = years.length ? Math.max(...years) : undefined;
  const feeds: FeedLinks = {};
  if (s.feeds.rss) feeds.rss = url('/rss.xml');
  if (s.feeds.atom) feeds.atom = url('/atom.xml');
  if (s.feeds.json) feeds.json = url('/feed.json');
  return {
    title: s.title,
    description: s.description,
    baseUrl: s.baseUrl,
    basePath: s.basePath,
    language: s.language,
    author: s.author,
    menu: s.menu.map((m) => ({
      title: m.label,
      url: /^[a-z]+:|^\/\//i.test(m.url) ? m.url : url(m.url),
    })),
    feeds,
    search: { enabled: s.search, url: url(FIXED.search), bundle: url('/pagefind/') },
    assets: {
      css: url('/css/site.css'),
      js: url('/js/site.js'),
      searchJs: url('/js/search.js'),
      favicon: url('/favicon.svg'),
      katexCss: url('/vendor/katex/katex.min.css'),
    },
    urls: {
      home: url(FIXED.home),
      archive: url(FIXED.archive),
      seriesIndex: url(FIXED.seriesIndex),
      topicIndex: url(FIXED.topicIndex),
    },
    generator: s.generator,
    copyright: first === undefined ? '' : first === last ? String(first) : `${first}–${last}`,
  };
}

function buildCard(data: RouteData, p: GraphPost, body: RenderedBody): PostCardVM {
  const e = p.entry;
  // Lists are not above the fold: the post's first image (eager on its page) is lazy here.
  const excerptHtml =
    body.hasMoreMarker || !e.description
      ? lazyImages(fragmentsTo(body.excerptHtml, p.url))
      : `<p>${escapeHtml(e.description)}</p>`;
  const card: PostCardVM = {
    id: p.id,
    title: e.title,
    url: p.url,
    date: isoDay(e.date),
    dateDisplay: displayDate(e.date),
    year: p.year,
    description: e.description,
    excerptHtml,
    readingMinutes: body.readingMinutes,
    wordCount: body.wordCount,
    topics: e.topics.map((t) => data.topicRef(t)),
    draft: e.draft,
    future: p.future,
  };
  if (e.updated) {
    card.updated = isoDay(e.updated);
    card.updatedDisplay = displayDate(e.updated);
  }
  const s = e.series ? data.inputs.graph.seriesById.get(e.series) : undefined;
  if (s)
    card.series = {
      id: s.id,
      title: s.entry.title,
      url: s.url,
      part: e.part!,
      total: Math.max(s.plannedCount, s.partIds.length),
    };
  if (e.cover) card.cover = data.cover(e.dir, e.cover, e.coverAlt);
  return card;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
