import path from 'node:path';
import { baseUrlOf, languageTag, readConfigFile } from '../config-files.js';
import { mapCommonKeys } from '../front-matter.js';
import type { ImportSection, ImportSite, ReadContext } from '../model.js';
import {
  isDir,
  isFile,
  isMap,
  listFiles,
  readSource,
  reportThemeFolders,
  str,
  strings,
  THEME_TEMPLATES,
} from '../source.js';
import { zolaSlugify } from '../slugs.js';
import { addLooseContentFiles } from '../loose-files.js';
import { readPage } from './page.js';

/** Whether SRC is a Zola site (config.toml and content/), or a Zola content folder. */
export function detectZola(root: string): string | undefined {
  if (isFile(path.join(root, 'config.toml')) && isDir(path.join(root, 'content'))) return undefined;
  if (isFile(path.join(root, 'zola.toml')) && isDir(path.join(root, 'content'))) return undefined;
  if (isFile(path.join(root, '_index.md')) && !isFile(path.join(root, 'hugo.toml')))
    return undefined;
  return 'expected a Zola site: a folder with config.toml and content/, or a Zola content folder (with _index.md)';
}

export interface ZolaSettings {
  taxonomies: Map<string, 'topic' | 'author'>;
  otherLanguages: Set<string>;
  slugPaths: boolean;
}

export function readZola(ctx: ReadContext): ImportSite {
  const { root, report } = ctx;
  const found = readConfigFile(root, ['config.toml', 'zola.toml']);
  const cfg = found?.data ?? {};
  const extra = isMap(cfg['extra']) ? cfg['extra'] : {};
  const slugify = isMap(cfg['slugify']) ? cfg['slugify'] : {};
  const settings: ZolaSettings = {
    taxonomies: new Map(
      (Array.isArray(cfg['taxonomies']) ? cfg['taxonomies'] : []).filter(isMap).map((t) => {
        const name = String(t['name']);
        return [
          name,
          name === 'authors' || name === 'author' ? ('author' as const) : ('topic' as const),
        ];
      }),
    ),
    otherLanguages: new Set(Object.keys(isMap(cfg['languages']) ? cfg['languages'] : {})),
    slugPaths: slugify['paths'] !== 'safe' && slugify['paths'] !== 'off',
  };
  const menu = Array.isArray(extra['menu']) ? extra['menu'].filter(isMap) : [];
  const site: ImportSite = {
    generator: 'zola',
    root,
    config: {
      title: str(cfg['title']) ?? 'Imported site',
      baseUrl: baseUrlOf(str(cfg['base_url'])) ?? 'https://example.com/',
      description: str(cfg['description']) ?? '',
      language: languageTag(str(cfg['default_language'])),
      ...(str(extra['author']) ? { author: { name: str(extra['author'])! } } : {}),
      headingIds: slugify['anchors'] === 'safe' || slugify['anchors'] === 'off' ? 'github' : 'zola',
      menu: menu
        .map((m) => ({ label: str(m['name']) ?? '', url: menuUrl(str(m['url']) ?? '') }))
        .filter((m) => m.label),
    },
    docs: [],
    sections: [],
    authors: new Map(),
    series: new Map(),
    terms: [],
    indexRedirects: [],
    staticDirs: isDir(path.join(root, 'static')) ? [{ src: 'static', to: '' }] : [],
    staticFiles: [],
    stubs: [],
    siteData: cfg,
    shortcodes: new Map(
      listFiles(root, 'templates/shortcodes').map((f) => [
        path.posix.basename(f).replace(/\.[a-z]+$/i, ''),
        f,
      ]),
    ),
  };
  for (const k of [
    'markdown',
    'link_checker',
    'search',
    'compile_sass',
    'build_search_index',
    'generate_feeds',
    'feed_filenames',
    'languages',
    'theme',
    'minify_html',
  ])
    if (cfg[k] !== undefined)
      report.drop(k, 'a Zola build setting; Colophon has its own (see docs/configuration.md)', {
        file: found?.file ?? 'config.toml',
      });
  const contentDir = found ? 'content' : '';
  const files = listFiles(root, contentDir);
  const md = files.filter((f) => f.endsWith('.md'));
  const sectionDirs = new Set(
    md.filter((f) => /(^|\/)_index\.md$/.test(f)).map((f) => dirOf(f, contentDir)),
  );
  for (const file of md) {
    const base = path.posix.basename(file, '.md');
    const lang = /\.([a-z]{2,3})$/.exec(base)?.[1];
    if (lang && settings.otherLanguages.has(lang)) {
      report.leave(
        { file },
        `a translation (${lang}); Colophon has no translations yet, so it is left out rather than published as a second post`,
      );
      report.count('translations left out');
      continue;
    }
    if (base === '_index') readSection(site, file, dirOf(file, contentDir), files, ctx);
    else readPage(site, settings, file, contentDir, sectionDirs, files, ctx);
  }
  addTerms(site, settings);
  site.config.pageSize = mainPageSize(site);
  copyLooseFiles(site, files, contentDir, ctx);
  reportThemeFolders(
    root,
    [
      ['templates/', THEME_TEMPLATES],
      ['themes/', THEME_TEMPLATES],
      ['sass/', 'styles compiled by Zola; not imported: the theme has its own'],
    ],
    report,
  );
  return site;
}

