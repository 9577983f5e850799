import path from 'node:path';
import { parseContentDate } from '../../util/dates.js';
import {
  isDir,
  listFiles,
  readSource,
  reportThemeFolders,
  THEME_TEMPLATES,
  type SourceText,
} from '../source.js';
import type { ImportSite, ReadContext } from '../model.js';
import { addLooseContentFiles } from '../loose-files.js';
import { hugoUrlize } from '../slugs.js';
import { readHugoConfig, HUGO_CONFIG_FILES, type HugoConfig } from './config.js';
import { readHugoAuthor, readHugoPage } from './page.js';

/** Whether SRC is a Hugo site (or a Hugo content folder); the problem if not. */
export function detectHugo(root: string): string | undefined {
  const hasConfig = HUGO_CONFIG_FILES.some((f) =>
    listFiles(root, path.dirname(f) === '.' ? '' : path.dirname(f)).includes(f),
  );
  if (hasConfig && isDir(path.join(root, 'content'))) return undefined;
  if (hasConfig) return undefined;
  if (listFiles(root, '').some((f) => /(^|\/)_index\.md$/.test(f))) return undefined;
  return 'expected a Hugo site: a folder with hugo.toml (or config.toml/yaml/json) and content/, or a Hugo content folder with _index.md files';
}

/** Read a Hugo site into the neutral model. */
export function readHugo(ctx: ReadContext): ImportSite {
  const { root, report } = ctx;
  const cfg = readHugoConfig(root, report)!;
  const contentDir = cfg.file ? cfg.contentDir : '';
  const site: ImportSite = {
    generator: 'hugo',
    root,
    config: cfg.config,
    docs: [],
    sections: [],
    authors: new Map(),
    series: new Map(),
    terms: [],
    indexRedirects: [],
    staticDirs: isDir(path.join(root, 'static')) ? [{ src: 'static', to: '' }] : [],
    staticFiles: [],
    stubs: [],
    siteData: cfg.params,
    shortcodes: shortcodeFiles(root),
  };
  const files = listFiles(root, contentDir).filter((f) => /\.(md|markdown)$/i.test(f));
  const skipDirs = headlessBundles(root, files, report);
  const bundles = new Set(
    files.filter((f) => /\/index\.(md|markdown)$/i.test(f)).map((f) => path.posix.dirname(f)),
  );
  const prefix = contentDir ? `${contentDir}/` : '';
  for (const file of files) {
    const rel = file.slice(prefix.length);
    const dir = path.posix.dirname(rel) === '.' ? '' : path.posix.dirname(rel);
    if (skipDirs.some((d) => file.startsWith(d + '/'))) continue;
    const base = path.posix.basename(rel).replace(/\.(md|markdown)$/i, '');
    const lang = /\.([a-z]{2,3}(?:-[a-z]+)?)$/i.exec(base)?.[1];
    // A translation by file name: a configured language, or any language code beside the
    // original (`x.fr.md` next to `x.md`), which sites whose languages live in another config have.
    const sibling = lang
      ? file.replace(new RegExp(`\\.${lang}(\\.(md|markdown))$`, 'i'), '$1')
      : '';
    if (
      lang &&
      (cfg.otherLanguages.has(lang.toLowerCase()) || (lang.length === 2 && files.includes(sibling)))
    ) {
      report.leave(
        { file },
        `a translation (${lang}); Colophon has no translations yet, so it is left out rather than published as a second post`,
      );
      report.count('translations left out');
      continue;
    }
    const inBundle = [...bundles].some(
      (b) => file.startsWith(b + '/') && file !== `${b}/index.md` && file !== `${b}/index.markdown`,
    );
    if (inBundle) continue; // a resource of a leaf bundle, not a page
    const src = readSource(root, file);
    if (src.problem) {
      report.todo(
        { file },
        `Front matter does not parse (${src.problem}); the file was not imported. Fix it and import again.`,
      );
      continue;
    }
    if (/^_index(\.[a-z-]+)?$/i.test(base)) sectionOrTerm(site, cfg, file, dir, src, ctx);
    else
      readHugoPage(
        site,
        cfg,
        { file, dir, base, bundle: /^index(\.[a-z-]+)?$/i.test(base), src, root, contentDir },
        ctx,
      );
  }
  addAutomaticSections(site);
  addTerms(site, cfg, ctx);
  copyLooseFiles(site, cfg, contentDir, [...bundles, ...skipDirs], ctx);
  reportThemeFolders(
    root,
    [
      ['layouts/', THEME_TEMPLATES],
      ['themes/', THEME_TEMPLATES],
      ['archetypes/', "templates for new content; `colophon new post` makes Colophon's own"],
      [
        'assets/',
        'files processed by Hugo Pipes (styles, scripts); not imported: the theme has its own',
      ],
      ['i18n/', 'strings of the theme in other languages; Colophon has its own'],
      ['data/', 'data files read by templates and shortcodes; not imported'],
    ],
    report,
  );
  return site;
}

