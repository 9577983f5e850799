/** What the content stage hands to the graph: one typed entry per source file. */

export type EntryKind = 'post' | 'series' | 'topic' | 'page' | 'author';

interface EntryBase {
  kind: EntryKind;
  /** Slug, unique within its kind. */
  id: string;
  /** Project-relative POSIX path of the source file. */
  file: string;
  /** 1-based line where the body starts. */
  bodyLine: number;
  body: string;
  /** Hash of the validated front matter (what lists and neighbours depend on). */
  metaHash: string;
  /** Hash of the Markdown body. */
  bodyHash: string;
  /** Bundle folder (project-relative) for `posts/<slug>/index.md`, else the file's folder. */
  dir: string;
  /** Files beside the post in its bundle (project-relative), copied to the output. */
  assets: string[];
  image?: string;
  /** Old addresses (site paths) that redirect here. */
  aliases: string[];
  /** The entry's address (site path) when front matter sets one, instead of its permalink pattern. */
  url?: string;
  /** Where each front-matter key sits, for diagnostics raised after this stage. */
  keyLines: Record<string, { line: number; column: number }>;
}

export interface PostEntry extends EntryBase {
  kind: 'post';
  title: string;
  date: Date;
  updated?: Date;
  description: string;
  /** Topic ids (names normalised), in the order written, without duplicates. */
  topics: string[];
  /**
   * Authors as written (`authors`, `author` or `by`): an author file's id or an author's name,
   * matched to an author by the graph. Empty: the site's author.
   */
  authors: string[];
  series?: string;
  part?: number;
  draft: boolean;
  expires?: Date;
  cover?: string;
  coverAlt?: string;
  canonical?: string;
  toc: boolean;
  bundle: boolean;
}

export interface SeriesEntry extends EntryBase {
  kind: 'series';
  title: string;
  description: string;
  status: 'ongoing' | 'complete';
  planned?: number;
  cover?: string;
  coverAlt?: string;
  topics: string[];
}

export interface TopicEntry extends EntryBase {
  kind: 'topic';
  title: string;
  description: string;
  cover?: string;
  coverAlt?: string;
}

export interface PageEntry extends EntryBase {
  kind: 'page';
  title: string;
  description: string;
  updated?: Date;
  draft: boolean;
  toc: boolean;
}

/** `content/authors/<id>.md`: who writes; the body is the bio. */
export interface AuthorEntry extends EntryBase {
  kind: 'author';
  name: string;
  /** A path in public/ (`/img/me.jpg`), beside the file, or an http(s) URL. */
  avatar?: string;
  email?: string;
  /** Profile URLs, shown with rel="me" and given as JSON-LD sameAs. */
  links: string[];
}

export type Entry = PostEntry | SeriesEntry | TopicEntry | PageEntry | AuthorEntry;

/** Stable input id of an entry, used by the dependency graph: `post:<slug>`. */
export const entryId = (e: Pick<Entry, 'kind' | 'id'>) => `${e.kind}:${e.id}`;
