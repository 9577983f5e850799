import { error, type Diagnostic } from '../diagnostics/index.js';
import { topicId, type AuthorEntry, type PostEntry } from '../content/index.js';
import type { GraphAuthor } from './types.js';

/**
 * Who wrote what. Authors are opt-in: a site with no `content/authors/` file and no post naming
 * an author has none (no author pages, no bylines), and looks as it did. Otherwise every post
 * has at least one: the ones it names, or the site's author (`author.name` in the config).
 *
 * A name written in a post is matched to an author file by id (`ada` -> `content/authors/ada.md`,
 * after normalising like topic names), then by the file's `name` (`Ada Lovelace`), then becomes
 * an author of its own with that id (`ada-lovelace`): a name without a file still gets a page.
 */
export interface AuthorsResult {
  /** Every author with a page, by name. Empty when the site has no authors. */
  authors: GraphAuthor[];
  /** Author ids of a post, in the order written (the site's author when it names none). */
  of: (post: PostEntry) => string[];
  diagnostics: Diagnostic[];
}

export function resolveAuthors(
  files: readonly AuthorEntry[],
  allPosts: readonly PostEntry[],
  visible: readonly PostEntry[],
  siteAuthor: string,
  urlOf: (id: string) => string,
): AuthorsResult {
  const diagnostics: Diagnostic[] = [];
  const byId = new Map<string, AuthorEntry>();
  for (const f of [...files].sort((a, b) => (a.file < b.file ? -1 : 1))) {
    const prev = byId.get(f.id);
    if (prev) {
      diagnostics.push(
        error(
          'graph/duplicate-author',
          `Author "${f.id}" is defined by both ${prev.file} and ${f.file}. Keep one file per author (file names that differ only in case or punctuation give the same id).`,
          { file: f.file, line: 1, column: 1 },
        ),
      );
      continue;
    }
    byId.set(f.id, f);
  }
  if (!byId.size && !allPosts.some((p) => p.authors.length))
    return { authors: [], of: () => [], diagnostics };

  const byName = new Map<string, string>();
  for (const f of byId.values()) {
    const k = nameKey(f.name);
    if (!byName.has(k)) byName.set(k, f.id);
  }
  const resolve = (written: string): string => {
    const id = topicId(written);
    if (byId.has(id)) return id;
    return byName.get(nameKey(written)) ?? id;
  };
  const fallback = resolve(siteAuthor);
  /** Names of authors without a file: the first spelling met (posts in file order). */
  const names = new Map<string, string>([[fallback, siteAuthor]]);
  for (const p of [...allPosts].sort((a, b) => (a.file < b.file ? -1 : 1)))
    for (const w of p.authors) {
      const id = resolve(w);
      if (!names.has(id)) names.set(id, w.trim());
    }
  const of = (p: PostEntry): string[] =>
    p.authors.length ? [...new Set(p.authors.map(resolve))] : [fallback];

  const postIds = new Map<string, string[]>();
  for (const p of visible)
    for (const id of of(p)) {
      const list = postIds.get(id);
      if (list) list.push(p.id);
      else postIds.set(id, [p.id]);
    }
  const ids = new Set([...byId.keys(), ...postIds.keys()]);
  const authors = [...ids].map((id): GraphAuthor => {
    const entry = byId.get(id);
    const a: GraphAuthor = {
      id,
      url: urlOf(id),
      name: entry?.name ?? names.get(id) ?? id,
      postIds: postIds.get(id) ?? [],
    };
    if (entry) a.entry = entry;
    return a;
  });
  authors.sort((a, b) => a.name.localeCompare(b.name, 'en') || (a.id < b.id ? -1 : 1));
  return { authors, of, diagnostics };
}

const nameKey = (name: string) => name.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');
