import { error, type Diagnostic } from '../diagnostics/index.js';
import { FIXED, withBase } from './permalinks.js';
import type { Alias, GraphAuthor, GraphPage, GraphPost, GraphSeries, GraphTopic } from './types.js';

/** Two things claiming one URL, compared case-insensitively and after Unicode normalisation. */
export function checkUrls(
  posts: GraphPost[],
  series: GraphSeries[],
  topics: GraphTopic[],
  pages: GraphPage[],
  authors: GraphAuthor[],
  aliases: Alias[],
  basePath: string,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const claimed = new Map<string, { file: string; key: string }>();
  const key = (u: string) => decodeURI(u).normalize('NFC').toLowerCase();
  const keyLines = new Map<string, Record<string, { line: number; column: number }>>();
  for (const x of [...posts, ...series, ...topics, ...pages, ...authors])
    if (x.entry) keyLines.set(x.entry.file, x.entry.keyLines);
  const at = (file: string, field: string) => ({
    file,
    ...(keyLines.get(file)?.[field] ?? { line: 1, column: 1 }),
  });
  const claim = (url: string, file: string, field: string) => {
    const k = key(url);
    const prev = claimed.get(k);
    if (prev) {
      // Point at the line that chose this URL explicitly (`slug:` or `aliases:`) in either file;
      // line 1 of the later file only when neither did (two file names that slug the same).
      const explicit = keyLines.get(file)?.[field]
        ? at(file, field)
        : keyLines.get(prev.file)?.[prev.key]
          ? at(prev.file, prev.key)
          : at(file, field);
      out.push(
        error(
          'graph/duplicate-url',
          `${url} is claimed by both ${prev.file} and ${file}. Change the slug (or file name) of one of them.`,
          explicit,
          field === 'aliases' ? 'Check the "aliases" list.' : undefined,
        ),
      );
    } else claimed.set(k, { file, key: field });
  };
  for (const [name, p] of Object.entries({
    home: FIXED.home,
    archive: FIXED.archive,
    series: FIXED.seriesIndex,
    topics: FIXED.topicIndex,
    search: FIXED.search,
    page: '/page/',
  })) {
    claimed.set(key(withBase(basePath, p)), { file: `(generated ${name} page)`, key: name });
  }
  // The index of authors exists only on a site with several.
  if (authors.length > 1)
    claimed.set(key(withBase(basePath, FIXED.authorIndex)), {
      file: '(generated authors page)',
      key: 'authors',
    });
  for (const p of posts) claim(p.url, p.entry.file, 'slug');
  for (const s of series) claim(s.url, s.entry.file, 'slug');
  for (const t of topics) claim(t.url, t.entry?.file ?? `(topic "${t.id}" used by posts)`, 'slug');
  for (const p of pages) claim(p.url, p.entry.file, 'slug');
  for (const a of authors)
    claim(a.url, a.entry?.file ?? `(author "${a.id}" named by posts)`, 'slug');
  for (const a of aliases) claim(a.url, a.owner, 'aliases');
  return out;
}
