import path from 'node:path';
import { parseContentDate } from '../../util/dates.js';
import { mapCommonKeys } from '../front-matter.js';
import type { ImportDoc, ImportSite, ReadContext } from '../model.js';
import { aliasPath, isMap, listFiles, str, type SourceText } from '../source.js';
import { hugoUrlize } from '../slugs.js';
import { terms, type HugoConfig } from './config.js';

interface PageInput {
  file: string;
  /** Folder below content/ ('' at the root). */
  dir: string;
  base: string;
  bundle: boolean;
  src: SourceText;
  root: string;
  contentDir: string;
}

/** Keys read here; everything else is reported by mapCommonKeys. */
const HUGO_KEYS = [
  'title',
  'date',
  'publishdate',
  'pubdate',
  'published',
  'lastmod',
  'expirydate',
  'draft',
  'description',
  'summary',
  'slug',
  'url',
  'aliases',
  'series_weight',
  'series_order',
  'weight',
  'author',
  'cover',
  'images',
  'toc',
  'showtoc',
  'canonicalurl',
  'redirect',
  'layout',
];

export function readHugoPage(
  site: ImportSite,
  cfg: HugoConfig,
  p: PageInput,
  ctx: ReadContext,
): void {
  const { file, src } = p;
  const fm = Object.fromEntries(Object.entries(src.data).map(([k, v]) => [k.toLowerCase(), v]));
  const at = (k: string) => ({
    file,
    line: src.line(Object.keys(src.data).find((x) => x.toLowerCase() === k) ?? k),
  });
  const redirect = str(fm['redirect']) ?? str(fm['redirect_to']) ?? str(fm['redirectto']);
  const dir = p.bundle
    ? path.posix.dirname(p.dir) === '.'
      ? ''
      : path.posix.dirname(p.dir)
    : p.dir;
  const name = p.bundle ? path.posix.basename(p.dir) : p.base.replace(/\.[a-z]{2}$/i, '');
  const title = str(fm['title']);
  const pathUrl = `/${[...(dir ? dir.split('/') : []), str(fm['slug']) ?? name].map(hugoUrlize).join('/')}/`;
  if (redirect && !title) {
    site.stubs.push({ from: str(fm['url']) ?? pathUrl, to: redirect, src: file });
    return;
  }
  const params = { ...(isMap(fm['params']) ? fm['params'] : {}), ...fm };
  const publish = str(fm['publishdate']) ?? str(fm['pubdate']);
  const date = publish ?? str(fm['date']);
  if (publish && fm['date'] !== undefined && str(fm['date']) !== publish)
    ctx.report.drop(
      'date',
      'publishDate decides when the post appears; it became the date',
      at('date'),
    );
  const slug = str(fm['slug']) ?? hugoUrlize(title ?? name);
  const section = dir || undefined;
  const doc: ImportDoc = {
    src: file,
    kind: dir && date ? 'post' : 'page',
    title: title ?? name,
    ...(date ? { date } : {}),
    ...(str(fm['lastmod']) ? { updated: str(fm['lastmod'])! } : {}),
    ...(str(fm['expirydate']) ? { expires: str(fm['expirydate'])! } : {}),
    draft: fm['draft'] === true,
    // With a `:slug` pattern the title gives the slug (Hugo's rule); otherwise the file name does.
    slug: /:slug|:title/.test(cfg.permalinks[dir.split('/')[0] ?? ''] ?? '')
      ? slug
      : (str(fm['slug']) ?? name),
    oldUrl: null,
    aliases: terms(fm['aliases']).map((a) =>
      hugoAlias(a, oldUrl(fm, cfg, dir, name, slug, date, pathUrl)),
    ),
    topics: [],
    ...(section ? { section } : {}),
    authors: [],
    body: src.body,
    bodyLine: src.bodyLine,
    params,
    ...(p.bundle
      ? {
          bundle: {
            dir: path.posix.dirname(file),
            files: bundleFiles(p.root, path.posix.dirname(file)),
          },
        }
      : {}),
  };
  if (!title)
    ctx.report.todo(
      { file, line: 1 },
      `No title; "${doc.title}" (from the file name) was written.`,
    );
  describe(doc, fm, at, ctx);
  taxonomies(site, doc, fm, cfg, at, ctx);
  cover(doc, fm);
  if (fm['toc'] !== undefined || fm['showtoc'] !== undefined || isMap(fm['params'])) {
    const toc =
      fm['toc'] ?? fm['showtoc'] ?? (isMap(fm['params']) ? fm['params']['toc'] : undefined);
    if (typeof toc === 'boolean') doc.toc = toc;
  }
  if (str(fm['canonicalurl'])) doc.canonical = str(fm['canonicalurl'])!;
  const live =
    !doc.draft &&
    (!date || (parseContentDate(date) ?? new Date(0)) <= ctx.now) &&
    !(doc.expires && (parseContentDate(doc.expires) ?? ctx.now) <= ctx.now);
  if (live) doc.oldUrl = oldUrl(fm, cfg, dir, name, slug, date, pathUrl);
  mapCommonKeys(
    doc,
    src.data,
    [
      ...HUGO_KEYS,
      ...cfg.taxonomies.keys(),
      `${[...cfg.taxonomies.entries()].find(([, k]) => k === 'series')?.[0] ?? 'series'}_weight`,
    ],
    file,
    src,
    ctx.report,
  );
  site.docs.push(doc);
}

