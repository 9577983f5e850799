import { Feed } from 'feed';
import { absolutizeHtml } from './absolute-html.js';
import { lazyImages } from './images.js';
import type { Tracker } from './context.js';
import type { FilePlan, RenderedBody } from './types.js';

export interface FeedScope {
  /** Site path of the feed folder: `/`, `/series/x/`, `/topics/y/`. */
  sitePath: string;
  title: string;
  description: string;
  /** Root-relative URL of the HTML page the feed mirrors. */
  pageUrl: string;
  /** Candidate posts, newest first. */
  postIds: string[];
}

/** RSS 2.0 and Atom 1.0 through `feed`; JSON Feed 1.1 written here (feed's json1 is 1.0). */
export function planFeeds(track: () => Tracker, scope: FeedScope): FilePlan[] {
  const probe = track();
  const { site } = probe.data.inputs;
  if (!site.feeds.rss && !site.feeds.atom && !site.feeds.json) return [];
  const ids = scope.postIds.slice(0, site.feeds.limit);
  const items = (t: Tracker): FeedData => {
    t.site();
    t.use(`feed:${scope.sitePath}`, [ids, scope.title, scope.description]);
    const list = ids.map((id): Item => {
      const card = t.card(id);
      // Full content depends on the body; an excerpt-only feed only on the card.
      const body = site.feeds.fullContent ? t.body(`post:${id}`) : undefined;
      // Feeds carry full timestamps, cards only the calendar day: record them as inputs too.
      const e = t.data.inputs.graph.postById.get(id)!.entry;
      const it: Item = { card, body, date: e.date };
      if (e.updated) it.updated = e.updated;
      t.use(`post:${id}#timestamps`, [e.date.toISOString(), e.updated?.toISOString() ?? null]);
      return it;
    });
    const stamp = updated(t, list);
    t.use(`feed:${scope.sitePath}#updated`, stamp.toISOString());
    return { items: list, updated: stamp };
  };
  const links = probe.data.feedsFor(scope.sitePath);
  const out: FilePlan[] = [];
  const add = (kind: 'rss' | 'atom' | 'json', fileName: string, url: string | undefined) => {
    if (!url) return;
    const t = track();
    const data = items(t);
    out.push({
      kind: 'file',
      url,
      outPath: (scope.sitePath + fileName).replace(/^\//, ''),
      deps: t.deps,
      sitemap: false,
      searchable: false,
      render: () =>
        kind === 'json' ? jsonFeed(t, scope, data, url) : xmlFeed(t, scope, data, links, kind),
    });
  };
  add('rss', 'rss.xml', links.rss);
  add('atom', 'atom.xml', links.atom);
  add('json', 'feed.json', links.json);
  return out;
}

type Item = {
  card: ReturnType<Tracker['card']>;
  body: RenderedBody | undefined;
  date: Date;
  updated?: Date;
};
type FeedData = { items: Item[]; updated: Date };

/**
 * Absolute-URL HTML per post, shared by every feed. Full content is kept with the rendered body
 * it came from (the same object from one rebuild to the next while the post is unchanged), so a
 * rebuild absolutizes only the bodies that changed; excerpts are kept per planning pass.
 */
const absoluteBodies = new WeakMap<RenderedBody, Map<string, string>>();
const absoluteExcerpts = new WeakMap<object, Map<string, string>>();

function content(t: Tracker, it: Item): string {
  // Read the inputs before any memo: each feed records the card fields it shows (reads.ts).
  const source = it.body ? it.body.html : it.card.excerptHtml;
  const pageUrl = t.data.abs(it.card.url);
  let memo = it.body ? absoluteBodies.get(it.body) : absoluteExcerpts.get(t.data);
  if (!memo) {
    memo = new Map();
    if (it.body) absoluteBodies.set(it.body, memo);
    else absoluteExcerpts.set(t.data, memo);
  }
  const key = it.body ? pageUrl : `${pageUrl}\u0000${source}`;
  let html = memo.get(key);
  if (html === undefined) {
    // The post page loads its first image eagerly at high priority; a feed reader shows many
    // entries at once, so every image waits its turn there.
    html = lazyImages(absolutizeHtml(source, pageUrl));
    memo.set(key, html);
  }
  return html;
}

/** Feeds are stamped with their newest item (never the clock): same input, same bytes. */
function updated(t: Tracker, data: Item[]): Date {
  const modified = (e: { date: Date; updated?: Date | undefined }) =>
    e.updated && e.updated > e.date ? e.updated : e.date;
  // The latest change of any item, not the newest item's date: an older post updated later made
  // the feed's <updated> older than one of its own entries' <updated>.
  const times = data.map((it) => modified(it).getTime());
  if (times.length) return new Date(Math.max(...times));
  const newest = t.data.inputs.graph.posts[0]?.entry;
  return newest ? modified(newest) : new Date(0);
}

function xmlFeed(
  t: Tracker,
  scope: FeedScope,
  data: FeedData,
  links: { rss?: string; atom?: string; json?: string },
  kind: 'rss' | 'atom',
): string {
  const { site } = t.data.inputs;
  const abs = (u: string | undefined) => (u ? t.data.abs(u) : undefined);
  const feedLinks: Record<string, string> = {};
  for (const [k, v] of Object.entries(links)) if (v) feedLinks[k] = abs(v)!;
  const feed = new Feed({
    title: scope.title,
    description: scope.description,
    id: t.data.abs(scope.pageUrl),
    link: t.data.abs(scope.pageUrl),
    language: site.language,
    updated: data.updated,
    generator: site.generator,
    feedLinks,
    author: {
      name: site.author.name,
      ...(site.author.email ? { email: site.author.email } : {}),
      ...(site.author.url ? { link: site.author.url } : {}),
    },
    copyright: `© ${t.data.siteVM.copyright} ${site.author.name}`,
  });
  for (const it of data.items) {
    const description = it.card.description || undefined;
    feed.addItem({
      // Atom's entry <title> and <summary> are typed "html" by `feed`, and RSS readers treat an
      // item's <description> as HTML: the plain strings from front matter are HTML-escaped so a
      // title like `</title><script>` reads as text. An RSS <title> is plain text (RSS Best
      // Practices), so it stays as written; XML escaping is `feed`'s job.
      title: kind === 'atom' ? htmlText(it.card.title) : it.card.title,
      id: t.data.abs(it.card.url),
      link: t.data.abs(it.card.url),
      date: it.updated ?? it.date,
      published: it.date,
      description: description && htmlText(description),
      content: content(t, it),
      // RSS 2.0 wants an e-mail address in an item's <author>: "ada@x (Ada)" when one is configured.
      author: [
        { name: site.author.name, ...(site.author.email ? { email: site.author.email } : {}) },
      ],
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
function jsonFeed(t: Tracker, scope: FeedScope, data: FeedData, url: string): string {
  const { site } = t.data.inputs;
  const doc = {
    version: 'https://jsonfeed.org/version/1.1',
    title: scope.title,
    home_page_url: t.data.abs(scope.pageUrl),
    feed_url: t.data.abs(url),
    description: scope.description || undefined,
    language: site.language,
    authors: [{ name: site.author.name, ...(site.author.url ? { url: site.author.url } : {}) }],
    items: data.items.map((it) => {
      return {
        id: t.data.abs(it.card.url),
        url: t.data.abs(it.card.url),
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
