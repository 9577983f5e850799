/**
 * What a reader (hugo/, zola/, jekyll/) makes of the other site: one neutral model that the
 * shared steps (URL planning, body conversion, the DEST writer) turn into a Colophon site.
 * Paths named `src` are SRC-relative POSIX paths; URLs named `oldUrl` are site paths (no base
 * path) that the old site published.
 */
import type { Report } from './report.js';

export type Generator = 'hugo' | 'zola' | 'jekyll';

export interface ImportDoc {
  src: string;
  kind: 'post' | 'page';
  title: string;
  /** Dates as the other site wrote them (ISO, offsets kept), or YYYY-MM-DD. */
  date?: string;
  updated?: string;
  expires?: string;
  description?: string;
  draft: boolean;
  /** The slug wanted (lower case); made unique per kind by the URL planner. */
  slug: string;
  /** Where the old site published the page; null when it did not (draft, future, expired). */
  oldUrl: string | null;
  /** Other old addresses (aliases, redirect_from, redirect stubs pointing here). */
  aliases: string[];
  /** Topic names (tags, categories), as written. */
  topics: string[];
  /** Section key (`posts`, `blog/tiny-vm`), when the page sits in one that becomes a hub. */
  section?: string;
  /** Series key and the weight that orders its parts. */
  series?: { key: string; weight?: number };
  /** Author ids (see ImportSite.authors). */
  authors: string[];
  cover?: string;
  coverAlt?: string;
  image?: string;
  canonical?: string;
  toc?: boolean;
  body: string;
  /** 1-based line of the body's first line in the source file. */
  bodyLine: number;
  /** A leaf bundle: its folder and its other files (SRC-relative). */
  bundle?: { dir: string; files: string[] };
  /** Values the generator's templates can read (`param` shortcodes, `page.*` in Liquid). */
  params: Record<string, unknown>;
}

/** A section (Hugo/Zola `_index.md`), which becomes a topic hub or a series. */
export interface ImportSection {
  key: string;
  src: string;
  title: string;
  description?: string;
  body: string;
  bodyLine: number;
  oldUrl: string;
  asSeries: boolean;
  /** The section only redirected (Zola `redirect_to`): an old path of this target section key. */
  redirectTo?: string;
  /** Files beside `_index.md`, published at the section's URL. */
  files: string[];
  /** Zola's `paginate_by`: posts per page of the section's list. */
  pageSize?: number;
}

export interface ImportAuthor {
  id: string;
  name: string;
  bio: string;
  /** A file of SRC (copied to public/) or an http(s) URL. */
  avatar?: { src?: string; url?: string };
  links: { label: string; url: string }[];
  email?: string;
  /** Where it was defined (for the report), or undefined when only named by posts. */
  from?: string;
}

/** An old taxonomy page: `/tags/x/` lists topic x; `/series/x/` is series x. */
export interface OldTerm {
  taxonomy: 'topic' | 'series' | 'author';
  /** Topic name, series key or author id. */
  name: string;
  oldUrl: string;
}

export interface ImportConfig {
  title: string;
  baseUrl: string;
  description: string;
  language: string;
  author?: { name: string; email?: string; url?: string };
  headingIds?: 'github' | 'zola' | 'hugo' | 'hugo-ascii' | 'hugo-blackfriday';
  menu: { label: string; url: string }[];
  /** The old post permalink pattern in Colophon's syntax, when it can express it. */
  postPattern?: string;
  /**
   * Posts per list page on the old site: with the same size, its `/page/2/` and
   * `/<section>/page/2/` (the same scheme as ours) keep listing the same posts.
   */
  pageSize?: number;
  /** The old site's feed addresses Colophon does not use itself (Hugo's `/index.xml`). */
  feedAliases?: Record<string, 'rss' | 'atom'>;
}

export interface ImportSite {
  generator: Generator;
  /** Absolute SRC root. */
  root: string;
  config: ImportConfig;
  docs: ImportDoc[];
  sections: ImportSection[];
  authors: Map<string, ImportAuthor>;
  /** Series keys -> title (from the taxonomy term as written, or the section). */
  series: Map<string, { title: string; description?: string; body?: string; oldUrl?: string }>;
  terms: OldTerm[];
  /** Old index pages (`/tags/`, `/categories/`) and where they should lead. */
  /** Old list addresses: to an index, home, or a site path of ours (`/page/2/`). */
  indexRedirects: { from: string; to: 'topics' | 'series' | 'home' | `/${string}` }[];
  /** Folders of static files copied to public/ as they are: SRC-relative folder -> public/ subpath. */
  staticDirs: { src: string; to: string }[];
  /** Single static files (SRC-relative) and their public/ path. */
  staticFiles: { src: string; to: string }[];
  /** Redirect stubs: old path -> the old URL (or SRC file) of the page they pointed at. */
  stubs: { from: string; to: string; src: string }[];
  /** Data the generator's templates read (Jekyll `site.*`, Hugo site params). */
  siteData: Record<string, unknown>;
  /** Site-defined shortcodes or includes: name -> SRC file defining it. */
  shortcodes: Map<string, string>;
}

export interface ReadContext {
  /** Absolute SRC root. */
  root: string;
  report: Report;
  /** The build's "now", for future and expired posts. */
  now: Date;
}
