import { authorsMeta } from './authors.js';
import { lazyImages } from './images.js';
import type { PageInputs } from './inputs.js';
import { htmlPlan } from './plan.js';
import type { HtmlPlan } from './types.js';
import type { LinkRef, PostPageVM, SeriesBoxVM } from './view-model.js';

export function planPost(t: PageInputs, id: string): HtmlPlan {
  const p = t.post(id);
  const e = p.entry;
  const card = t.card(id);
  const body = t.body(`post:${id}`);
  const link = (other: string | undefined): LinkRef | undefined => {
    if (!other) return undefined;
    const c = t.card(other);
    return { title: c.title, url: c.url };
  };
  const chrono = t.neighbours(id);
  const related = t
    .related(id)
    .all()
    .map((r) => t.card(r));
  const image = t.socialCard(`post:${id}`);
  const post: PostPageVM['post'] = {
    ...card,
    // Read when the page renders, not when it is planned: a reused page never needs its body's
    // HTML, which may wait on disk (pipeline/markdown/body-cache.ts). The cover is the page's
    // first image (above the fold): the body's images all wait.
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
  const box = e.series ? seriesBox(t, e.series, id) : undefined;
  if (box) post.seriesBox = box;
  const meta = t.meta('post', p.url, e.title, e.description || t.plainText(card.excerptHtml), {
    published: card.date,
    modified: card.updated ?? card.date,
    ...(e.canonical ? { canonical: e.canonical } : {}),
    ...(image ? { image } : {}),
    noindex: e.draft || p.future,
  });
  if (p.authors.length) meta.authors = authorsMeta(t, p.authors);
  const props: PostPageVM = { site: t.site(), page: meta, post };
  return htmlPlan(t, 'post', p.url, props, {
    sitemap: !e.draft && !p.future,
    searchable: !e.draft,
  });
}

function seriesBox(t: PageInputs, seriesId: string, current: string): SeriesBoxVM | undefined {
  if (!t.hasSeries(seriesId)) return undefined;
  const sc = t.seriesCard(seriesId);
  const ids = t.seriesParts(seriesId).all();
  const parts = ids.map((id) => {
    const c = t.card(id);
    return { part: c.series!.part, title: c.title, url: c.url, current: id === current };
  });
  const i = ids.indexOf(current);
  const box: SeriesBoxVM = {
    id: sc.id,
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
