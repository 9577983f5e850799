import { planAuthor, planAuthorIndex } from './authors.js';
import { planFeeds } from './feeds.js';
import { planPage, planRedirect, planSeries, planTopic } from './hubs.js';
import { PageInputs } from './inputs.js';
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
import { planRedirectFile } from './redirect-file.js';
import type { RouteData } from './route-data.js';
import { planRobots, planSitemap } from './sitemap.js';
import type { PagePlan } from './types.js';
import { xmlChars } from './xml-chars.js';

export * from './types.js';
export type * from './view-model.js';
export { RouteData, type CardCarry } from './route-data.js';
export { RouteMemo } from './memo.js';
export { PageInputs } from './inputs.js';
export { dep, depKey, PageDeps, type DepId, type EntryRef, type ListName } from './deps.js';
export {
  readValues,
  cardDiff,
  readsChanged,
  type CardDiff,
  type CardReadList,
  type CardSource,
} from './reads.js';

/**
 * SiteGraph + rendered bodies -> every page of the site. Cheap (no rendering): a full run plans
 * everything, and pages whose recorded inputs did not change are not rendered again.
 *
 * Every plan carries the `planKey` of the builder call that made it (`post:<id>`, `home@2`,
 * `feeds:series:x`, ...). With `select`, only those builder calls run: a partial run (`serve`
 * after a body edit) plans just the pages that read what changed. The sitemap lists every page,
 * so it cannot be selected.
 */
export function planRoutes(data: RouteData, select?: ReadonlySet<string>): PagePlan[] {
  if (select?.has('sitemap'))
    throw new Error('The sitemap is planned from every page; it cannot be re-planned alone.');
  const inputs = () => new PageInputs(data);
  const g = data.inputs.graph;
  const plans: PagePlan[] = [];
  const add = (key: string, make: () => PagePlan | PagePlan[] | undefined) => {
    if (select && !select.has(key)) return;
    const made = make();
    for (const plan of Array.isArray(made) ? made : made ? [made] : []) {
      plan.planKey = key;
      // Every XML file passes here, whichever builder made it and whatever fields it holds.
      if (plan.kind === 'file' && plan.outPath.endsWith('.xml')) {
        const render = plan.render;
        plan.render = () => xmlChars(render());
      }
      plans.push(plan);
    }
  };
  // Paginated lists: one builder call per page, keyed `<list>` for the first and `<list>@<n>`
  // after, so `serve` re-plans only the page that shows a changed card.
  const paged = (list: string, n: number) => (n === 1 ? list : `${list}@${n}`);
  const size = data.inputs.site.pageSize;
  for (let n = 1; n <= pageCount(g.posts.length, size); n++)
    add(paged('home', n), () => planHome(inputs(), n));
  for (const p of g.posts) add(`post:${p.id}`, () => planPost(inputs(), p.id));
  for (const s of g.series) add(`series:${s.id}`, () => planSeries(inputs(), s.id));
  for (const t of g.topics)
    for (let n = 1; n <= pageCount(t.postIds.length, size); n++)
      add(paged(`topic:${t.id}`, n), () => planTopic(inputs(), t.id, n));
  for (const a of g.authors)
    for (let n = 1; n <= pageCount(a.postIds.length, size); n++)
      add(paged(`author:${a.id}`, n), () => planAuthor(inputs(), a.id, n));
  if (g.authors.length > 1) add('author-index', () => planAuthorIndex(inputs()));
  for (const p of g.pages) add(`page:${p.id}`, () => planPage(inputs(), p.id));
  add('archive', () => planArchive(inputs()));
  add('series-index', () => planSeriesIndex(inputs()));
  add('topic-index', () => planTopicIndex(inputs()));
  add('404', () => planNotFound(inputs()));
  add('search', () => planSearch(inputs()));
  // GitLab Pages serves a file over a redirect rule: there the rule alone answers old URLs.
  const host = data.inputs.site.redirectHost;
  if (host !== 'gitlab')
    for (const a of g.aliases) add(`redirect:${a.url}`, () => planRedirect(inputs(), a.url));
  if (host) add('redirect-file', () => planRedirectFile(inputs(), host));
  add('feeds:site', () => planFeeds(inputs, { kind: 'site' }));
  for (const s of g.series)
    add(`feeds:series:${s.id}`, () => planFeeds(inputs, { kind: 'series', id: s.id }));
  for (const t of g.topics)
    add(`feeds:topic:${t.id}`, () => planFeeds(inputs, { kind: 'topic', id: t.id }));
  for (const a of g.authors)
    add(`feeds:author:${a.id}`, () => planFeeds(inputs, { kind: 'author', id: a.id }));
  if (!select) add('sitemap', () => planSitemap(data, plans));
  add('robots', () => planRobots(inputs()));
  return plans.sort((a, b) => (a.outPath < b.outPath ? -1 : a.outPath > b.outPath ? 1 : 0));
}
