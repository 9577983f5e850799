import { RouteData, Tracker } from './context.js';
import { planFeeds } from './feeds.js';
import { planPage, planRedirect, planSeries, planTopic } from './hubs.js';
import { planArchive, planHome, planNotFound, planSearch, planSeriesIndex, planTopicIndex } from './lists.js';
import { planPost } from './post.js';
import { planRobots, planSitemap } from './sitemap.js';
import type { PagePlan, RouteInputs } from './types.js';

export * from './types.js';
export type * from './view-model.js';
export { RouteData, Tracker } from './context.js';
export { TrackedDeps, readValues, type CardReadList } from './reads.js';

/**
 * SiteGraph + rendered bodies -> every page of the site. Cheap (no rendering): the build re-plans
 * everything after any change and re-renders only pages whose recorded dependencies changed.
 */
export function planRoutes(inputs: RouteInputs): PagePlan[] {
  const data = new RouteData(inputs);
  const track = () => new Tracker(data);
  const g = inputs.graph;
  const plans: PagePlan[] = [];
  plans.push(...planHome(track));
  for (const p of g.posts) plans.push(planPost(track(), p));
  for (const s of g.series) plans.push(planSeries(track(), s));
  for (const t of g.topics) plans.push(planTopic(track(), t));
  for (const p of g.pages) plans.push(planPage(track(), p));
  plans.push(planArchive(track()), planSeriesIndex(track()), planTopicIndex(track()), planNotFound(track()));
  const search = planSearch(track());
  if (search) plans.push(search);
  for (const a of g.aliases) plans.push(planRedirect(track(), a.url, a.target));

  const site = inputs.site;
  plans.push(...planFeeds(track, { sitePath: '/', title: site.title, description: site.description, pageUrl: data.url('/'), postIds: g.posts.map((p) => p.id) }));
  for (const s of g.series) {
    plans.push(...planFeeds(track, { sitePath: s.url.slice(site.basePath.length - 1), title: `${s.entry.title} · ${site.title}`, description: s.entry.description, pageUrl: s.url, postIds: [...s.partIds].reverse() }));
  }
  for (const t of g.topics) {
    plans.push(...planFeeds(track, { sitePath: t.url.slice(site.basePath.length - 1), title: `${t.title} · ${site.title}`, description: t.entry?.description ?? '', pageUrl: t.url, postIds: t.postIds }));
  }
  plans.push(planSitemap(data, plans), planRobots(data));
  return plans.sort((a, b) => (a.outPath < b.outPath ? -1 : a.outPath > b.outPath ? 1 : 0));
}
