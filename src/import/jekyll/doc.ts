import path from 'node:path';
import { parseContentDate } from '../../util/dates.js';
import { mapCommonKeys } from '../front-matter.js';
import type { ImportDoc, ImportSite, ReadContext } from '../model.js';
import { aliasPath, isMap, readSource, str, strings } from '../source.js';
import { colophonSlug, jekyllPretty } from '../slugs.js';

export interface JekyllSettings {
  /** The posts' permalink pattern (a style name already expanded). */
  permalink: string;
  /** Pages end in `/` rather than `.html`. */
  pretty: boolean;
  defaults: Record<string, unknown>[];
  collections: Record<string, unknown>;
  baseurl: string;
  site: Record<string, unknown>;
}

const KEYS = [
  'title',
  'date',
  'categories',
  'category',
  'tags',
  'tag',
  'author',
  'authors',
  'slug',
  'permalink',
  'redirect_from',
  'redirect_to',
  'published',
  'last_modified_at',
  'description',
  'excerpt',
  'image',
  'layout',
  'toc',
];

/** A post (`_posts/`, `_drafts/`), a page, or a collection document. */
export function readJekyllDoc(
  site: ImportSite,
  s: JekyllSettings,
  file: string,
  top: string,
  ctx: ReadContext,
): void {
  const src = readSource(ctx.root, file);
  if (src.problem) {
    ctx.report.todo(
      { file },
      `Front matter does not parse (${src.problem}); the file was not imported. Fix it and import again.`,
    );
    return;
  }
  const type = top === '_posts' || top === '_drafts' ? 'posts' : top ? top.slice(1) : 'pages';
  const d = { ...defaultsFor(s, file, type), ...src.data };
  const name = path.posix.basename(file).replace(/\.(md|markdown|html)$/i, '');
  const dated = /^(\d{4}-\d{2}-\d{2})-(.+)$/.exec(name);
  const draft = top === '_drafts' || d['published'] === false;
  let date = iso(str(d['date'])) ?? dated?.[1];
  if (!date && top === '_drafts') {
    date = ctx.now.toISOString().slice(0, 10);
    ctx.report.todo(
      { file },
      `A draft without a date: ${date} (the day of the import) was written. Set the date before publishing.`,
    );
  }
  const categories = unique([...words(d['categories']), ...words(d['category'])]);
  const stem = str(d['slug']) ?? dated?.[2] ?? name;
  const isPost = type === 'posts';
  const collection = isMap(s.collections[type]) ? s.collections[type] : undefined;
  const doc: ImportDoc = {
    src: file,
    kind: isPost ? 'post' : 'page',
    title: str(d['title']) ?? titleFrom(stem),
    ...(date && isPost ? { date } : {}),
    ...(iso(str(d['last_modified_at'])) ? { updated: iso(str(d['last_modified_at']))! } : {}),
    ...((str(d['description']) ?? str(d['excerpt']))
      ? { description: (str(d['description']) ?? str(d['excerpt']))! }
      : {}),
    draft,
    slug: colophonSlug(stem),
    oldUrl: null,
    aliases: strings(d['redirect_from']).map(aliasPath),
    topics: [...categories, ...words(d['tags']), ...words(d['tag'])],
    authors: [],
    body: src.body,
    bodyLine: src.bodyLine,
    params: { ...d, categories, title: str(d['title']) ?? titleFrom(stem) },
  };
  const image = d['image'];
  if (str(image) ?? (isMap(image) ? str(image['path']) : undefined))
    doc.image = (str(image) ?? str((image as Record<string, unknown>)['path']))!;
  authorsOf(site, doc, d);
  const future = date && isPost ? (parseContentDate(date) ?? new Date(0)) > ctx.now : false;
  const url = oldUrl(s, file, d, { stem, date, categories, isPost, collection, name });
  if (collection && collection['output'] !== true) {
    ctx.report.leave(
      { file },
      `a document of the ${type} collection, which the site does not publish (output is not true)`,
    );
    return;
  }
  if (!draft && !future) doc.oldUrl = url;
  doc.params['url'] = url;
  const redirect = str(d['redirect_to']);
  if (redirect) {
    site.stubs.push({ from: url, to: stripSite(redirect, s), src: file });
    return;
  }
  if (collection)
    ctx.report.note(
      `Documents of the ${type} collection were imported as pages (at their old addresses).`,
    );
  mapCommonKeys(doc, src.data, KEYS, file, src, ctx.report);
  site.docs.push(doc);
}

