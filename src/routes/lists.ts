import { FIXED } from '../graph/index.js';
import type { Tracker } from './context.js';
import { htmlPlan, pageCount, paginate } from './plan.js';
import type { HtmlPlan } from './types.js';
import type {
  ArchiveVM,
  HomeVM,
  NotFoundVM,
  SearchPageVM,
  SeriesIndexVM,
  TopicIndexVM,
} from './view-model.js';

/**
 * Page `n` of home, paginated: `/`, `/page/2/`, ... The first page also lists series (ongoing
 * first). One page per builder call, so a retitled post re-plans the one page that lists it.
 */
export function planHome(t: Tracker, n: number): HtmlPlan {
  const { graph, site } = t.data.inputs;
  const size = site.pageSize;
  const total = pageCount(graph.posts.length, size);
  const pageUrl = (k: number) => t.data.url(k === 1 ? FIXED.home : FIXED.homePage(k));
  const { items, pagination, links } = paginate(graph.posts, size, n, pageUrl);
  const ids = items.map((p) => p.id);
  t.use('home:ids', [ids, total]);
  const url = pageUrl(n);
  const series =
    n === 1
      ? [...graph.series]
          .sort((a, b) =>
            a.entry.status === b.entry.status ? 0 : a.entry.status === 'ongoing' ? -1 : 1,
          )
          .filter((s) => s.partIds.length)
          .map((s) => t.seriesCard(s.id))
      : [];
  t.use(
    'home:series',
    series.map((s) => s.id),
  );
  const title = n === 1 ? site.title : `Page ${n}`;
  const page = t.data.meta('home', url, title, site.description, links);
  const props: HomeVM = {
    site: t.site(),
    page,
    posts: ids.map((id) => t.card(id)),
    pagination,
    series,
  };
  return htmlPlan(t, 'home', url, props, { sitemap: true, searchable: false });
}

export function planArchive(t: Tracker): HtmlPlan {
  const { graph, site } = t.data.inputs;
  t.use('archive', graph.archive);
  const url = t.data.url(FIXED.archive);
  const props: ArchiveVM = {
    site: t.site(),
    page: t.data.meta('archive', url, 'Archive', `Every post on ${site.title}, by year.`),
    years: graph.archive.map((y) => ({
      year: y.year,
      count: y.postIds.length,
      posts: y.postIds.map((id) => t.card(id)),
    })),
    total: graph.posts.length,
  };
  return htmlPlan(t, 'archive', url, props, { sitemap: true, searchable: false });
}

export function planSeriesIndex(t: Tracker): HtmlPlan {
  const { graph, site } = t.data.inputs;
  const ids = graph.series.map((s) => s.id);
  t.use('series:ids', ids);
  const url = t.data.url(FIXED.seriesIndex);
  const props: SeriesIndexVM = {
    site: t.site(),
    page: t.data.meta('series-index', url, 'Series', `Multi-part series on ${site.title}.`),
    series: ids.map((id) => t.seriesCard(id)),
  };
  return htmlPlan(t, 'series-index', url, props, { sitemap: true, searchable: false });
}

export function planTopicIndex(t: Tracker): HtmlPlan {
  const { graph, site } = t.data.inputs;
  const ids = graph.topics.map((x) => x.id);
  t.use('topic:ids', ids);
  const url = t.data.url(FIXED.topicIndex);
  const props: TopicIndexVM = {
    site: t.site(),
    page: t.data.meta('topic-index', url, 'Topics', `Every topic on ${site.title}.`),
    topics: ids.map((id) => t.topicCard(id)),
  };
  return htmlPlan(t, 'topic-index', url, props, { sitemap: true, searchable: false });
}

export function planNotFound(t: Tracker): HtmlPlan {
  const { graph } = t.data.inputs;
  const ids = graph.posts.slice(0, 5).map((p) => p.id);
  t.use('404:ids', ids);
  const url = t.data.url(FIXED.notFound);
  const props: NotFoundVM = {
    site: t.site(),
    page: {
      ...t.data.meta('404', url, 'Page not found', 'The page you asked for does not exist.'),
      noindex: true,
    },
    recent: ids.map((id) => t.card(id)),
  };
  return htmlPlan(t, '404', url, props, { sitemap: false, searchable: false, outPath: '404.html' });
}

export function planSearch(t: Tracker): HtmlPlan | undefined {
  const { site } = t.data.inputs;
  if (!site.search) return undefined;
  const url = t.data.url(FIXED.search);
  const props: SearchPageVM = {
    site: t.site(),
    page: { ...t.data.meta('search', url, 'Search', `Search ${site.title}.`), noindex: true },
  };
  return htmlPlan(t, 'search', url, props, { sitemap: false, searchable: false });
}
