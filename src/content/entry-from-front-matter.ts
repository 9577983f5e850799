import path from 'node:path';
import type { z } from 'zod';
import { error, type Diagnostic } from '../diagnostics/index.js';
import { parseContentDate } from '../util/dates.js';
import { hash, hashJson } from '../util/hash.js';
import { applyAliases, type FmPath } from './aliases.js';
import type { SourceFile } from './discover.js';
import type { Entry, EntryKind } from './entries.js';
import type { FrontMatter } from './front-matter.js';
import {
  authorSchema,
  pageSchema,
  postSchema,
  seriesSchema,
  topicSchema,
  topicId,
} from './schemas.js';
import { issuesToDiagnostics, unknownKeyDiagnostics } from './validate.js';

/**
 * From a file's parsed front matter to its entry: the kind's aliases applied, unknown keys sorted
 * into typos (errors) and ignored keys (warnings), the kind's schema checked, then the entry
 * built. Any error means no entry; warnings go with it.
 */
export function entryFromFrontMatter(src: SourceFile, fm: FrontMatter): Result {
  switch (src.kind) {
    case 'post':
      return postEntry(src, fm);
    case 'series':
      return seriesEntry(src, fm);
    case 'topic':
      return topicEntry(src, fm);
    case 'page':
      return pageEntry(src, fm);
    case 'author':
      return authorEntry(src, fm);
  }
}

type Result = { entry: Entry | null; diagnostics: Diagnostic[] };
const date = (s: unknown) => (typeof s === 'string' ? parseContentDate(s) : undefined);

/** Aliases applied, unknown keys sorted, then the kind's schema; `warnings` go with the entry. */
function check<T>(
  src: SourceFile,
  fm: FrontMatter,
  schema: { shape: object; safeParse(data: unknown): z.ZodSafeParseResult<T> },
  kind: EntryKind,
) {
  const fileName = path.posix.basename(src.bundle ? src.dir : src.file);
  const own = Object.keys(schema.shape);
  const n = applyAliases(fm.data, own, fileName);
  const unknown = Object.keys(fm.data).filter((k) => !own.includes(k) && !n.consumed.has(k));
  const keyDiags = unknownKeyDiagnostics(unknown, fm, own, kind, otherKinds(kind));
  const r = schema.safeParse(n.data);
  const issues = r.success ? [] : issuesToDiagnostics(r.error.issues, fm, n.data, n.origin, kind);
  const problems = [...keyDiags, ...issues];
  const base = {
    id: src.slug,
    file: src.file,
    bodyLine: fm.bodyLine,
    body: fm.body,
    bodyHash: hash(fm.body),
    dir: src.dir,
    assets: src.assets,
    keyLines: keyLines(fm, n.origin),
  };
  if (!r.success || problems.some((d) => d.severity === 'error'))
    return { ok: false as const, diagnostics: problems };
  return {
    ok: true as const,
    data: r.data,
    base,
    warnings: problems,
    locate: (key: string) => fm.locate(n.origin.get(key) ?? [key]),
  };
}

function postEntry(src: SourceFile, fm: FrontMatter): Result {
  const c = check(src, fm, postSchema, 'post');
  if (!c.ok) return { entry: null, diagnostics: c.diagnostics };
  const d = c.data;
  const diagnostics: Diagnostic[] = [];
  if (d.topics && d.tags)
    diagnostics.push(
      error(
        'front-matter/topics-and-tags',
        'Use either "topics" or its alias "tags", not both.',
        c.locate('tags'),
      ),
    );
  if (d.series && d.part === undefined)
    diagnostics.push(
      error(
        'front-matter/missing-part',
        `Post names series "${d.series}" but has no "part". Add "part: N" (its position in the series).`,
        c.locate('series'),
      ),
    );
  if (d.part !== undefined && !d.series)
    diagnostics.push(
      error(
        'front-matter/part-without-series',
        'Post has a "part" but no "series". Add "series: <slug>" or remove "part".',
        c.locate('part'),
      ),
    );
  if (diagnostics.length) return { entry: null, diagnostics: [...c.warnings, ...diagnostics] };
  const topics = unique((d.topics ?? d.tags ?? []).map(topicId).filter(Boolean));
  const entry: Entry = {
    ...c.base,
    kind: 'post',
    id: d.slug ?? src.slug,
    title: d.title,
    date: date(d.date)!,
    updated: date(d.updated),
    description: d.description ?? '',
    topics,
    authors: unique(d.authors ?? []),
    series: d.series,
    part: d.part,
    draft: d.draft ?? false,
    expires: date(d.expires),
    aliases: d.aliases ?? [],
    url: d.url,
    cover: d.cover,
    coverAlt: d.coverAlt,
    canonical: d.canonical,
    image: d.image,
    toc: d.toc ?? true,
    bundle: src.bundle,
    metaHash: hashJson(['post', d, src.slug]),
  };
  return { entry, diagnostics: c.warnings };
}

