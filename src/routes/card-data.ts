import { scriptStrings } from '../config/strings/index.js';
import { themeCss } from './theme-css.js';
import { displayDate, isoDay } from '../util/dates.js';
import { FIXED, withBase } from '../graph/index.js';
import type { GraphPost } from '../graph/index.js';
import { fragmentsTo } from './absolute-html.js';
import { lazyImages } from './images.js';
import type { RouteData } from './route-data.js';
import type { RenderedBody, RouteInputs } from './types.js';
import type { GraphAuthor } from '../graph/index.js';
import type { AuthorCardVM, FeedLinks, PostCardVM, SiteVM } from './view-model.js';

/** The site view-model: settings, the site's feeds and fixed URLs, the copyright years. */
export function buildSiteVM(inputs: RouteInputs): SiteVM {
  const s = inputs.site;
  const url = (p: string) => withBase(s.basePath, p);
  const posts = inputs.graph.posts;
  const years = posts.map((p) => p.year);
  const first = years.length ? Math.min(...years) : undefined;
  const last = years.length ? Math.max(...years) : undefined;
  const feeds: FeedLinks = {};
  if (s.feeds.rss) feeds.rss = url('/rss.xml');
  if (s.feeds.atom) feeds.atom = url('/atom.xml');
  if (s.feeds.json) feeds.json = url('/feed.json');
  return {
    title: s.title,
    description: s.description,
    baseUrl: s.baseUrl,
    basePath: s.basePath,
    language: s.language,
    dir: s.dir,
    strings: s.strings,
    scriptStrings: scriptStrings(s.strings),
    themeCss: themeCss(s.theme),
    author: s.author,
    menu: s.menu.map((m) => ({
      title: m.label,
      url: /^[a-z]+:|^\/\//i.test(m.url) ? m.url : url(m.url),
    })),
    feeds,
    search: { enabled: s.search, url: url(FIXED.search), bundle: url('/pagefind/') },
    assets: {
      css: url('/css/site.css'),
      js: url('/js/site.js'),
      searchJs: url('/js/search.js'),
      favicon: url('/favicon.svg'),
      katexCss: url('/vendor/katex/katex.min.css'),
    },
    urls: {
      home: url(FIXED.home),
      archive: url(FIXED.archive),
      seriesIndex: url(FIXED.seriesIndex),
      topicIndex: url(FIXED.topicIndex),
      ...(inputs.graph.authors.length > 1 ? { authorIndex: url(FIXED.authorIndex) } : {}),
    },
    authorCount: inputs.graph.authors.length,
    generator: s.generator,
    copyright: first === undefined ? '' : first === last ? String(first) : `${first}–${last}`,
  };
}

/** A post as lists show it. Built once per planning pass; pages record the fields they read. */
export function buildPostCard(data: RouteData, p: GraphPost, body: RenderedBody): PostCardVM {
  const e = p.entry;
  // Lists are not above the fold: the post's first image (eager on its page) is lazy here.
  const excerptHtml =
    body.hasMoreMarker || !e.description
      ? lazyImages(fragmentsTo(body.excerptHtml, p.url))
      : `<p>${escapeHtml(e.description)}</p>`;
  const card: PostCardVM = {
    id: p.id,
    title: e.title,
    url: p.url,
    date: isoDay(e.date),
    dateDisplay: displayDate(e.date, data.inputs.site.language),
    year: p.year,
    description: e.description,
    excerptHtml,
    summary: data.memo.summary(e.description, body.excerptHtml, data.inputs.site.excerptWords),
    readingMinutes: body.readingMinutes,
    wordCount: body.wordCount,
    topics: e.topics.map((t) => data.topicRef(t)),
    authors: p.authors.map((a) => data.authorRef(a)),
    draft: e.draft,
    future: p.future,
  };
  if (e.updated) {
    card.updated = isoDay(e.updated);
    card.updatedDisplay = displayDate(e.updated, data.inputs.site.language);
  }
  const s = e.series ? data.inputs.graph.seriesById.get(e.series) : undefined;
  if (s)
    card.series = {
      id: s.id,
      title: s.entry.title,
      url: s.url,
      part: e.part!,
      total: Math.max(s.plannedCount, s.partIds.length),
    };
  if (e.cover) card.cover = data.cover(e.dir, e.cover, e.coverAlt);
  return card;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** An author as the index and their page's header show them. */
export function buildAuthorCard(data: RouteData, a: GraphAuthor): AuthorCardVM {
  const e = a.entry;
  const vm: AuthorCardVM = {
    id: a.id,
    name: a.name,
    url: a.url,
    links: (e?.links ?? []).map((url) => ({ url, label: linkLabel(url) })),
    postCount: a.postIds.length,
  };
  if (e?.avatar) vm.avatar = data.cover(e.dir, e.avatar, '');
  return vm;
}

/** `https://www.github.com/ada` -> `github.com/ada`: what a reader recognises of a profile. */
function linkLabel(url: string): string {
  try {
    const u = new URL(url);
    const rest = u.pathname.replace(/\/+$/, '');
    return u.hostname.replace(/^www\./, '') + rest;
  } catch {
    return url;
  }
}
