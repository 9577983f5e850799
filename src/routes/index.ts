import { RouteData, Tracker } from './context.js';
import { planFeeds } from './feeds.js';
import { planPage, planRedirect, planSeries, planTopic } from './hubs.js';
import {
  planArchive,
  planHome,
  planNotFound,
  planSearch,
  planSeriesIndex,
  planTopicIndex,
} from './lists.js';
import { pageCount } from './plan.js';
import { planPost } from './post.js';
import { planRobots, planSitemap } from './sitemap.js';
import type { PagePlan, RouteInputs } from './types.js';

export * from './types.js';
export type * from './view-model.js';
export { RouteData, Tracker, frontMatterUrl } from './context.js';
export {
  TrackedDeps,
  readValues,
  cardDiff,
  readsChanged,
  type CardReadList,
  type CardSource,
} from './reads.js';

/**
 * SiteGraph + rendered bodies -> every page of the site. Cheap (no rendering): the build re-plans
 * everything after any change and re-renders only pages whose recorded dependencies changed.
 *
 * Every plan carries the `planKey` of the builder call that made it (`post:<id>`, `home`,
 * `feeds:/series/x/`, ...). With `select`, only those builder calls run: `serve` re-plans just the
 * pages that read a changed body. The sitemap lists every page, so it cannot be selected.
 */
export function planRoutes(
  inputs: RouteInputs,
  select?: ReadonlySet<string>,
  reuse?: ConstructorParameters<typeof RouteData>[1] | RouteData,
): PagePlan[] {
  if (select?.has('sitemap'))
    throw new Error('The sitemap is planned from every page; it cannot be re-planned alone.');
  // A RouteData made by the caller for these inputs (it already compared cards with it).
  const data = reuse instanceof RouteData ? reuse : new RouteData(inputs, reuse);
  const track = () => new Tracker(data);
  const g = inputs.graph;
  const plans: PagePlan[] = [];
  const add = (key: string, make: () => PagePlan | PagePlan[] | undefined) => {
    if (select && !select.has(key)) return;
    const made = make();
    for (const plan of Array.isArray(made) ? made : made ? [made] : []) {
      plan.planKey = key;
      plans.push(plan);
    }
  };
  // Paginated lists: one builder call per page, keyed `<list>` for the first and `<list>@<n>`
  // after, so `serve` re-plans only the page that shows a changed card.
  const pageKey = (list: string, n: number) => (n === 1 ? list : `${list}@${n}`);
  const size = inputs.site.pageSize;
  for (let n = 1; n <= pageCount(g.posts.length, size); n++)
    add(pageKey('home', n), () => planHome(track(), n));
  for (const p of g.posts) add(`post:${p.id}`, () => planPost(track(), p));
  for (const s of g.series) add(`series:${s.id}`, () => planSeries(track(), s));
  for (const t of g.topics)
    for (let n = 1; n <= pageCount(t.postIds.length, size); n++)
      add(pageKey(`topic:${t.id}`, n), () => planTopic(track(), t, n));
  for (const p of g.pages) add(`page:${p.id}`, () => planPage(track(), p));
  add('archive', () => planArchive(track()));
  add('series-index', () => planSeriesIndex(track()));
  add('topic-index', () => planTopicIndex(track()));
  add('404', () => planNotFound(track()));
  add('search', () => planSearch(track()));
  for (const a of g.aliases) add(`redirect:${a.url}`, () => planRedirect(track(), a.url, a.target));

  const site = inputs.site;
  add('feeds:/', () =>
    planFeeds(track, {
      sitePath: '/',
      title: site.title,
      description: site.description,
      pageUrl: data.url('/'),
      postIds: g.posts.map((p) => p.id),
    }),
  );
  for (const s of g.series) {
    const sitePath = s.url.slice(site.basePath.length - 1);
    add(`feeds:${sitePath}`, () =>
      planFeeds(track, {
        sitePath,
        title: `${s.entry.title} · ${site.title}`,
        description: s.entry.description,
        pageUrl: s.url,
        postIds: [...s.partIds].reverse(),
      }),
    );
  }
  for (const t of g.topics) {
    const sitePath = t.url.slice(site.basePath.length - 1);
    add(`feeds:${sitePath}`, () =>
      planFeeds(track, {
        sitePath,
        title: `${t.title} · ${site.title}`,
        description: t.entry?.description ?? '',
        pageUrl: t.url,
        postIds: t.postIds,
      }),
    );
  }
  if (!select) add('sitemap', () => planSitemap(data, plans));
  add('robots', () => planRobots(data));
  return plans.sort((a, b) => (a.outPath < b.outPath ? -1 : a.outPath > b.outPath ? 1 : 0));
}