function seriesEntry(src: SourceFile, fm: FrontMatter): Result {
  const c = check(src, fm, seriesSchema, 'series');
  if (!c.ok) return { entry: null, diagnostics: c.diagnostics };
  const d = c.data;
  const entry: Entry = {
    ...c.base,
    kind: 'series',
    title: d.title,
    description: d.description ?? '',
    status: d.status,
    planned: d.planned,
    cover: d.cover,
    coverAlt: d.coverAlt,
    image: d.image,
    topics: unique((d.topics ?? []).map(topicId)),
    aliases: d.aliases ?? [],
    url: d.url,
    metaHash: hashJson(['series', d]),
  };
  return { entry, diagnostics: c.warnings };
}

function topicEntry(src: SourceFile, fm: FrontMatter): Result {
  const c = check(src, fm, topicSchema, 'topic');
  if (!c.ok) return { entry: null, diagnostics: c.diagnostics };
  const d = c.data;
  // The id comes from the file name as written (`c++.md` -> `c-plus-plus`), like topic names in
  // posts; the slug has already lost the "+".
  const entry: Entry = {
    ...c.base,
    kind: 'topic',
    id: topicId(path.posix.basename(src.file, '.md')) || src.slug,
    title: d.title,
    description: d.description ?? '',
    cover: d.cover,
    coverAlt: d.coverAlt,
    image: d.image,
    aliases: d.aliases ?? [],
    url: d.url,
    metaHash: hashJson(['topic', d]),
  };
  return { entry, diagnostics: c.warnings };
}

function pageEntry(src: SourceFile, fm: FrontMatter): Result {
  const c = check(src, fm, pageSchema, 'page');
  if (!c.ok) return { entry: null, diagnostics: c.diagnostics };
  const d = c.data;
  const entry: Entry = {
    ...c.base,
    kind: 'page',
    id: d.slug ?? src.slug,
    title: d.title,
    description: d.description ?? '',
    updated: date(d.updated),
    draft: d.draft ?? false,
    aliases: d.aliases ?? [],
    url: d.url,
    toc: d.toc ?? false,
    image: d.image,
    metaHash: hashJson(['page', d, src.slug]),
  };
  return { entry, diagnostics: c.warnings };
}

function authorEntry(src: SourceFile, fm: FrontMatter): Result {
  const c = check(src, fm, authorSchema, 'author');
  if (!c.ok) return { entry: null, diagnostics: c.diagnostics };
  const d = c.data;
  // The id is the file name as written, normalised like an author named in a post.
  const entry: Entry = {
    ...c.base,
    kind: 'author',
    id: topicId(path.posix.basename(src.file, '.md')) || src.slug,
    name: d.name,
    avatar: d.avatar,
    email: d.email,
    links: d.links ?? [],
    aliases: d.aliases ?? [],
    url: d.url,
    metaHash: hashJson(['author', d]),
  };
  return { entry, diagnostics: c.warnings };
}

const KIND_KEYS: ReadonlyMap<EntryKind, readonly string[]> = new Map([
  ['post', Object.keys(postSchema.shape)],
  ['series', Object.keys(seriesSchema.shape)],
  ['topic', Object.keys(topicSchema.shape)],
  ['page', Object.keys(pageSchema.shape)],
  ['author', Object.keys(authorSchema.shape)],
]);
const otherKinds = (kind: EntryKind) => new Map([...KIND_KEYS].filter(([k]) => k !== kind));

/** Where each key sits; a key supplied by an alias (`updated` from `lastmod`) at the alias. */
function keyLines(
  fm: FrontMatter,
  origin: ReadonlyMap<string, FmPath>,
): Record<string, { line: number; column: number }> {
  const out: Record<string, { line: number; column: number }> = {};
  for (const k of Object.keys(fm.data)) {
    const s = fm.locate([k]);
    out[k] = { line: s.line, column: s.column };
  }
  for (const [k, from] of origin) {
    if (k.includes('.') || k in out) continue;
    const s = fm.locate(from);
    out[k] = { line: s.line, column: s.column };
  }
  // Each alias has a line of its own: an output it clashes with is reported there.
  const aliases = origin.get('aliases') ?? ['aliases'];
  const list = aliases.reduce<unknown>(
    (v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined),
    fm.data,
  );
  if (Array.isArray(list))
    list.forEach((_, i) => {
      const s = fm.locate([...aliases, i]);
      out[`aliases.${i}`] = { line: s.line, column: s.column };
    });
  return out;
}
const unique = (xs: string[]) => [...new Set(xs)];