/** Front matter `defaults` whose scope matches this file (later entries win). */
function defaultsFor(s: JekyllSettings, file: string, type: string): Record<string, unknown> {
  let out: Record<string, unknown> = {};
  for (const entry of s.defaults) {
    const scope = isMap(entry['scope']) ? entry['scope'] : {};
    const p = str(scope['path']) ?? '';
    const t = str(scope['type']);
    if (p && !file.startsWith(p)) continue;
    if (t && t !== type) continue;
    if (isMap(entry['values'])) out = { ...out, ...entry['values'] };
  }
  return out;
}

interface UrlInput {
  stem: string;
  date?: string;
  categories: string[];
  isPost: boolean;
  collection?: Record<string, unknown>;
  name: string;
}

/** The address Jekyll published (R1, R3, R4), without the base path. */
function oldUrl(s: JekyllSettings, file: string, d: Record<string, unknown>, u: UrlInput): string {
  const own = str(d['permalink']);
  const pattern =
    own ??
    (u.isPost
      ? s.permalink
      : u.collection
        ? (str(u.collection['permalink']) ?? '/:collection/:path:output_ext')
        : undefined);
  if (!pattern) {
    const p = `/${file.replace(/\.(md|markdown|html)$/i, '')}`;
    if (p.endsWith('/index')) return p.slice(0, -5);
    return s.pretty ? `${p}/` : `${p}.html`;
  }
  const [y = '', m = '', day = ''] = (u.date ?? '').slice(0, 10).split('-');
  const out = pattern
    .replace(/:categories/g, u.categories.map((c) => c.toLowerCase()).join('/'))
    .replace(/:year/g, y)
    .replace(/:short_year/g, y.slice(2))
    .replace(/:month/g, m)
    .replace(/:i_month/g, String(Number(m)))
    .replace(/:day/g, day)
    .replace(/:i_day/g, String(Number(day)))
    .replace(/:title/g, jekyllPretty(u.stem))
    .replace(/:slug/g, colophonSlug(u.stem))
    .replace(/:name/g, jekyllPretty(u.name).toLowerCase())
    .replace(/:path/g, file.replace(/^_[^/]+\//, '').replace(/\.(md|markdown|html)$/i, ''))
    .replace(/:collection/g, file.split('/')[0]!.slice(1))
    .replace(/:output_ext/g, '.html');
  return out.replace(/\/{2,}/g, '/');
}

function authorsOf(site: ImportSite, doc: ImportDoc, d: Record<string, unknown>): void {
  for (const a of [
    ...strings(d['author']),
    ...strings(d['authors']),
    ...(isMap(d['author']) && str(d['author']['name']) ? [str(d['author']['name'])!] : []),
  ]) {
    const id = site.authors.has(a) ? a : colophonSlug(a);
    if (!doc.authors.includes(id)) doc.authors.push(id);
    if (!site.authors.has(id)) site.authors.set(id, { id, name: a, bio: '', links: [] });
  }
}

/** A URL of this site (absolute, or with the base path) as a site path. */
export function stripSite(url: string, s: JekyllSettings): string {
  let p = url.replace(/^https?:\/\/[^/]+/, '');
  if (s.baseurl && (p === s.baseurl || p.startsWith(s.baseurl + '/')))
    p = p.slice(s.baseurl.length) || '/';
  return p;
}

/** `2020-03-15 10:00:00 +0000` -> `2020-03-15T10:00:00+00:00`; other forms as written. */
function iso(s: string | undefined): string | undefined {
  if (!s) return undefined;
  const m =
    /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(
      s.trim(),
    );
  if (!m) return s.trim();
  const time = m[2]!.length === 5 ? `${m[2]}:00` : m[2];
  const zone = m[3] ? (m[3] === 'Z' ? 'Z' : m[3].replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2')) : '';
  return `${m[1]}T${time}${zone}`;
}

const words = (v: unknown): string[] =>
  typeof v === 'string' ? v.split(/\s+/).filter(Boolean) : strings(v);
const unique = (xs: string[]) =>
  xs.filter((x, i) => xs.findIndex((y) => y.toLowerCase() === x.toLowerCase()) === i);
const titleFrom = (stem: string) =>
  stem.replace(/[-_]+/g, ' ').replace(/^./, (c) => c.toUpperCase());