/**
 * Colophon has one page size for every list; Zola sets one per section. The section with the
 * most pages gives it, so the old `/blog/page/2/` of the main list keeps listing the same posts.
 */
function mainPageSize(site: ImportSite): number | undefined {
  let best: { size: number; pages: number } | undefined;
  for (const s of site.sections) {
    if (!s.pageSize) continue;
    const inside = (d: ImportSite['docs'][number]) =>
      !s.key || d.section === s.key || (d.section ?? '').startsWith(`${s.key}/`);
    const pages = site.docs.filter(inside).length;
    if (!best || pages > best.pages) best = { size: s.pageSize, pages };
  }
  return best?.size;
}

/**
 * Files in content folders that are neither a page's bundle nor a section's own folder (a
 * `figures/` folder that posts link to by absolute path): kept at their path under the site.
 */
function copyLooseFiles(site: ImportSite, files: string[], contentDir: string, ctx: ReadContext) {
  const bundleDirs = files
    .filter((f) => path.posix.basename(f) === 'index.md')
    .map((f) => path.posix.dirname(f));
  const n = addLooseContentFiles(site, {
    files,
    contentDir,
    taken: (f) => bundleDirs.some((d) => f.startsWith(d + '/')),
    urlOfDir: (dir) => (dir ? `/${dir}/` : '/'),
  });
  if (n) ctx.report.count('files beside sections, copied to public/', n);
}

export const dirOf = (file: string, contentDir: string) => {
  const d = path.posix.dirname(file);
  const rel = contentDir ? d.slice(contentDir.length + 1) : d === '.' ? '' : d;
  return d === contentDir ? '' : rel;
};

const menuUrl = (u: string) => (/^[a-z]+:/i.test(u) || u.startsWith('/') ? u : `/${u}`);

function readSection(
  site: ImportSite,
  file: string,
  key: string,
  files: string[],
  ctx: ReadContext,
): void {
  const src = readSource(ctx.root, file);
  const d = src.data;
  const extra = isMap(d['extra']) ? d['extra'] : {};
  const redirect = str(d['redirect_to']);
  const section: ImportSection = {
    key,
    src: file,
    title: str(d['title']) ?? (key || site.config.title),
    ...(str(d['description']) ? { description: str(d['description'])! } : {}),
    body: src.body,
    bodyLine: src.bodyLine,
    oldUrl: key ? `/${key}/` : '/',
    asSeries: extra['series'] === true || /series/i.test(str(d['template']) ?? ''),
    ...(redirect && !/^https?:/.test(redirect)
      ? { redirectTo: redirect.replace(/^\/|\/$/g, '') }
      : {}),
    files: files.filter(
      (f) => path.posix.dirname(f) === path.posix.dirname(file) && !f.endsWith('.md'),
    ),
  };
  site.sections.push(section);
  mapCommonKeys(
    { src: file },
    d,
    [
      'title',
      'description',
      'redirect_to',
      'template',
      'sort_by',
      'paginate_by',
      'transparent',
      'page_template',
      'generate_feeds',
    ],
    file,
    src,
    ctx.report,
  );
  if (typeof d['paginate_by'] === 'number' && d['paginate_by'] >= 1)
    section.pageSize = Math.floor(d['paginate_by']);
  for (const k of ['sort_by', 'transparent', 'page_template', 'generate_feeds', 'template'])
    if (d[k] !== undefined)
      ctx.report.drop(
        k,
        'a Zola section setting; the section became a topic hub (newest first, with its own feed)',
        { file, line: src.line(k) },
      );
  if (!key) {
    if (!site.config.description && section.description)
      site.config.description = section.description;
    if (src.body.trim())
      ctx.report.todo(
        { file, line: src.bodyLine },
        "The home page's text is not shown by Colophon's home page (a list of posts); it was not imported. Move it to a page (content/pages/) or into templates/home.liquid.",
      );
  }
}

/** Series parts (pages of a series section) are ordered by their weight. */
function addTerms(site: ImportSite, s: ZolaSettings): void {
  const seriesSections = new Set(site.sections.filter((x) => x.asSeries).map((x) => x.key));
  for (const d of site.docs) {
    const w = d.params['__weight'];
    if (d.section && seriesSections.has(d.section))
      d.series = {
        key: d.section.split('/').pop()!,
        ...(typeof w === 'number' ? { weight: w } : {}),
      };
    delete d.params['__weight'];
  }
  const seen = new Set<string>();
  for (const d of site.docs) {
    if (!d.oldUrl) continue;
    const taxonomies = isMap(d.params['taxonomies']) ? d.params['taxonomies'] : {};
    for (const [tax, kind] of s.taxonomies) {
      for (const name of strings(taxonomies[tax])) {
        const oldUrl = `/${tax}/${zolaSlugify(name)}/`;
        if (seen.has(oldUrl)) continue;
        seen.add(oldUrl);
        site.terms.push({
          taxonomy: kind,
          name: kind === 'author' ? zolaSlugify(name) : name,
          oldUrl,
        });
        if (kind === 'topic' && !site.indexRedirects.some((r) => r.from === `/${tax}/`))
          site.indexRedirects.push({ from: `/${tax}/`, to: 'topics' });
      }
    }
  }
}
