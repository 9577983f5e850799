import type { GraphAuthor, GraphPage, GraphPost, GraphSeries, GraphTopic } from '../graph/index.js';
import { dep, fingerprint, PageDeps, type EntryRef } from './deps.js';
import type { RouteData } from './route-data.js';
import type { RenderedBody, SiteSettings } from './types.js';
import { ListReads, nodeView, type View } from './views.js';
import type {
  AuthorCardVM,
  FeedLinks,
  ImageVM,
  PageMetaVM,
  PostCardVM,
  SeriesCardVM,
  SiteVM,
  TopicCardVM,
} from './view-model.js';

/**
 * The only door from a route builder to data, one per page. Every method records what it hands
 * out (deps.ts): builders never list dependencies, and cannot reach the route inputs around it.
 * Cards are recorded field by field as the page's builder and template read them (reads.ts);
 * entries and graph nodes through recording views (views.ts); lists by the part a page shows.
 */
export class PageInputs {
  readonly deps: PageDeps;

  constructor(private readonly data: RouteData) {
    this.deps = new PageDeps(data);
  }

  private useSite(): void {
    this.deps.record(dep.site(), () => this.data.siteHash);
  }

  /** The site's settings (title, base path, page size, feeds, ...). */
  settings(): SiteSettings {
    this.useSite();
    return this.data.inputs.site;
  }
  site(): SiteVM {
    this.useSite();
    return this.data.siteVM;
  }
  /** A site path (`/archive/`) as a root-relative URL with the base path. */
  url(sitePath: string): string {
    this.useSite();
    return this.data.url(sitePath);
  }
  /** A root-relative URL made absolute. */
  abs(url: string): string {
    this.useSite();
    return this.data.abs(url);
  }
  feedsFor(sitePath: string): FeedLinks {
    this.useSite();
    return this.data.feedsFor(sitePath);
  }
  meta(...args: Parameters<RouteData['meta']>): PageMetaVM {
    this.useSite();
    return this.data.meta(...args);
  }

  /** A post card whose fields are recorded as they are read, while planning and rendering. */
  card(postId: string): PostCardVM {
    return this.deps.cards.watch(postId, this.data.card(postId).vm);
  }
  /** Like post cards, series cards are recorded field by field, as `series/<id>`. */
  seriesCard(id: string): SeriesCardVM {
    return this.deps.cards.watch(`series/${id}`, this.data.seriesCard(id).vm);
  }
  topicCard(id: string): TopicCardVM {
    const c = this.data.topicCard(id);
    this.deps.record(dep.topicCard(id), () => c.hash);
    return c.vm;
  }
  authorCard(id: string): AuthorCardVM {
    const c = this.data.authorCard(id);
    this.deps.record(dep.authorCard(id), () => c.hash);
    return c.vm;
  }
  cover(dir: string, ref: string, alt: string | undefined): ImageVM {
    this.useSite();
    return this.data.cover(dir, ref, alt);
  }

  body(of: EntryRef): RenderedBody {
    const b = this.data.inputs.bodies.get(of);
    if (!b) throw new Error(`No rendered body for ${of}`);
    this.deps.record(dep.body(of), () => b.hash);
    return b;
  }
  /** The absolute URL of an entry's social card, when it has one. */
  socialCard(of: EntryRef): string | undefined {
    const url = this.data.inputs.socialCards?.get(of);
    this.deps.record(dep.socialCard(of), () => url ?? '');
    return url;
  }

  post(id: string): View<GraphPost> {
    return this.node(`post:${id}`, this.data.inputs.graph.postById.get(id));
  }
  series(id: string): View<GraphSeries> {
    return this.node(`series:${id}`, this.data.inputs.graph.seriesById.get(id));
  }
  topic(id: string): View<GraphTopic> {
    return this.node(`topic:${id}`, this.data.inputs.graph.topicById.get(id));
  }
  author(id: string): View<GraphAuthor> {
    return this.node(`author:${id}`, this.data.inputs.graph.authorById.get(id));
  }
  page(id: string): View<GraphPage> {
    return this.node(`page:${id}`, this.data.graphLists().pages.get(id));
  }
  private node<T extends object>(of: EntryRef, node: T | undefined): View<T> {
    if (!node) throw new Error(`${of} is not in the site graph`);
    return nodeView(of, node, this.deps);
  }

