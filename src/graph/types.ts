import type {
  AuthorEntry,
  PageEntry,
  PostEntry,
  SeriesEntry,
  TopicEntry,
} from '../content/index.js';

export interface GraphOptions {
  drafts: boolean;
  future: boolean;
  /** The build's "now" (SOURCE_DATE_EPOCH or the clock), for future and expired posts. */
  now: Date;
}

/** URL policy settings the graph needs (a slice of the resolved config). */
export interface UrlPolicy {
  basePath: string;
  permalinks: { post: string; series: string; topic: string; page: string; author: string };
  /** Config `redirects`: old site path -> site path or absolute URL. */
  redirects?: Record<string, string>;
}

export interface GraphPost {
  entry: PostEntry;
  id: string;
  /** Root-relative URL including basePath, e.g. `/blog/posts/x/`. */
  url: string;
  year: number;
  /** Shown only because of `--future`. */
  future: boolean;
  /** Author ids (authors.ts); empty when the site has no authors. */
  authors: string[];
}

export interface GraphSeries {
  id: string;
  entry: SeriesEntry;
  url: string;
  /** Visible parts' post ids in `part` order. */
  partIds: string[];
  /** Every part written (visible or not) vs the `planned` count, for "n of m". */
  plannedCount: number;
  topics: string[];
}

export interface GraphTopic {
  id: string;
  entry?: TopicEntry;
  url: string;
  title: string;
  /** Visible posts, newest first. */
  postIds: string[];
  seriesIds: string[];
}

/** An author with a page: defined by `content/authors/<id>.md`, or named by a post. */
export interface GraphAuthor {
  id: string;
  entry?: AuthorEntry;
  url: string;
  name: string;
  /** Visible posts, newest first. */
  postIds: string[];
}

export interface GraphPage {
  entry: PageEntry;
  id: string;
  url: string;
}

/** What a relative Markdown link or a bundle file resolves to. */
export interface FileTarget {
  /** Input id (`post:x`, `series:x`, `asset:<file>` of a bundle, `file:<file>` elsewhere). */
  id: string;
  url?: string;
  /** Why there is no page for it in this build (draft, future, expired). */
  excluded?: string;
}

export type ExclusionReason = 'draft' | 'future' | 'expired';

/** A post or page left out of this build, for the build summary. */
export interface Excluded {
  /** Project-relative path of its file. */
  file: string;
  reason: ExclusionReason;
  /** `YYYY-MM-DD`: the date of a future post, the `expires` date of an expired one. */
  date?: string;
}

export interface Alias {
  /** Root-relative URL of its redirect page, with basePath (`/old/` for an alias `/old`). */
  url: string;
  /** The alias as written, with basePath: what host redirect files match. */
  from: string;
  target: string;
  owner: string;
}

export interface SiteGraph {
  /** Visible posts, newest first (date desc, then id). */
  posts: GraphPost[];
  postById: Map<string, GraphPost>;
  series: GraphSeries[];
  seriesById: Map<string, GraphSeries>;
  topics: GraphTopic[];
  topicById: Map<string, GraphTopic>;
  /** Authors by name; empty when the site has no authors (no file, no post naming one). */
  authors: GraphAuthor[];
  authorById: Map<string, GraphAuthor>;
  pages: GraphPage[];
  archive: { year: number; postIds: string[] }[];
  related: Map<string, string[]>;
  /** Chronological neighbours: prev = older, next = newer. */
  chrono: Map<string, { prev?: string; next?: string }>;
  byFile: Map<string, FileTarget>;
  aliases: Alias[];
  /** Posts and pages left out (drafts, future, expired), sorted by file. */
  excluded: Excluded[];
  /**
   * Files in content/ outside bundles (project-relative; their URL is in byFile, id
   * `file:<file>`). Published only when a rendered body links to or embeds one.
   */
  looseFiles: string[];
}
