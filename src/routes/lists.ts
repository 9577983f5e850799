import { fillString } from '../config/strings/index.js';
import { FIXED } from '../graph/index.js';
import type { PageInputs } from './inputs.js';
import { htmlPlan, paginate } from './plan.js';
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
export function planHome(t: PageInputs, n: number): HtmlPlan {
  const site = t.settings();
  const pageUrl = (k: number) => t.url(k === 1 ? FIXED.home : FIXED.homePage(k));
  const { items: ids, pagination, links } = paginate(t.posts(), site.pageSize, n, pageUrl);
  const url = pageUrl(n);
  const series =
    n === 1
      ? t
          .seriesIds()
          .all()
          .map((id) => t.series(id))
          .filter((s) => s.partIds.length)
          .sort((a, b) =>
            a.entry.status === b.entry.status ? 0 : a.entry.status === 'ongoing' ? -1 : 1,
          )
          .map((s) => t.seriesCard(s.id))
      : [];
  const title = n === 1 ? site.title : fillString(site.strings.pageTitle, { page: n });
  const page = t.meta('home', url, title, site.description, links);
  const props: HomeVM = {
    site: t.site(),
    page,
    posts: ids.map((id) => t.card(id)),
    pagination,
    series,
  };
  return htmlPlan(t, 'home', url, props, { sitemap: true, searchable: false });
}

export function planArchive(t: PageInputs): HtmlPlan {
  const site = t.settings();
  const years = t.archive().all();
  const url = t.url(FIXED.archive);
  const props: ArchiveVM = {
    site: t.site(),
    page: t.meta(
      'archive',
      url,
      fillString(site.strings.archive),
      fillString(site.strings.archiveDescription, { site: site.title }),
    ),
    years: years.map((y) => ({
      year: y.year,
      count: y.postIds.length,
      posts: y.postIds.map((id) => t.card(id)),
    })),
    total: t.posts().count(),
  };
  return htmlPlan(t, 'archive', url, props, { sitemap: true, searchable: false });
}

export function planSeriesIndex(t: PageInputs): HtmlPlan {
  const site = t.settings();
  const url = t.url(FIXED.seriesIndex);
  const props: SeriesIndexVM = {
    site: t.site(),
    page: t.meta(
      'series-index',
      url,
      fillString(site.strings.series),
      fillString(site.strings.seriesDescription, { site: site.title }),
    ),
    series: t
      .seriesIds()
      .all()
      .map((id) => t.seriesCard(id)),
  };
  return htmlPlan(t, 'series-index', url, props, { sitemap: true, searchable: false });
}

export function planTopicIndex(t: PageInputs): HtmlPlan {
  const site = t.settings();
  const url = t.url(FIXED.topicIndex);
  const props: TopicIndexVM = {
    site: t.site(),
    page: t.meta(
      'topic-index',
      url,
      fillString(site.strings.topics),
      fillString(site.strings.topicsDescription, { site: site.title }),
    ),
    topics: t
      .topicIds()
      .all()
      .map((id) => t.topicCard(id)),
  };
  return htmlPlan(t, 'topic-index', url, props, { sitemap: true, searchable: false });
}

export function planNotFound(t: PageInputs): HtmlPlan {
  const url = t.url(FIXED.notFound);
  const site = t.settings();
  const props: NotFoundVM = {
    site: t.site(),
    page: {
      ...t.meta(
        '404',
        url,
        fillString(site.strings.notFoundTitle),
        fillString(site.strings.notFoundDescription),
      ),
      noindex: true,
    },
    recent: t
      .posts()
      .slice(0, 5)
      .map((id) => t.card(id)),
  };
  return htmlPlan(t, '404', url, props, { sitemap: false, searchable: false, outPath: '404.html' });
}

export function planSearch(t: PageInputs): HtmlPlan | undefined {
  const site = t.settings();
  if (!site.search) return undefined;
  const url = t.url(FIXED.search);
  const props: SearchPageVM = {
    site: t.site(),
    page: {
      ...t.meta(
        'search',
        url,
        fillString(site.strings.search),
        fillString(site.strings.searchDescription, { site: site.title }),
      ),
      noindex: true,
    },
  };
  return htmlPlan(t, 'search', url, props, { sitemap: false, searchable: false });
}
