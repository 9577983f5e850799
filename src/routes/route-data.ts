import { hashJson } from '../util/hash.js';
import { displayDate } from '../util/dates.js';
import { frontMatterUrl, withBase, type GraphPage } from '../graph/index.js';
import { absolutizeHtml } from './absolute-html.js';
import { buildAuthorCard, buildPostCard, buildSiteVM } from './card-data.js';
import { decodePath, lazyImages } from './images.js';
import { RouteMemo } from './memo.js';
import { pickFields, type CardSource } from './reads.js';
import type { RouteInputs } from './types.js';
import type {
  AuthorCardVM,
  AuthorRef,
  PostCardVM,
  SeriesCardVM,
  SiteVM,
  TopicCardVM,
  TopicRef,
  FeedLinks,
  ImageVM,
  PageMetaVM,
} from './view-model.js';

type Cached<T> = { vm: T; hash: string };

/** The graph's id lists and lookups that pages read parts of. */
export interface GraphLists {
  posts: string[];
  series: string[];
  topics: string[];
  authors: string[];
  pages: ReadonlyMap<string, GraphPage>;
  aliases: ReadonlyMap<string, string>;
}

/**
 * The cards of an earlier planning pass that a partial run takes over: every card but the
 * `changed` ones (post ids and `series/<id>`), whose posts' bodies or card-level front matter
 * were edited. Nothing else moved (scope.ts), so the others are the same.
 */
export interface CardCarry {
  from: RouteData;
  changed: ReadonlySet<string>;
}

/**
 * One planning pass's data: the route inputs, with cards and the site view-model built once and
 * shared by every page. Builders never see it: they read through a `PageInputs` (inputs.ts),
 * which records what they read.
 */
export class RouteData implements CardSource {
  readonly siteVM: SiteVM;
  /** Fingerprint of everything `site` stands for: the settings and the site view-model. */
  readonly siteHash: string;
  readonly memo: RouteMemo;
  private readonly feedExcerpts = new Map<string, string>();
  private cards = new Map<string, { vm: PostCardVM }>();
  private fieldValues = new Map<string, string>();
  private seriesCards = new Map<string, Cached<SeriesCardVM>>();
  private topicCards = new Map<string, Cached<TopicCardVM>>();
  private authorCards = new Map<string, Cached<AuthorCardVM>>();
  private lists: GraphLists | undefined;

  constructor(
    readonly inputs: RouteInputs,
    carry?: CardCarry,
  ) {
    this.memo = inputs.memo ?? new RouteMemo();
    if (carry) {
      const { from, changed } = carry;
      this.siteVM = from.siteVM;
      this.siteHash = from.siteHash;
      for (const [id, c] of from.cards) if (!changed.has(id)) this.cards.set(id, c);
      for (const [id, c] of from.seriesCards)
        if (!changed.has(`series/${id}`)) this.seriesCards.set(id, c);
      for (const [id, c] of from.topicCards) this.topicCards.set(id, c);
      for (const [id, c] of from.authorCards) this.authorCards.set(id, c);
      this.lists = from.lists;
    } else {
      this.siteVM = buildSiteVM(inputs);
      this.siteHash = hashJson([inputs.site, this.siteVM]);
    }
  }

  /** Id lists and lookups of the graph, made once per pass (and kept by a partial run). */
  graphLists(): GraphLists {
    if (!this.lists) {
      const g = this.inputs.graph;
      this.lists = {
        posts: g.posts.map((p) => p.id),
        series: g.series.map((s) => s.id),
        topics: g.topics.map((t) => t.id),
        authors: g.authors.map((a) => a.id),
        pages: new Map(g.pages.map((p) => [p.id, p])),
        aliases: new Map(g.aliases.map((a) => [a.url, a.target])),
      };
    }
    return this.lists;
  }

  /** An excerpt as feeds carry it: absolute URLs, lazy images (kept for this pass). */
  feedExcerpt(html: string, pageUrl: string): string {
    const key = `${pageUrl}\u0000${html}`;
    let out = this.feedExcerpts.get(key);
    if (out === undefined) {
      out = lazyImages(absolutizeHtml(html, pageUrl));
      this.feedExcerpts.set(key, out);
    }
    return out;
  }

  url(sitePath: string): string {
    return withBase(this.inputs.site.basePath, sitePath);
  }
  abs(url: string): string {
    return new URL(url, this.inputs.site.baseUrl).href;
  }

  /**
   * A cover from front matter: its URL, and for a local image the build processed, its intrinsic
   * size and responsive variants (the same data an image in Markdown gets).
   */
  cover(dir: string, ref: string, alt: string | undefined): ImageVM {
    const src = frontMatterUrl(this.inputs.graph, this.inputs.site.basePath, dir, ref);
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

  authorRef(id: string): AuthorRef {
    const a = this.inputs.graph.authorById.get(id)!;
    return { id, name: a.name, url: a.url };
  }

  authorCard(id: string): Cached<AuthorCardVM> {
    let c = this.authorCards.get(id);
    if (!c) {
      const vm = buildAuthorCard(this, this.inputs.graph.authorById.get(id)!);
      c = { vm, hash: hashJson(vm) };
      this.authorCards.set(id, c);
    }
    return c;
  }

  card(postId: string): { vm: PostCardVM } {
    let c = this.cards.get(postId);
    if (!c) {
      const p = this.inputs.graph.postById.get(postId)!;
      c = { vm: buildPostCard(this, p, this.inputs.bodies.get(`post:${postId}`)!) };
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
        lastUpdatedDisplay: newest ? displayDate(new Date(newest), this.inputs.site.language) : '',
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
