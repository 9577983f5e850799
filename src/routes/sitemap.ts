import { hashJson } from '../util/hash.js';
import { dep, PageDeps } from './deps.js';
import type { PageInputs } from './inputs.js';
import type { RouteData } from './route-data.js';
import type { FilePlan, PagePlan } from './types.js';

const xmlEscape = (s: string) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** sitemap.xml lists only real, indexable pages (no redirects, drafts, 404 or search). */
export function planSitemap(data: RouteData, plans: readonly PagePlan[]): FilePlan {
  const entries = plans
    .filter((p) => p.sitemap)
    .map((p) => {
      const modified =
        p.kind === 'html' && 'modified' in p.props.page ? p.props.page.modified : undefined;
      return { loc: data.abs(p.url), lastmod: modified };
    })
    .sort((a, b) => (a.loc < b.loc ? -1 : a.loc > b.loc ? 1 : 0));
  // Made from every other plan, not from inputs: its one dependency is what it lists.
  const deps = new PageDeps(data);
  deps.record(dep.sitemap(), () => hashJson(entries));
  deps.seal();
  return {
    kind: 'file',
    url: data.url('/sitemap.xml'),
    outPath: 'sitemap.xml',
    deps,
    sitemap: false,
    searchable: false,
    render: () =>
      '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' +
      entries
        .map(
          (e) =>
            `  <url><loc>${xmlEscape(e.loc)}</loc>${e.lastmod ? `<lastmod>${e.lastmod}</lastmod>` : ''}</url>\n`,
        )
        .join('') +
      '</urlset>\n',
  };
}

export function planRobots(t: PageInputs): FilePlan {
  const sitemap = t.abs(t.url('/sitemap.xml'));
  const text = `User-agent: *\nAllow: /\n\nSitemap: ${sitemap}\n`;
  t.deps.seal();
  return {
    kind: 'file',
    url: t.url('/robots.txt'),
    outPath: 'robots.txt',
    deps: t.deps,
    sitemap: false,
    searchable: false,
    render: () => text,
  };
}
