import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { baseUrlOf, languageTag, readConfigFile } from '../config-files.js';
import type { ImportSite, ReadContext } from '../model.js';
import { isDir, isFile, isMap, listFiles, str, strings, THEME_TEMPLATES } from '../source.js';
import { readJekyllDoc, type JekyllSettings } from './doc.js';

/** Whether SRC is a Jekyll site (`_config.yml` or a `_posts/` folder). */
export function detectJekyll(root: string): string | undefined {
  if (['_config.yml', '_config.yaml', '_config.toml'].some((f) => isFile(path.join(root, f))))
    return undefined;
  if (isDir(path.join(root, '_posts'))) return undefined;
  return 'expected a Jekyll site: a folder with _config.yml, or with a _posts/ folder';
}

const STYLES: Record<string, string> = {
  date: '/:categories/:year/:month/:day/:title:output_ext',
  pretty: '/:categories/:year/:month/:day/:title/',
  ordinal: '/:categories/:year/:y_day/:title:output_ext',
  weekdate: '/:categories/:year/W:week/:short_day/:title:output_ext',
  none: '/:categories/:title:output_ext',
};

const CONFIG_DROPPED: Record<string, string> = {
  markdown:
    'Colophon renders Markdown itself (GitHub-style heading ids, as kramdown with GFM input)',
  kramdown: 'Colophon renders Markdown itself',
  highlighter: 'Colophon highlights code with Shiki',
  timezone: 'dates were read with their offsets; Colophon shows calendar dates',
  future: 'future posts are hidden until their date (build with --future to see them)',
  show_drafts: 'drafts are hidden unless built with --drafts',
  plugins: 'jekyll-redirect-from keys became aliases; feeds and meta tags are Colophon’s own',
  defaults: 'applied while reading; layout and similar values have no meaning here',
  theme: 'themes are not imported (Colophon has its own templates)',
  sass: 'themes are not imported',
};

export function readJekyll(ctx: ReadContext): ImportSite {
  const { root, report } = ctx;
  const found = readConfigFile(root, ['_config.yml', '_config.yaml', '_config.toml']);
  const cfg = found?.data ?? {};
  const author = cfg['author'];
  const baseurl = (str(cfg['baseurl']) ?? '').replace(/\/$/, '');
  const url = str(cfg['url']);
  const exclude = new Set(strings(cfg['exclude']).map((e) => e.replace(/\/$/, '')));
  const data = readData(root);
  const settings: JekyllSettings = {
    permalink: STYLES[str(cfg['permalink']) ?? 'date'] ?? str(cfg['permalink']) ?? STYLES['date']!,
    pretty:
      (str(cfg['permalink']) ?? 'date') === 'pretty' || (str(cfg['permalink']) ?? '').endsWith('/'),
    defaults: (Array.isArray(cfg['defaults']) ? cfg['defaults'] : []).filter(isMap),
    collections: isMap(cfg['collections']) ? cfg['collections'] : {},
    baseurl,
    site: { ...cfg, data, baseurl, url: url ?? '' },
  };
  const site: ImportSite = {
    generator: 'jekyll',
    root,
    config: {
      title: str(cfg['title']) ?? 'Imported site',
      baseUrl:
        baseUrlOf(url ? url.replace(/\/$/, '') + baseurl : undefined) ??
        `https://example.com${baseurl}/`,
      description: (str(cfg['description']) ?? '').trim(),
      language: languageTag(str(cfg['lang']) ?? str(cfg['locale'])),
      ...(typeof author === 'string'
        ? { author: { name: author } }
        : isMap(author) && str(author['name'])
          ? {
              author: {
                name: str(author['name'])!,
                ...(str(author['email']) ? { email: str(author['email'])! } : {}),
                ...(str(author['url']) ? { url: str(author['url'])! } : {}),
              },
            }
          : {}),
      menu: [],
      // The old scheme has categories and `.html` (kept by aliases); the dated part is kept.
      postPattern: '/:year/:month/:day/:slug/',
    },
    docs: [],
    sections: [],
    authors: authorsFrom(data, root),
    series: new Map(),
    terms: [],
    indexRedirects: [],
    staticDirs: [],
    staticFiles: [],
    stubs: [],
    siteData: settings.site,
    shortcodes: new Map(listFiles(root, '_includes').map((f) => [f.slice('_includes/'.length), f])),
  };
  if (!url)
    report.todo(
      { file: found?.file ?? '_config.yml' },
      'The site has no url; https://example.com was written. Set baseUrl in colophon.config.ts (or pass --base-url).',
    );
  for (const k of Object.keys(cfg))
    if (CONFIG_DROPPED[k])
      report.drop(k, CONFIG_DROPPED[k], { file: found?.file ?? '_config.yml' });
  for (const file of listFiles(root, '')) {
    const top = file.split('/')[0]!;
    if (
      top.startsWith('.') ||
      exclude.has(top) ||
      exclude.has(file) ||
      /^(node_modules|vendor|Gemfile|Gemfile\.lock|_site)$/.test(top)
    )
      continue;
    if (
      top === '_posts' ||
      top === '_drafts' ||
      (top.startsWith('_') && isMap(settings.collections[top.slice(1)]))
    ) {
      if (/\.(md|markdown|html)$/i.test(file)) readJekyllDoc(site, settings, file, top, ctx);
      continue;
    }
    if (/^_config\.(ya?ml|toml)$/.test(file)) continue;
    if (top.startsWith('_')) {
      if (['_layouts', '_includes', '_sass', '_data', '_plugins'].includes(top)) continue;
      report.leave({ file }, `a file of ${top}/, which Jekyll does not publish`);
      continue;
    }
    const head = readFileSync(path.join(root, file)).subarray(0, 4).toString();
    if (!head.startsWith('---')) site.staticFiles.push({ src: file, to: file });
    else if (/\.(md|markdown)$/i.test(file)) readJekyllDoc(site, settings, file, '', ctx);
    else listingPage(site, file, ctx);
  }
  for (const dir of ['_layouts', '_includes', '_sass'])
    if (isDir(path.join(root, dir))) report.leave({ file: `${dir}/` }, THEME_TEMPLATES);
  paginated(site, cfg);
  if (
    strings(cfg['plugins']).includes('jekyll-feed') ||
    strings(cfg['gems']).includes('jekyll-feed')
  ) {
    const feed = isMap(cfg['feed']) ? str(cfg['feed']['path']) : undefined;
    site.config.feedAliases = { [`/${(feed ?? 'feed.xml').replace(/^\/+/, '')}`]: 'atom' };
  }
  return site;
}

