import { fillString } from '../config/strings/index.js';
import type { PageInputs } from './inputs.js';
import { htmlPlan, paginate } from './plan.js';
import type { HtmlPlan } from './types.js';
import type { RedirectVM, SeriesPageVM, StandalonePageVM, TopicPageVM } from './view-model.js';
import { displayDate, isoDay } from '../util/dates.js';

export function planSeries(t: PageInputs, id: string): HtmlPlan {
  const s = t.series(id);
  const card = t.seriesCard(id);
  const intro = t.body(`series:${id}`);
  const sitePath = s.url.slice(t.settings().basePath.length - 1);
  const feeds = t.feedsFor(sitePath);
  const image = t.socialCard(`series:${id}`);
  const parts = t
    .seriesParts(id)
    .all()
    .map((p) => t.card(p));
  const props: SeriesPageVM = {
    site: t.site(),
    page: t.meta('series', s.url, card.title, card.description, image ? { image } : {}, {
      title: card.title,
      links: feeds,
    }),
    series: { ...card, introHtml: intro.html, parts, feeds },
  };
  return htmlPlan(t, 'series', s.url, props, { sitemap: true, searchable: true });
}

/**
 * A topic hub, paginated like home (`/topics/x/`, `/topics/x/page/2/`, ...): the first page has
 * the intro and the topic's series, every page `pageSize` posts, newest first. A topic on a large
 * site gathers hundreds of posts; on one page that would be half a megabyte of HTML for the
 * reader, rendered again on every title edit of one of them.
 */
export function planTopic(t: PageInputs, id: string, n: number): HtmlPlan {
  const topic = t.topic(id);
  const site = t.settings();
  const size = site.pageSize;
  const posts = t.topicPosts(id);
  const pageUrl = (k: number) => (k === 1 ? topic.url : `${topic.url}page/${k}/`);
  const card = t.topicCard(id);
  const { items: ids, pagination, links } = paginate(posts, size, n, pageUrl);
  const seriesIds = n === 1 ? t.topicSeries(id).all() : [];
  const introHtml = n === 1 && topic.entry ? t.body(`topic:${id}`).html : '';
  const feeds = t.feedsFor(topic.url.slice(site.basePath.length - 1));
  const image = t.socialCard(`topic:${id}`);
  const url = pageUrl(n);
  const props: TopicPageVM = {
    site: t.site(),
    page: t.meta(
      'topic',
      url,
      n === 1 ? card.title : fillString(site.strings.pagedTitle, { title: card.title, page: n }),
      card.description || fillString(site.strings.topicDescription, { topic: card.title }),
      { ...(image ? { image } : {}), ...links },
      { title: card.title, links: feeds },
    ),
    topic: {
      ...card,
      introHtml,
      series: seriesIds.map((s) => t.seriesCard(s)),
      posts: ids.map((p) => t.card(p)),
      feeds,
    },
    pagination,
  };
  // Later pages repeat the header and list posts indexed on their own pages: not searchable.
  return htmlPlan(t, 'topic', url, props, { sitemap: true, searchable: n === 1 });
}

export function planPage(t: PageInputs, id: string): HtmlPlan {
  const p = t.page(id);
  const e = p.entry;
  const body = t.body(`page:${id}`);
  const content: StandalonePageVM['content'] = {
    title: e.title,
    html: body.html,
    toc: e.toc ? body.toc : [],
    hasMath: body.hasMath,
  };
  if (e.updated) {
    content.updated = isoDay(e.updated);
    content.updatedDisplay = displayDate(e.updated, t.settings().language);
  }
  const image = t.socialCard(`page:${id}`);
  const props: StandalonePageVM = {
    site: t.site(),
    page: {
      ...t.meta('page', p.url, e.title, e.description, image ? { image } : {}),
      noindex: e.draft,
    },
    content,
  };
  return htmlPlan(t, 'page', p.url, props, { sitemap: !e.draft, searchable: !e.draft });
}

/** An old URL (front-matter `aliases`) that forwards to the page's real URL. */
export function planRedirect(t: PageInputs, from: string): HtmlPlan {
  const target = t.abs(t.aliasTarget(from));
  const strings = t.settings().strings;
  const props: RedirectVM = {
    site: t.site(),
    page: {
      ...t.meta(
        'redirect',
        from,
        fillString(strings.redirecting),
        fillString(strings.movedDescription, { url: target }),
      ),
      canonical: target,
      noindex: true,
    },
    target,
  };
  return htmlPlan(t, 'redirect', from, props, { sitemap: false, searchable: false });
}
