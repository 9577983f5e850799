import { Feed } from 'feed';
import type { PageInputs } from './inputs.js';
import type { FilePlan, RenderedBody } from './types.js';
import type { FeedLinks } from './view-model.js';

/** Which feed: the site's, a series' or a topic's. */
export type FeedOf =
  | { kind: 'site' }
  | { kind: 'series'; id: string }
  | { kind: 'topic'; id: string }
  | { kind: 'author'; id: string };

interface FeedScope {
  /** Site path of the feed folder: `/`, `/series/x/`, `/topics/y/`. */
  sitePath: string;
  title: string;
  description: string;
  /** Root-relative URL of the HTML page the feed mirrors. */
  pageUrl: string;
  /** The posts shown, newest first. */
  postIds: readonly string[];
  /** The feed's own author, when it is one author's feed. */
  author?: string;
}

/** A person as `feed` takes one (name, e-mail, page). */
type FeedPerson = { name: string; email?: string; link?: string };

/** What a feed shows, read through `t` (so each feed records it). */
function scopeOf(t: PageInputs, of: FeedOf): FeedScope {
  const site = t.settings();
  const limit = site.feeds.limit;
  const sitePath = (url: string) => url.slice(site.basePath.length - 1);
  if (of.kind === 'site')
    return {
      sitePath: '/',
      title: site.title,
      description: site.description,
      pageUrl: t.url('/'),
      postIds: t.posts().slice(0, limit),
    };
  if (of.kind === 'series') {
    const s = t.series(of.id);
    return {
      sitePath: sitePath(s.url),
      title: `${s.entry.title} · ${site.title}`,
      description: s.entry.description,
      pageUrl: s.url,
      postIds: [...t.seriesParts(of.id).all()].reverse().slice(0, limit),
    };
  }
  if (of.kind === 'author') {
    const a = t.author(of.id);
    return {
      sitePath: sitePath(a.url),
      title: `${a.name} · ${site.title}`,
      description: `Posts by ${a.name}.`,
      pageUrl: a.url,
      postIds: t.authorPosts(of.id).slice(0, limit),
      author: of.id,
    };
  }
  const topic = t.topic(of.id);
  return {
    sitePath: sitePath(topic.url),
    title: `${topic.title} · ${site.title}`,
    description: topic.entry?.description ?? '',
    pageUrl: topic.url,
    postIds: t.topicPosts(of.id).slice(0, limit),
  };
}

