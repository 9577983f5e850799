import path from 'node:path';
import { mapCommonKeys } from '../front-matter.js';
import type { ImportDoc, ImportSite, ReadContext } from '../model.js';
import { aliasPath, isMap, readSource, str, strings } from '../source.js';
import { zolaSlugify } from '../slugs.js';
import { dirOf, type ZolaSettings } from './read.js';

/** A Zola page: its date (front matter, file name or dated path), address, taxonomies, authors. */

const PAGE_KEYS = [
  'title',
  'description',
  'date',
  'updated',
  'draft',
  'slug',
  'path',
  'aliases',
  'authors',
  'taxonomies',
  'extra',
  'weight',
];

export function readPage(
  site: ImportSite,
  s: ZolaSettings,
  file: string,
  contentDir: string,
  sectionDirs: Set<string>,
  files: string[],
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
  const d = src.data;
  const bundle = path.posix.basename(file) === 'index.md';
  const folder = dirOf(file, contentDir);
  const sectionKey = bundle
    ? parentSection(folder.split('/').slice(0, -1).join('/'), sectionDirs)
    : parentSection(folder, sectionDirs);
  const name = bundle ? path.posix.basename(folder) : path.posix.basename(file, '.md');
  const dated = /^(\d{4}-\d{2}-\d{2})[-_](.+)$/.exec(name);
  const pathKey = str(d['path']);
  const fromPath = pathKey ? /(?:^|\/)(\d{4})\/(\d{2})\/(\d{2})\//.exec(pathKey + '/') : null;
  const date =
    str(d['date']) ??
    dated?.[1] ??
    (fromPath ? `${fromPath[1]}-${fromPath[2]}-${fromPath[3]}` : undefined);
  const stem = str(d['slug']) ?? dated?.[2] ?? name;
  const slug = s.slugPaths ? zolaSlugify(stem) : stem;
  const taxonomies = isMap(d['taxonomies']) ? d['taxonomies'] : {};
  const extra = isMap(d['extra']) ? d['extra'] : {};
  const doc: ImportDoc = {
    src: file,
    kind: date ? 'post' : 'page',
    title: str(d['title']) ?? name,
    ...(date ? { date } : {}),
    ...(str(d['updated']) ? { updated: str(d['updated'])! } : {}),
    ...(str(d['description']) ? { description: str(d['description'])! } : {}),
    draft: d['draft'] === true,
    slug: pathKey ? path.posix.basename(pathKey.replace(/\/$/, '')).replace(/\.html?$/i, '') : slug,
    oldUrl: null,
    aliases: strings(d['aliases']).map(aliasPath),
    topics: [],
    ...(sectionKey ? { section: sectionKey } : {}),
    authors: [],
    body: src.body,
    bodyLine: src.bodyLine,
    params: { ...d },
    ...(bundle
      ? {
          bundle: {
            dir: path.posix.dirname(file),
            files: files.filter(
              (f) =>
                f.startsWith(path.posix.dirname(file) + '/') && f !== file && !f.endsWith('.md'),
            ),
          },
        }
      : {}),
  };
  // The weight orders a series section's parts (addTerms).
  const weight = typeof d['weight'] === 'number' ? d['weight'] : undefined;
  if (weight !== undefined) doc.params['__weight'] = weight;
  for (const [tax, kind] of s.taxonomies) {
    const names = strings(taxonomies[tax]);
    if (kind === 'topic') doc.topics.push(...names);
    else for (const n of names) addAuthor(site, doc, n);
  }
  for (const n of [
    ...strings(d['authors']),
    ...strings(extra['author']),
    ...strings(extra['authors']),
  ])
    addAuthor(site, doc, n);
  if (!doc.draft)
    // A `path` ending in `.html` is that file (older Zola sites wrote them so).
    doc.oldUrl = pathKey
      ? `/${pathKey.replace(/^\/|\/$/g, '')}${/\.html?$/i.test(pathKey) ? '' : '/'}`
      : `${sectionKey ? `/${sectionKey}/` : '/'}${slug}/`;
  mapCommonKeys(doc, d, PAGE_KEYS, file, src, ctx.report);
  if (Object.keys(extra).some((k) => k !== 'author' && k !== 'authors'))
    ctx.report.drop('extra', 'theme settings; not used by Colophon', {
      file,
      line: src.line('extra'),
    });
  site.docs.push(doc);
}

/** The nearest folder at or above `dir` that has an _index.md. */
function parentSection(dir: string, sections: Set<string>): string | undefined {
  const parts = dir ? dir.split('/') : [];
  for (let n = parts.length; n > 0; n--) {
    const k = parts.slice(0, n).join('/');
    if (sections.has(k)) return k;
  }
  return undefined;
}

function addAuthor(site: ImportSite, doc: ImportDoc, name: string): void {
  const id = zolaSlugify(name);
  if (!id || doc.authors.includes(id)) return;
  doc.authors.push(id);
  if (!site.authors.has(id)) site.authors.set(id, { id, name, bio: '', links: [] });
}
