import { hashJson } from '../util/hash.js';
import type { RouteData } from './context.js';
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
  const deps = new Map([['sitemap', hashJson(entries)]]);
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

export function planRobots(data: RouteData): FilePlan {
  const sitemap = data.abs(data.url('/sitemap.xml'));
  const text = `User-agent: *\nAllow: /\n\nSitemap: ${sitemap}\n`;
  return {
    kind: 'file',
    url: data.url('/robots.txt'),
    outPath: 'robots.txt',
    deps: new Map([['robots', hashJson(text)]]),
    sitemap: false,
    searchable: false,
    render: () => text,
  };
}
