import type {
  AuthorEntry,
  PageEntry,
  PostEntry,
  SeriesEntry,
  TopicEntry,
} from '../../src/content/index.js';

/**
 * Content entries built by hand, for the pure stages (graph, routes). Key positions are fixed
 * (title line 2, series 4, part 5, slug 6, aliases 7) so diagnostics have predictable spans.
 */
const base = () => ({
  body: '',
  bodyLine: 5,
  metaHash: 'm',
  bodyHash: 'b',
  assets: [] as string[],
  aliases: [] as string[],
  keyLines: {
    title: { line: 2, column: 1 },
    series: { line: 4, column: 1 },
    part: { line: 5, column: 1 },
    slug: { line: 6, column: 1 },
    aliases: { line: 7, column: 1 },
  } as Record<string, { line: number; column: number }>,
});

export function post(id: string, date: string, more: Partial<PostEntry> = {}): PostEntry {
  return {
    ...base(),
    kind: 'post',
    id,
    file: `content/posts/${id}.md`,
    dir: 'content/posts',
    title: id.toUpperCase(),
    date: new Date(`${date}T00:00:00Z`),
    description: '',
    topics: [],
    authors: [],
    draft: false,
    aliases: [],
    toc: true,
    bundle: false,
    ...more,
  };
}

export function series(id: string, more: Partial<SeriesEntry> = {}): SeriesEntry {
  return {
    ...base(),
    kind: 'series',
    id,
    file: `content/series/${id}.md`,
    dir: 'content/series',
    title: `Series ${id}`,
    description: '',
    status: 'ongoing',
    topics: [],
    ...more,
  };
}

export function topic(id: string, title: string, more: Partial<TopicEntry> = {}): TopicEntry {
  return {
    ...base(),
    kind: 'topic',
    id,
    file: `content/topics/${id}.md`,
    dir: 'content/topics',
    title,
    description: '',
    ...more,
  };
}

export function page(id: string, more: Partial<PageEntry> = {}): PageEntry {
  return {
    ...base(),
    kind: 'page',
    id,
    file: `content/pages/${id}.md`,
    dir: 'content/pages',
    title: id,
    description: '',
    draft: false,
    aliases: [],
    toc: false,
    ...more,
  };
}

export function author(id: string, name: string, more: Partial<AuthorEntry> = {}): AuthorEntry {
  return {
    ...base(),
    kind: 'author',
    id,
    file: `content/authors/${id}.md`,
    dir: 'content/authors',
    name,
    links: [],
    ...more,
  };
}
