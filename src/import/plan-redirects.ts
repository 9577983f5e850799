import { expandPermalink } from '../graph/permalinks.js';
import type { ImportSite } from './model.js';
import { dateOf, key, type Plan, type PlannedDoc, type PlannedHub } from './plan.js';
import type { Report } from './report.js';

/** Redirect stubs, sections that only redirected, old index pages; then no address twice. */

export function planRedirects(
  site: ImportSite,
  docs: PlannedDoc[],
  hubs: Map<string, PlannedHub>,
  sectionHub: Map<string, string>,
  report: Report,
): Record<string, string> {
  const redirects: Record<string, string> = {};
  const byOld = new Map<string, PlannedDoc>();
  for (const d of docs) if (d.doc.oldUrl) byOld.set(key(d.doc.oldUrl), d);
  for (const stub of site.stubs) {
    const target = byOld.get(key(stub.to)) ?? docs.find((d) => d.doc.src === stub.to);
    if (target) {
      target.aliases.push(stub.from);
      report.converted('redirect stub -> alias of its target', { file: stub.src });
    } else if (/^(?:\/|https?:)/.test(stub.to)) {
      redirects[stub.from] = stub.to;
      report.todo(
        { file: stub.src },
        `This redirect points at ${stub.to}, which is not an imported page; it became a redirect in colophon.config.ts. Check the target.`,
      );
    }
  }
  for (const s of site.sections) {
    if (s.redirectTo === undefined) continue;
    const hub = sectionHub.get(s.redirectTo);
    if (hub) hubs.get(hub)!.aliases.push(s.oldUrl);
    else redirects[s.oldUrl] = '/' + s.redirectTo.replace(/^\//, '');
    report.converted('section that only redirected -> alias', { file: s.src });
  }
  for (const r of site.indexRedirects)
    redirects[r.from] = r.to === 'home' ? '/' : r.to.startsWith('/') ? r.to : `/${r.to}/`;
  return redirects;
}

/** Drop aliases that are the page's own address or that another page already answers at. */
export function dedupe(
  docs: PlannedDoc[],
  hubs: Map<string, PlannedHub>,
  permalinks: Plan['permalinks'],
  redirects: Record<string, string>,
  report: Report,
): void {
  const claimed = new Map<string, string>();
  const own = (d: PlannedDoc) =>
    d.url ??
    (d.doc.kind === 'post'
      ? expandPermalink(permalinks.post, d.slug, dateOf(d.doc))
      : expandPermalink(permalinks.page, d.slug));
  for (const p of ['/', '/archive/', '/series/', '/topics/', '/search/', '/page/'])
    claimed.set(p, '(generated page)');
  for (const d of docs)
    if (d.doc.oldUrl !== null || d.doc.draft === false) claimed.set(own(d).toLowerCase(), d.dest);
  for (const h of hubs.values())
    claimed.set(
      (
        h.url ?? expandPermalink(h.kind === 'topic' ? permalinks.topic : permalinks.series, h.id)
      ).toLowerCase(),
      h.dest,
    );
  const keep = (list: string[], dest: string, file: string): string[] =>
    [...new Set(list)].filter((a) => {
      const k = a.toLowerCase();
      const holder = claimed.get(k);
      if (holder === dest) return false;
      if (holder !== undefined) {
        report.todo(
          { file },
          `The old address ${a} is also the address of ${holder}; it is not kept as an alias here.`,
        );
        return false;
      }
      claimed.set(k, dest);
      return true;
    });
  for (const d of docs) d.aliases = keep(d.aliases, d.dest, d.doc.src);
  for (const h of hubs.values()) h.aliases = keep(h.aliases, h.dest, h.src ?? h.dest);
  for (const from of Object.keys(redirects)) {
    if (claimed.has(from.toLowerCase())) delete redirects[from];
    else claimed.set(from.toLowerCase(), 'colophon.config.ts');
  }
}