function describe(
  doc: ImportDoc,
  fm: Record<string, unknown>,
  at: (k: string) => { file: string; line: number },
  ctx: ReadContext,
): void {
  const description = str(fm['description']);
  const summary = str(fm['summary']);
  if (description) doc.description = description;
  else if (summary) doc.description = summary;
  if (description && summary)
    ctx.report.drop('summary', 'the page has a description, which Colophon uses', at('summary'));
}

function taxonomies(
  site: ImportSite,
  doc: ImportDoc,
  fm: Record<string, unknown>,
  cfg: HugoConfig,
  at: (k: string) => { file: string; line: number },
  ctx: ReadContext,
): void {
  const found: Record<string, string[]> = {};
  for (const [plural, kind] of cfg.taxonomies) {
    const names = terms(fm[plural]);
    if (!names.length) continue;
    found[plural] = names;
    if (kind === 'topic') doc.topics.push(...names);
    else if (kind === 'author') doc.authors.push(...names.map(hugoUrlize));
    else {
      const key = hugoUrlize(names[0]!);
      // Hugo's own key, then the series_order some themes read (in front matter or params).
      const weight =
        fm[`${plural}_weight`] ??
        fm['series_order'] ??
        (isMap(fm['params']) ? fm['params']['series_order'] : undefined) ??
        fm['weight'];
      doc.series = { key, ...(typeof weight === 'number' ? { weight } : {}) };
      if (!site.series.has(key)) site.series.set(key, { title: names[0]! });
      if (names.length > 1)
        ctx.report.todo(
          at(plural),
          `The page is in ${names.length} series; Colophon puts a post in one, so it joined "${names[0]}".`,
        );
    }
  }
  doc.params['__terms'] = found;
  for (const name of terms(
    fm['author'] ?? (isMap(fm['params']) ? fm['params']['author'] : undefined),
  )) {
    const id = hugoUrlize(name);
    if (!doc.authors.includes(id)) doc.authors.push(id);
    if (!site.authors.has(id)) site.authors.set(id, { id, name, bio: '', links: [] });
  }
  for (const id of doc.authors)
    if (!site.authors.has(id)) site.authors.set(id, { id, name: id, bio: '', links: [] });
}

function cover(doc: ImportDoc, fm: Record<string, unknown>): void {
  const c = fm['cover'];
  const image = isMap(c) ? str(c['image']) : str(c);
  if (image) doc.cover = /^(?:[a-z]+:|\/|\.)/i.test(image) ? image : `./${image}`;
  if (isMap(c) && str(c['alt'])) doc.coverAlt = str(c['alt'])!;
  const images = fm['images'];
  const first = Array.isArray(images) ? str(images[0]) : str(images);
  if (first) doc.image = first;
}

/** The address Hugo published (R1: path, slug, url; R2: the section's permalink pattern). */
/**
 * Hugo resolves an alias without a leading `/` against the folder that holds the page's own
 * address (`/2024/01/tiny-parser/` + `parser` -> `/2024/01/parser/`), `..` included.
 */
function hugoAlias(alias: string, pageUrl: string): string {
  const a = alias.trim();
  if (a.startsWith('/')) return aliasPath(a);
  return aliasPath(path.posix.join(path.posix.dirname(pageUrl.replace(/\/$/, '')), a));
}

function oldUrl(
  fm: Record<string, unknown>,
  cfg: HugoConfig,
  dir: string,
  name: string,
  slug: string,
  date: string | undefined,
  pathUrl: string,
): string {
  const url = str(fm['url']);
  if (url) {
    const u = url.startsWith('/') ? url : `/${url}`;
    return /\.[a-z0-9]+$/i.test(u) || u.endsWith('/') ? u : `${u}/`;
  }
  const pattern = cfg.permalinks[dir.split('/')[0] ?? ''];
  if (!pattern || !dir) return pathUrl;
  const day = (date ?? '').slice(0, 10).split('-');
  const expanded = pattern
    .replace(/:year/g, day[0] ?? '')
    .replace(/:month/g, day[1] ?? '')
    .replace(/:day/g, day[2] ?? '')
    .replace(/:slugorfilename|:slug/g, slug)
    .replace(/:title/g, hugoUrlize(str(fm['title']) ?? name))
    .replace(/:contentbasename|:filename/g, name)
    .replace(/:sections?/g, dir);
  return expanded.endsWith('/') || /\.[a-z0-9]+$/i.test(expanded) ? expanded : `${expanded}/`;
}

function bundleFiles(root: string, dir: string): string[] {
  return listFiles(root, dir).filter((f) => !/(^|\/)index\.(md|markdown)$/i.test(f));
}

/** A term page of the authors taxonomy (`content/authors/<id>/_index.md`). */
export function readHugoAuthor(
  site: ImportSite,
  file: string,
  dir: string,
  src: SourceText,
  ctx: ReadContext,
): void {
  const id = hugoUrlize(path.posix.basename(dir));
  const params = isMap(src.data['params']) ? src.data['params'] : {};
  const links = Object.entries(params)
    .filter(([, v]) => typeof v === 'string' && /^https?:\/\//.test(v))
    .map(([k, v]) => ({ label: k.charAt(0).toUpperCase() + k.slice(1), url: v as string }));
  const bundleDir = path.posix.dirname(file);
  const picture = listFiles(ctx.root, bundleDir).find((f) =>
    /\.(jpe?g|png|webp|avif|gif|svg)$/i.test(f),
  );
  site.authors.set(id, {
    id,
    name: str(src.data['title']) ?? id,
    bio: src.body.trim(),
    ...(picture ? { avatar: { src: picture } } : {}),
    links,
    ...(str(params['email']) ? { email: str(params['email'])! } : {}),
    from: file,
  });
  ctx.report.converted('author term page -> content/authors/', { file });
}
