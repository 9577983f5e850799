import { topicId } from '../content/schemas.js';
import type { ImportSite } from './model.js';
import type { PlannedDoc, PlannedHub } from './plan.js';
import { colophonSlug } from './slugs.js';

/** Which topic hubs and series the sections and taxonomies make, and which posts go in them. */

/** Sections become topic hubs, or series when the site declared them so. */
export function planSections(site: ImportSite, hubs: Map<string, PlannedHub>): Map<string, string> {
  const bySection = new Map<string, string>();
  for (const s of site.sections) {
    if (s.key === '' || s.redirectTo !== undefined) continue;
    const kind = s.asSeries ? 'series' : 'topic';
    let id = colophonSlug(s.key.split('/').pop()!);
    while (hubs.has(`${kind}:${id}`) && hubs.get(`${kind}:${id}`)!.src !== undefined)
      id = `${colophonSlug(s.key.replace(/\//g, '-'))}`;
    const hubKey = `${kind}:${id}`;
    hubs.set(hubKey, {
      kind,
      id,
      title: s.title,
      description: s.description,
      body: s.body,
      src: s.src,
      bodyLine: s.bodyLine,
      url: s.oldUrl,
      aliases: [],
      dest: `content/${kind === 'topic' ? 'topics' : 'series'}/${id}.md`,
    });
    bySection.set(s.key, hubKey);
  }
  for (const [k, v] of site.series) {
    const id = colophonSlug(k);
    const hubKey = `series:${id}`;
    if (hubs.has(hubKey)) continue;
    hubs.set(hubKey, {
      kind: 'series',
      id,
      title: v.title,
      description: v.description,
      body: v.body,
      aliases: [],
      dest: `content/series/${id}.md`,
    });
  }
  return bySection;
}

export function planDocs(
  site: ImportSite,
  hubs: Map<string, PlannedHub>,
  sectionHub: Map<string, string>,
): PlannedDoc[] {
  const taken = new Set<string>();
  const planned: PlannedDoc[] = [];
  for (const doc of site.docs) {
    let slug = colophonSlug(doc.slug);
    const kind = doc.kind;
    if (taken.has(`${kind}:${slug}`)) {
      const prefix = doc.section ? colophonSlug(doc.section.replace(/\//g, '-')) : '';
      slug = prefix && !taken.has(`${kind}:${prefix}-${slug}`) ? `${prefix}-${slug}` : slug;
      for (let n = 2; taken.has(`${kind}:${slug}`); n++) slug = `${colophonSlug(doc.slug)}-${n}`;
    }
    taken.add(`${kind}:${slug}`);
    const folder = kind === 'post' ? 'posts' : 'pages';
    const dest = doc.bundle ? `content/${folder}/${slug}/index.md` : `content/${folder}/${slug}.md`;
    const topics: string[] = [];
    const add = (id: string) => {
      if (id && !topics.includes(id)) topics.push(id);
    };
    let series: string | undefined;
    for (const sk of ancestors(doc.section)) {
      const hub = sectionHub.get(sk);
      if (hub?.startsWith('topic:')) add(hub.slice(6));
      if (hub?.startsWith('series:') && !series) series = hub.slice(7);
    }
    for (const name of doc.topics) {
      const id = topicId(name);
      add(id);
      if (id && !hubs.has(`topic:${id}`) && name !== id)
        hubs.set(`topic:${id}`, {
          kind: 'topic',
          id,
          title: name,
          aliases: [],
          dest: `content/topics/${id}.md`,
        });
    }
    if (doc.series) series = colophonSlug(doc.series.key);
    planned.push({
      doc,
      dest,
      slug,
      aliases: [],
      topics,
      ...(series && kind === 'post' ? { series: { id: series, part: 0 } } : {}),
    });
  }
  numberParts(planned);
  return planned;
}

/** `blog/tiny-vm` -> ['blog/tiny-vm', 'blog']. */
function ancestors(section: string | undefined): string[] {
  if (!section) return [];
  const parts = section.split('/');
  return parts.map((_, i) => parts.slice(0, parts.length - i).join('/'));
}

/** Parts in weight order (series_weight, weight), then by date; numbered from 1. */
function numberParts(docs: PlannedDoc[]): void {
  const bySeries = new Map<string, PlannedDoc[]>();
  for (const d of docs)
    if (d.series) bySeries.set(d.series.id, [...(bySeries.get(d.series.id) ?? []), d]);
  for (const parts of bySeries.values()) {
    parts.sort(
      (a, b) =>
        (a.doc.series?.weight ?? Infinity) - (b.doc.series?.weight ?? Infinity) ||
        (a.doc.date ?? '').localeCompare(b.doc.date ?? ''),
    );
    parts.forEach((p, i) => (p.series!.part = i + 1));
  }
}