  /** Is there a series with this id (a post may name one a rule turned into a non-error)? */
  hasSeries(id: string): boolean {
    const has = this.data.inputs.graph.seriesById.has(id);
    this.deps.record(dep.list('series', id, 'exists'), () => String(has));
    return has;
  }

  /** Visible posts, newest first. */
  posts(): ListReads<string> {
    return new ListReads('posts', '', this.data.graphLists().posts, this.deps);
  }
  seriesIds(): ListReads<string> {
    return new ListReads('series', '', this.data.graphLists().series, this.deps);
  }
  topicIds(): ListReads<string> {
    return new ListReads('topics', '', this.data.graphLists().topics, this.deps);
  }
  authorIds(): ListReads<string> {
    return new ListReads('authors', '', this.data.graphLists().authors, this.deps);
  }
  /** An author's visible posts, newest first. */
  authorPosts(id: string): ListReads<string> {
    const a = this.data.inputs.graph.authorById.get(id)!;
    return new ListReads('author-posts', id, a.postIds, this.deps);
  }
  archive(): ListReads<{ year: number; postIds: string[] }> {
    return new ListReads('archive', '', this.data.inputs.graph.archive, this.deps);
  }
  /** A topic's visible posts (newest first), or its series. */
  topicPosts(id: string): ListReads<string> {
    return new ListReads(
      'topic-posts',
      id,
      this.data.inputs.graph.topicById.get(id)!.postIds,
      this.deps,
    );
  }
  topicSeries(id: string): ListReads<string> {
    const t = this.data.inputs.graph.topicById.get(id)!;
    return new ListReads('topic-series', id, t.seriesIds, this.deps);
  }
  /** A series' visible parts, in part order. */
  seriesParts(id: string): ListReads<string> {
    const s = this.data.inputs.graph.seriesById.get(id)!;
    return new ListReads('series-parts', id, s.partIds, this.deps);
  }
  /** A post's chronological neighbours across the blog: prev = older, next = newer. */
  neighbours(postId: string): { prev?: string; next?: string } {
    const c = this.data.inputs.graph.chrono.get(postId) ?? {};
    this.deps.record(dep.list('neighbours', postId, 'all'), () =>
      fingerprint([c.prev ?? null, c.next ?? null]),
    );
    return c;
  }
  related(postId: string): ListReads<string> {
    return new ListReads(
      'related',
      postId,
      this.data.inputs.graph.related.get(postId) ?? [],
      this.deps,
    );
  }
  /** Where an old URL (front-matter `aliases`) forwards to. */
  aliasTarget(url: string): string {
    const target = this.data.graphLists().aliases.get(url);
    if (target === undefined) throw new Error(`${url} is not an alias`);
    this.deps.record(dep.list('aliases', url, 'target'), () => fingerprint(target));
    return target;
  }

  /** Every alias of the site, as written and with its target (for a host's redirect file). */
  aliases(): readonly { from: string; target: string }[] {
    const all = this.data.inputs.graph.aliases.map((a) => ({ from: a.from, target: a.target }));
    this.deps.record(dep.list('aliases', '', 'all'), () => fingerprint(all));
    return all;
  }

  /** Plain text of excerpt HTML, for meta descriptions (kept across planning passes). */
  plainText(html: string): string {
    return this.data.memo.plainText(html);
  }
  /** A body or excerpt as feeds carry it: absolute URLs, lazy images, no sidenotes. */
  feedHtml(body: RenderedBody | undefined, excerptHtml: string, pageUrl: string): string {
    if (body) return this.data.memo.feedBody(body, pageUrl);
    return this.data.feedExcerpt(excerptHtml, pageUrl);
  }
}
