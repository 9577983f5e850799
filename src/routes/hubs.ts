import type { GraphPage, GraphSeries, GraphTopic } from '../graph/index.js';
import type { Tracker } from './context.js';
import { htmlPlan, pageCount, paginate } from './plan.js';
import type { HtmlPlan } from './types.js';
import type { RedirectVM, SeriesPageVM, StandalonePageVM, TopicPageVM } from './view-model.js';
import { displayDate, isoDay } from '../util/dates.js';

export function planSeries(t: Tracker, s: GraphSeries): HtmlPlan {
  const base = t.data.inputs.site.basePath;
  const card = t.seriesCard(s.id);
  const intro = t.body(`series:${s.id}`);
  t.use(`series:${s.id}#parts`, s.partIds);
  const sitePath = s.url.slice(base.length - 1);
  const feeds = t.data.feedsFor(sitePath);
  const image = t.image(`series:${s.id}`);
  const props: SeriesPageVM = {
    site: t.site(),
    page: t.data.meta('series', s.url, card.title, card.description, image ? { image } : {}, {
      title: card.title,
      links: feeds,
    }),
    series: { ...card, introHtml: intro.html, parts: s.partIds.map((id) => t.card(id)), feeds },
  };
  return htmlPlan(t, 'series', s.url, props, { sitemap: true, searchable: true });
}

/**
 * A topic hub, paginated like home (`/topics/x/`, `/topics/x/page/2/`, ...): the first page has
 * the intro and the topic's series, every page `pageSize` posts, newest first. A topic on a large
 * site gathers hundreds of posts; on one page that would be half a megabyte of HTML for the
 * reader, rendered again on every title edit of one of them.
 */
export function planTopic(t: Tracker, topic: GraphTopic, n: number): HtmlPlan {
  const { site } = t.data.inputs;
  const size = site.pageSize;
  const total = pageCount(topic.postIds.length, size);
  const pageUrl = (k: number) => (k === 1 ? topic.url : `${topic.url}page/${k}/`);
  const card = t.topicCard(topic.id);
  const { items: ids, pagination, links } = paginate(topic.postIds, size, n, pageUrl);
  const seriesIds = n === 1 ? topic.seriesIds : [];
  t.use(`topic:${topic.id}#members`, [ids, seriesIds, total]);
  const introHtml = n === 1 && topic.entry ? t.body(`topic:${topic.id}`).html : '';
  const feeds = t.data.feedsFor(topic.url.slice(site.basePath.length - 1));
  const image = t.image(`topic:${topic.id}`);
  const url = pageUrl(n);
  const props: TopicPageVM = {
    site: t.site(),
    page: t.data.meta(
      'topic',
      url,
      n === 1 ? card.title : `${card.title}, page ${n}`,
      card.description || `Posts about ${card.title}.`,
      { ...(image ? { image } : {}), ...links },
      { title: card.title, links: feeds },
    ),
    topic: {
      ...card,
      introHtml,
      series: seriesIds.map((id) => t.seriesCard(id)),
      posts: ids.map((id) => t.card(id)),
      feeds,
    },
    pagination,
  };
  // Later pages repeat the header and list posts indexed on their own pages: not searchable.
  return htmlPlan(t, 'topic', url, props, { sitemap: true, searchable: n === 1 });
}

export function planPage(t: Tracker, p: GraphPage): HtmlPlan {
  const body = t.body(`page:${p.id}`);
  const e = p.entry;
  t.use(`page:${p.id}#meta`, e.metaHash);
  const content: StandalonePageVM['content'] = {
    title: e.title,
    html: body.html,
    toc: e.toc ? body.toc : [],
    hasMath: body.hasMath,
  };
  if (e.updated) {
    content.updated = isoDay(e.updated);
    content.updatedDisplay = displayDate(e.updated);
  }
  const image = t.image(`page:${p.id}`);
  const props: StandalonePageVM = {
    site: t.site(),
    page: {
      ...t.data.meta('page', p.url, e.title, e.description, image ? { image } : {}),
      noindex: e.draft,
    },
    content,
  };
  return htmlPlan(t, 'page', p.url, props, { sitemap: !e.draft, searchable: !e.draft });
}

/** An old URL (front-matter `aliases`) that forwards to the page's real URL. */
export function planRedirect(t: Tracker, from: string, to: string): HtmlPlan {
  t.use(`redirect:${from}`, to);
  const target = t.data.abs(to);
  const props: RedirectVM = {
    site: t.site(),
    page: {
      ...t.data.meta('redirect', from, 'Redirecting…', `This page has moved to ${target}.`),
      canonical: target,
      noindex: true,
    },
    target,
  };
  return htmlPlan(t, 'redirect', from, props, { sitemap: false, searchable: false });
}
