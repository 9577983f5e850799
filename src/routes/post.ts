import { htmlToText } from './absolute-html.js';
import { lazyImages } from './images.js';
import type { Tracker } from './context.js';
import type { GraphPost } from '../graph/index.js';
import { htmlPlan } from './plan.js';
import type { HtmlPlan } from './types.js';
import type { LinkRef, PostPageVM, SeriesBoxVM } from './view-model.js';

export function planPost(t: Tracker, p: GraphPost): HtmlPlan {
  const { graph } = t.data.inputs;
  const card = t.card(p.id);
  const body = t.body(`post:${p.id}`);
  const e = p.entry;
  const link = (id: string | undefined): LinkRef | undefined => {
    if (!id) return undefined;
    const c = t.card(id);
    return { title: c.title, url: c.url };
  };
  const chrono = graph.chrono.get(p.id)!;
  t.use(`chrono:${p.id}`, [chrono.prev ?? null, chrono.next ?? null]);
  const related = (graph.related.get(p.id) ?? []).map((id) => t.card(id));
  t.use(`related:${p.id}`, graph.related.get(p.id));
  // Front matter that only the post page shows (the card carries the rest).
  t.use(`post:${p.id}#page`, [e.toc, e.canonical ?? null]);
  const image = t.image(`post:${p.id}`);
  const post: PostPageVM['post'] = {
    ...card,
    // Read when the page renders, not when it is planned: a reused page never needs its body's
    // HTML, which may wait on disk (pipeline/markdown/body-cache.ts). The cover is the page's first image
    // (above the fold): the body's images all wait.
    get html(): string {
      return card.cover ? lazyImages(body.html) : body.html;
    },
    toc: e.toc ? body.toc : [],
    related,
    hasMath: body.hasMath,
  };
  const prev = link(chrono.prev);
  const next = link(chrono.next);
  if (prev) post.prev = prev;
  if (next) post.next = next;
  if (e.canonical) post.canonical = e.canonical;
  const box = e.series ? seriesBox(t, e.series, p.id) : undefined;
  if (box) post.seriesBox = box;
  const meta = t.data.meta('post', p.url, e.title, e.description || stripTags(card.excerptHtml), {
    published: card.date,
    modified: card.updated ?? card.date,
    ...(e.canonical ? { canonical: e.canonical } : {}),
    ...(image ? { image } : {}),
    noindex: e.draft || p.future,
  });
  const props: PostPageVM = { site: t.site(), page: meta, post };
  return htmlPlan(t, 'post', p.url, props, {
    sitemap: !e.draft && !p.future,
    searchable: !e.draft,
  });
}

function seriesBox(t: Tracker, seriesId: string, current: string): SeriesBoxVM | undefined {
  const s = t.data.inputs.graph.seriesById.get(seriesId);
  if (!s) return undefined;
  const sc = t.seriesCard(seriesId);
  const parts = s.partIds.map((id) => {
    const c = t.card(id);
    return { part: c.series!.part, title: c.title, url: c.url, current: id === current };
  });
  const i = s.partIds.indexOf(current);
  const box: SeriesBoxVM = {
    id: s.id,
    title: sc.title,
    url: sc.url,
    status: sc.status,
    part: parts[i]!.part,
    total: Math.max(sc.plannedCount, parts.length),
    parts,
  };
  const prev = parts[i - 1];
  const next = parts[i + 1];
  if (prev) box.prev = { title: prev.title, url: prev.url };
  if (next) box.next = { title: next.title, url: next.url };
  return box;
}

/** Plain text for meta descriptions from excerpt HTML. */
export function stripTags(html: string): string {
  // Kept across planning passes: most excerpts do not change between two rebuilds of `serve`.
  let text = plainTexts.get(html);
  if (text === undefined) {
    if (plainTexts.size > 50_000) plainTexts.clear();
    text = htmlToText(html);
    plainTexts.set(html, text);
  }
  return text;
}
const plainTexts = new Map<string, string>();
