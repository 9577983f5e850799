import type { GraphPage, GraphSeries, GraphTopic } from '../graph/index.js';
import type { Tracker } from './context.js';
import { htmlPlan } from './plan.js';
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

export function planTopic(t: Tracker, topic: GraphTopic): HtmlPlan {
  const base = t.data.inputs.site.basePath;
  const card = t.topicCard(topic.id);
  const introHtml = topic.entry ? t.body(`topic:${topic.id}`).html : '';
  t.use(`topic:${topic.id}#members`, [topic.postIds, topic.seriesIds]);
  const feeds = t.data.feedsFor(topic.url.slice(base.length - 1));
  const image = t.image(`topic:${topic.id}`);
  const props: TopicPageVM = {
    site: t.site(),
    page: t.data.meta(
      'topic',
      topic.url,
      card.title,
      card.description || `Posts about ${card.title}.`,
      image ? { image } : {},
      { title: card.title, links: feeds },
    ),
    topic: {
      ...card,
      introHtml,
      series: topic.seriesIds.map((id) => t.seriesCard(id)),
      posts: topic.postIds.map((id) => t.card(id)),
      feeds,
    },
  };
  return htmlPlan(t, 'topic', topic.url, props, { sitemap: true, searchable: true });
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