/**
 * jekyll-paginate lists `paginate` posts a page, page n at `paginate_path` (`/page:num/`, so
 * `/page2/`); ours are at `/page/2/`. With the same size each old page redirects to the same list.
 */
function paginated(site: ImportSite, cfg: Record<string, unknown>): void {
  const size = cfg['paginate'];
  if (typeof size !== 'number' || size < 1) return;
  site.config.pageSize = Math.floor(size);
  const pattern = `/${(str(cfg['paginate_path']) ?? '/page:num/').replace(/^\/+/, '')}`;
  const posts = site.docs.filter((d) => d.kind === 'post' && d.oldUrl !== null).length;
  for (let n = 2; n <= Math.ceil(posts / site.config.pageSize); n++) {
    const from = pattern.replace(':num', String(n)).replace(/\/?$/, '/');
    if (from !== `/page/${n}/`) site.indexRedirects.push({ from, to: `/page/${n}/` });
  }
}

/** Pages made of Liquid (index.html, tags.html, 404.html): Colophon generates their like. */
function listingPage(site: ImportSite, file: string, ctx: ReadContext): void {
  if (/\.(scss|sass|css|js)$/i.test(file)) {
    ctx.report.leave({ file }, 'a stylesheet or script processed by Jekyll (theme); not imported');
    return;
  }
  const text = readFileSync(path.join(ctx.root, file), 'utf8');
  const permalink = /^permalink:\s*(\S+)/m.exec(text)?.[1]?.replace(/^["']|["']$/g, '');
  const sitePath = permalink ?? `/${file}`;
  if (file === 'index.html' || file === '404.html') {
    ctx.report.leave(
      { file },
      file === 'index.html'
        ? 'the home page, a list of posts: Colophon makes its own'
        : 'the not-found page: Colophon makes its own',
    );
    return;
  }
  if (/tag|categor|topic/i.test(file)) {
    site.indexRedirects.push({ from: sitePath, to: 'topics' });
    ctx.report.leave(
      { file },
      `a Liquid listing of tags or categories; ${sitePath} now redirects to Colophon's topics index`,
    );
    return;
  }
  if (/archive/i.test(file)) {
    site.indexRedirects.push({ from: sitePath, to: 'home' });
    ctx.report.leave(
      { file },
      `a Liquid listing; ${sitePath} now redirects to the home page (Colophon's archive is /archive/)`,
    );
    return;
  }
  ctx.report.todo(
    { file },
    `An HTML page with Liquid (${sitePath}) was not imported: rewrite it as Markdown in content/pages/ or as a template.`,
  );
}

function readData(root: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of listFiles(root, '_data')) {
    const name = f.slice('_data/'.length).replace(/\.(ya?ml|json)$/i, '');
    if (name === f.slice('_data/'.length)) continue;
    const text = readFileSync(path.join(root, f), 'utf8');
    try {
      out[name] = f.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
    } catch {
      // Unreadable data files leave their values empty; the Liquid values that used them are reported.
    }
  }
  return out;
}

function authorsFrom(data: Record<string, unknown>, root: string): ImportSite['authors'] {
  const out: ImportSite['authors'] = new Map();
  const authors = data['authors'];
  if (!isMap(authors)) return out;
  for (const [id, a] of Object.entries(authors)) {
    if (!isMap(a)) continue;
    const avatar = str(a['avatar']) ?? str(a['image']);
    const local = avatar && avatar.startsWith('/') && isFile(path.join(root, avatar));
    const links = ['url', 'website', 'twitter', 'github', 'mastodon']
      .filter((k) => str(a[k])?.startsWith('http'))
      .map((k) => ({
        label: k === 'url' ? 'Website' : k.charAt(0).toUpperCase() + k.slice(1),
        url: str(a[k])!,
      }));
    out.set(id, {
      id,
      name: str(a['name']) ?? id,
      bio: str(a['bio']) ?? '',
      ...(avatar ? { avatar: local ? { url: avatar } : { url: avatar } } : {}),
      links,
      ...(str(a['email']) ? { email: str(a['email'])! } : {}),
      from: '_data/authors.yml',
    });
  }
  return out;
}