/** RSS 2.0 and Atom 1.0 through `feed`; JSON Feed 1.1 written here (feed's json1 is 1.0). */
export function planFeeds(inputs: () => PageInputs, of: FeedOf): FilePlan[] {
  const probe = inputs();
  const site = probe.settings();
  if (!site.feeds.rss && !site.feeds.atom && !site.feeds.json) return [];
  const links = probe.feedsFor(scopeOf(probe, of).sitePath);
  const out: FilePlan[] = [];
  // The site feed's old addresses (`feeds.aliases`) get the same bytes: feed readers do not
  // follow redirect pages.
  const aliases = of.kind === 'site' ? Object.entries(site.feeds.aliases) : [];
  const add = (kind: 'rss' | 'atom' | 'json', fileName: string, url: string | undefined) => {
    if (!url) return;
    const t = inputs();
    const scope = scopeOf(t, of);
    const data = items(t, scope);
    t.deps.seal();
    const render = () =>
      kind === 'json' ? jsonFeed(t, scope, data, url) : xmlFeed(t, scope, data, links, kind);
    const paths = [
      scope.sitePath + fileName,
      ...aliases.filter(([, k]) => k === kind).map(([p]) => p),
    ];
    for (const p of paths)
      out.push({
        kind: 'file',
        url: p === scope.sitePath + fileName ? url : t.url(p),
        outPath: p.replace(/^\//, ''),
        deps: t.deps,
        sitemap: false,
        searchable: false,
        render,
      });
  };
  add('rss', 'rss.xml', links.rss);
  add('atom', 'atom.xml', links.atom);
  add('json', 'feed.json', links.json);
  return out;
}

type Item = {
  card: ReturnType<PageInputs['card']>;
  body: RenderedBody | undefined;
  /** Full timestamps (cards carry only the calendar day). */
  date: Date;
  updated?: Date;
  /** Who wrote it: the post's authors, or the site's author on a site without authors. */
  authors: FeedPerson[];
};
type FeedData = { items: Item[]; updated: Date; author: FeedPerson };

function items(t: PageInputs, scope: FeedScope): FeedData {
  const fullContent = t.settings().feeds.fullContent;
  t.site();
  const list = scope.postIds.map((id): Item => {
    const card = t.card(id);
    // Full content depends on the body; an excerpt-only feed only on the card.
    const body = fullContent ? t.body(`post:${id}`) : undefined;
    const p = t.post(id);
    const e = p.entry;
    const { name, email } = siteAuthor(t);
    const authors = p.authors.length
      ? p.authors.map((a) => person(t, a))
      : [{ name, ...(email ? { email } : {}) }];
    const it: Item = { card, body, date: e.date, authors };
    if (e.updated) it.updated = e.updated;
    return it;
  });
  const author = scope.author ? person(t, scope.author) : siteAuthor(t);
  return { items: list, updated: updated(t, list), author };
}

function siteAuthor(t: PageInputs): FeedPerson {
  const a = t.settings().author;
  return {
    name: a.name,
    ...(a.email ? { email: a.email } : {}),
    ...(a.url ? { link: a.url } : {}),
  };
}

/** An author as feeds name them: the e-mail of their file (RSS wants one), their page. */
function person(t: PageInputs, id: string): FeedPerson {
  const a = t.author(id);
  const email = a.entry?.email;
  return { name: a.name, ...(email ? { email } : {}), link: t.abs(a.url) };
}

/** Feeds are stamped with their newest item (never the clock): same input, same bytes. */
function updated(t: PageInputs, data: Item[]): Date {
  const modified = (e: { date: Date; updated?: Date | undefined }) =>
    e.updated && e.updated > e.date ? e.updated : e.date;
  // The latest change of any item, not the newest item's date: an older post updated later made
  // the feed's <updated> older than one of its own entries' <updated>.
  const times = data.map((it) => modified(it).getTime());
  if (times.length) return new Date(Math.max(...times));
  const newest = t.posts().slice(0, 1)[0];
  return newest ? modified(t.post(newest).entry) : new Date(0);
}

function content(t: PageInputs, it: Item): string {
  // Read the inputs before any memo: each feed records the card fields it shows (reads.ts).
  const excerpt = it.body ? '' : it.card.excerptHtml;
  // The post page loads its first image eagerly at high priority; a feed reader shows many
  // entries at once, so every image waits its turn there.
  return t.feedHtml(it.body, excerpt, t.abs(it.card.url));
}

function xmlFeed(
  t: PageInputs,
  scope: FeedScope,
  data: FeedData,
  links: FeedLinks,
  kind: 'rss' | 'atom',
): string {
  const site = t.settings();
  const abs = (u: string | undefined) => (u ? t.abs(u) : undefined);
  const feedLinks: Record<string, string> = {};
  for (const [k, v] of Object.entries(links)) if (v) feedLinks[k] = abs(v)!;
  const feed = new Feed({
    title: scope.title,
    description: scope.description,
    id: t.abs(scope.pageUrl),
    link: t.abs(scope.pageUrl),
    language: site.language,
    updated: data.updated,
    generator: site.generator,
    feedLinks,
    author: data.author,
    copyright: `© ${t.site().copyright} ${site.author.name}`,
  });
  for (const it of data.items) {
    const description = it.card.description || undefined;
    feed.addItem({
      // Atom's entry <title> and <summary> are typed "html" by `feed`, and RSS readers treat an
      // item's <description> as HTML: the plain strings from front matter are HTML-escaped so a
      // title like `</title><script>` reads as text. An RSS <title> is plain text (RSS Best
      // Practices), so it stays as written; XML escaping is `feed`'s job.
      title: kind === 'atom' ? htmlText(it.card.title) : it.card.title,
      id: t.abs(it.card.url),
      link: t.abs(it.card.url),
      date: it.updated ?? it.date,
      published: it.date,
      description: description && htmlText(description),
      content: content(t, it),
      // RSS 2.0 wants an e-mail address in an item's <author>: "ada@x (Ada)" when one is known.
      // An author with a page gets it as Atom's <uri>.
      author: it.authors,
      // `feed` escapes only "&" and '"' in attributes: a "<" in an Atom category label would make
      // the feed ill-formed XML, so such a label is left out (the term is the URL-safe topic id).
      category: it.card.topics.map((x) =>
        kind === 'atom' && x.title.includes('<') ? { term: x.id } : { name: x.title, term: x.id },
      ),
    });
  }
  return kind === 'rss' ? feed.rss2() : feed.atom1();
}

/** Plain text as HTML element content: the three characters that can start markup. */
function htmlText(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

/** JSON Feed's `title` and `summary` are plain text by its spec, `content_html` is HTML. */
function jsonFeed(t: PageInputs, scope: FeedScope, data: FeedData, url: string): string {
  const site = t.settings();
  const doc = {
    version: 'https://jsonfeed.org/version/1.1',
    title: scope.title,
    home_page_url: t.abs(scope.pageUrl),
    feed_url: t.abs(url),
    description: scope.description || undefined,
    language: site.language,
    authors: [{ name: data.author.name, ...(data.author.link ? { url: data.author.link } : {}) }],
    items: data.items.map((it) => {
      return {
        ...(it.authors.some((a) => a.name !== data.author.name)
          ? {
              authors: it.authors.map((a) => ({
                name: a.name,
                ...(a.link ? { url: a.link } : {}),
              })),
            }
          : {}),
        id: t.abs(it.card.url),
        url: t.abs(it.card.url),
        title: it.card.title,
        content_html: content(t, it),
        summary: it.card.description || undefined,
        date_published: it.date.toISOString(),
        date_modified: (it.updated ?? it.date).toISOString(),
        tags: it.card.topics.map((x) => x.title),
      };
    }),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