function sectionOrTerm(
  site: ImportSite,
  cfg: HugoConfig,
  file: string,
  dir: string,
  src: SourceText,
  ctx: ReadContext,
): void {
  const top = dir.split('/')[0] ?? '';
  const kind = cfg.taxonomies.get(top);
  if (kind && dir.includes('/')) {
    if (kind === 'author') readHugoAuthor(site, file, dir, src, ctx);
    else
      ctx.report.leave(
        { file },
        'a taxonomy term page; its title is kept by the topic or series it names',
      );
    return;
  }
  if (kind) return; // the taxonomy's own list page: /tags/ becomes a redirect to the index
  const title = typeof src.data['title'] === 'string' ? src.data['title'] : dir || cfgTitle(site);
  if (src.data['cascade'] !== undefined)
    ctx.report.drop('cascade', 'front matter is written into each page instead', {
      file,
      line: src.line('cascade'),
    });
  site.sections.push({
    key: dir,
    src: file,
    title,
    ...(typeof src.data['description'] === 'string'
      ? { description: src.data['description'] }
      : {}),
    body: src.body,
    bodyLine: src.bodyLine,
    oldUrl: dir ? `/${dir.split('/').map(hugoUrlize).join('/')}/` : '/',
    asSeries: false,
    files: [],
  });
  if (!dir) {
    if (!site.config.description && typeof src.data['description'] === 'string')
      site.config.description = src.data['description'];
    if (src.body.trim())
      ctx.report.todo(
        { file, line: src.bodyLine },
        "The home page's text is not shown by Colophon's home page (a list of posts); it was not imported. Move it to a page (content/pages/) or into templates/home.liquid.",
      );
  }
}

const cfgTitle = (site: ImportSite) => site.config.title;

/**
 * Hugo publishes a branch bundle's files (beside `_index.md`, and in folders below it without an
 * `index.md`) under the section's address. Leaf bundles' files came with their page; headless
 * bundles publish nothing; a taxonomy term's folder holds its avatar, taken by the author.
 */
function copyLooseFiles(
  site: ImportSite,
  cfg: HugoConfig,
  contentDir: string,
  bundleDirs: string[],
  ctx: ReadContext,
): void {
  const prefix = contentDir ? `${contentDir}/` : '';
  const n = addLooseContentFiles(site, {
    files: listFiles(ctx.root, contentDir),
    contentDir,
    taken: (f) =>
      bundleDirs.some((d) => f.startsWith(d + '/')) ||
      cfg.taxonomies.has(f.slice(prefix.length).split('/')[0]!),
    urlOfDir: (dir) => (dir ? `/${dir.split('/').map(hugoUrlize).join('/')}/` : '/'),
  });
  if (n) ctx.report.count('files beside sections, copied to public/', n);
}

/** Hugo gives every top-level folder with pages a section page, _index.md or not. */
function addAutomaticSections(site: ImportSite): void {
  const known = new Set(site.sections.map((s) => s.key));
  for (const d of site.docs) {
    const top = d.section?.split('/')[0];
    if (!top || known.has(top)) continue;
    known.add(top);
    site.sections.push({
      key: top,
      src: '',
      title: top.charAt(0).toUpperCase() + top.slice(1),
      body: '',
      bodyLine: 1,
      oldUrl: `/${hugoUrlize(top)}/`,
      asSeries: false,
      files: [],
    });
  }
}

/** Term pages of published pages only (Hugo publishes no page for an unused term). */
function addTerms(site: ImportSite, cfg: HugoConfig, ctx: ReadContext): void {
  const seen = new Set<string>();
  for (const d of site.docs) {
    if (!d.oldUrl) continue;
    for (const [plural, names] of Object.entries(
      (d.params['__terms'] ?? {}) as Record<string, string[]>,
    )) {
      const kind = cfg.taxonomies.get(plural) ?? 'topic';
      for (const name of names) {
        const oldUrl = `/${plural}/${hugoUrlize(name)}/`;
        if (seen.has(oldUrl)) continue;
        seen.add(oldUrl);
        site.terms.push({
          taxonomy: kind,
          name: kind === 'author' ? hugoUrlize(name) : name,
          oldUrl,
        });
      }
      if (kind === 'topic' && !site.indexRedirects.some((r) => r.from === `/${plural}/`))
        site.indexRedirects.push({ from: `/${plural}/`, to: 'topics' });
    }
  }
  for (const d of site.docs) delete d.params['__terms'];
  if (
    [...cfg.taxonomies.values()].includes('author') &&
    site.terms.some((t) => t.taxonomy === 'author')
  )
    ctx.report.note(
      'Author pages (/authors/<id>/) answer once Colophon has author pages; the author files are in content/authors/.',
    );
}

/** Leaf bundles marked headless publish nothing: their folders are skipped whole. */
function headlessBundles(root: string, files: string[], report: ReadContext['report']): string[] {
  const out: string[] = [];
  for (const f of files.filter((x) => /\/index\.(md|markdown)$/i.test(x))) {
    const data = readSource(root, f).data;
    const build = (data['build'] ?? data['_build']) as Record<string, unknown> | undefined;
    if (data['headless'] === true || build?.['render'] === 'never' || build?.['render'] === false) {
      out.push(path.posix.dirname(f));
      report.leave(
        { file: f },
        'a headless bundle: Hugo publishes nothing for it, and its files are resources of other pages',
      );
    }
  }
  return out;
}

function shortcodeFiles(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const dirs = ['layouts/shortcodes', 'layouts/_shortcodes'];
  for (const theme of listFiles(root, 'themes')
    .map((f) => f.split('/')[1]!)
    .filter((v, i, a) => a.indexOf(v) === i))
    dirs.push(`themes/${theme}/layouts/shortcodes`, `themes/${theme}/layouts/_shortcodes`);
  for (const dir of dirs)
    for (const f of listFiles(root, dir)) {
      const name = f.slice(dir.length + 1).replace(/\.[a-z]+$/i, '');
      if (!out.has(name)) out.set(name, f);
    }
  return out;
}

export const published = (date: string | undefined, now: Date) => {
  const d = date ? parseContentDate(date) : undefined;
  return !d || d <= now;
};
