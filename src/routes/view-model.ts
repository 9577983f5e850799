/**
 * The declared view-model: the only data templates ever see. Every field is plain JSON (strings,
 * numbers, booleans, arrays, objects) so a page's props can be hashed, cached and compared.
 * Dates are ISO strings (`2026-03-14`) plus a pre-formatted display string, so templates never
 * need a clock or a locale.
 */

import type { UiStrings } from '../config/strings/index.js';
import type { AuthorCardVM, PostCardVM, SeriesCardVM, TopicCardVM } from './view-model-cards.js';

export type * from './view-model-cards.js';

export interface LinkRef {
  title: string;
  url: string;
}

export interface SiteVM {
  title: string;
  description: string;
  /** Absolute base URL with trailing slash, e.g. `https://user.github.io/blog/`. */
  baseUrl: string;
  /** Path part of baseUrl, e.g. `/blog/` (used to prefix every internal URL). */
  basePath: string;
  /** The config's `language` (BCP 47), for `lang` and the `t` filter. */
  language: string;
  /** `rtl` for a right-to-left language (`<html dir>`), else `ltr`. */
  dir: 'ltr' | 'rtl';
  /**
   * The theme's strings in the site's language (config `strings` over the language's table;
   * docs/config-reference.md lists them). Print with the `t` filter:
   * `{{ site.strings.pageOf | t: site.language, page: 2, total: 5 }}`.
   */
  strings: UiStrings;
  /** The strings public/js shows, for `<body data-strings="{{ site.scriptStrings | json }}">`. */
  scriptStrings: Partial<UiStrings>;
  /** The config's `theme` (accent colours) as CSS custom properties; empty if none is set. */
  themeCss: string;
  author: { name: string; email?: string; url?: string };
  menu: LinkRef[];
  /** Site-wide feed URLs (root-relative, already prefixed with basePath); absent when disabled. */
  feeds: FeedLinks;
  /** `bundle`: Pagefind's output folder (`/blog/pagefind/`), loaded only when search is opened. */
  search: { enabled: boolean; url: string; bundle: string };
  /** Root-relative URL of the stylesheet etc., prefixed with basePath. */
  assets: { css: string; js: string; searchJs: string; favicon: string; katexCss: string };
  /** Root-relative URLs of the generated index pages. */
  urls: {
    home: string;
    archive: string;
    seriesIndex: string;
    topicIndex: string;
    /** The index of authors: only on a site with more than one author. */
    authorIndex?: string;
  };
  /** How many authors have a page (0: the site has no authors; bylines stay out of lists). */
  authorCount: number;
  generator: string;
  /** Copyright year range, from the oldest and newest post dates (never the clock). */
  copyright: string;
}

export interface FeedLinks {
  rss?: string;
  atom?: string;
  json?: string;
}

/** `<head>` data for any HTML page. */
export interface PageMetaVM {
  kind:
    | 'home'
    | 'post'
    | 'series'
    | 'series-index'
    | 'topic'
    | 'topic-index'
    | 'archive'
    | 'page'
    | '404'
    | 'redirect'
    | 'search'
    | 'author'
    | 'author-index';
  /** Root-relative URL of this page (with basePath). */
  url: string;
  /** Absolute URL (canonical unless `canonical` overrides). */
  absUrl: string;
  canonical: string;
  /** Document title, already composed (`Post title · Site`). */
  documentTitle: string;
  title: string;
  description: string;
  /** OpenGraph type: `article` for posts, `website` otherwise. */
  ogType: 'article' | 'website';
  /** Absolute URL of the social image, when there is one. */
  image?: string;
  /** Feeds to announce with `<link rel="alternate">` (site feeds plus series/topic feeds). */
  feeds: { type: 'rss' | 'atom' | 'json'; title: string; url: string }[];
  noindex: boolean;
  /** ISO dates for article meta. */
  published?: string;
  modified?: string;
  /**
   * Who the page is by (posts and author pages on a site with authors), for
   * `<meta name="author">` and JSON-LD; absent: the site's author.
   */
  authors?: AuthorMetaVM[];
  /** Previous/next pagination links for `<link rel=prev/next>`. */
  prevUrl?: string;
  nextUrl?: string;
}

/** An author as `<head>` and JSON-LD name them. */
export interface AuthorMetaVM {
  name: string;
  /** Absolute URL of the author's page. */
  url: string;
  /** Profile links (JSON-LD `sameAs`). */
  sameAs: string[];
}

export interface TocItemVM {
  id: string;
  text: string;
  depth: number;
  children: TocItemVM[];
}

export interface SeriesPartVM {
  part: number;
  title: string;
  url: string;
  current: boolean;
}

export interface SeriesBoxVM {
  id: string;
  title: string;
  url: string;
  status: 'ongoing' | 'complete';
  /** This post's part number and the number of parts shown (e.g. "Part 2 of 5"). */
  part: number;
  total: number;
  parts: SeriesPartVM[];
  prev?: LinkRef;
  next?: LinkRef;
}

export interface PostPageVM {
  site: SiteVM;
  page: PageMetaVM;
  post: PostCardVM & {
    /**
     * The body. Its first image is `loading="eager" fetchpriority="high"` unless the post has a
     * cover: then the cover is the page's first image and every body image is lazy.
     */
    html: string;
    toc: TocItemVM[];
    /** In-series navigation (absent for posts outside a series). */
    seriesBox?: SeriesBoxVM;
    /** Chronological neighbours across the whole blog: prev = older, next = newer. */
    prev?: LinkRef;
    next?: LinkRef;
    related: PostCardVM[];
    canonical?: string;
    /** The body contains KaTeX output: the template links the KaTeX stylesheet. */
    hasMath: boolean;
  };
}

export interface SeriesPageVM {
  site: SiteVM;
  page: PageMetaVM;
  series: SeriesCardVM & {
    introHtml: string;
    /** Parts in `part` order, each card carries `series.part`. */
    parts: PostCardVM[];
    feeds: FeedLinks;
  };
}

export interface SeriesIndexVM {
  site: SiteVM;
  page: PageMetaVM;
  series: SeriesCardVM[];
}

export interface TopicPageVM {
  site: SiteVM;
  page: PageMetaVM;
  topic: TopicCardVM & {
    introHtml: string;
    series: SeriesCardVM[];
    /** Newest first: this page's share (`site.pageSize`). Intro and series only on page 1. */
    posts: PostCardVM[];
    feeds: FeedLinks;
  };
  pagination: PaginationVM;
}

export interface TopicIndexVM {
  site: SiteVM;
  page: PageMetaVM;
  topics: TopicCardVM[];
}

export interface AuthorPageVM {
  site: SiteVM;
  page: PageMetaVM;
  author: AuthorCardVM & {
    /** The author file's body (empty on page 2 and after, and for an author without a file). */
    bioHtml: string;
    /** Newest first: this page's share (`site.pageSize`). */
    posts: PostCardVM[];
    feeds: FeedLinks;
  };
  pagination: PaginationVM;
}

export interface AuthorIndexVM {
  site: SiteVM;
  page: PageMetaVM;
  authors: AuthorCardVM[];
}

export interface PaginationVM {
  page: number;
  totalPages: number;
  prevUrl?: string;
  nextUrl?: string;
}

export interface HomeVM {
  site: SiteVM;
  page: PageMetaVM;
  posts: PostCardVM[];
  pagination: PaginationVM;
  /** Series shown on the first home page (ongoing first). Empty on later pages. */
  series: SeriesCardVM[];
}

export interface ArchiveVM {
  site: SiteVM;
  page: PageMetaVM;
  years: { year: number; count: number; posts: PostCardVM[] }[];
  total: number;
}

export interface StandalonePageVM {
  site: SiteVM;
  page: PageMetaVM;
  content: {
    title: string;
    html: string;
    toc: TocItemVM[];
    hasMath: boolean;
    updated?: string;
    updatedDisplay?: string;
  };
}

export interface NotFoundVM {
  site: SiteVM;
  page: PageMetaVM;
  recent: PostCardVM[];
}

export interface RedirectVM {
  site: SiteVM;
  page: PageMetaVM;
  /** Absolute target URL. */
  target: string;
}

export interface SearchPageVM {
  site: SiteVM;
  page: PageMetaVM;
}

/** Template name (file under templates/ without `.liquid`) -> the props it receives. */
export interface TemplateProps {
  home: HomeVM;
  post: PostPageVM;
  series: SeriesPageVM;
  'series-index': SeriesIndexVM;
  topic: TopicPageVM;
  'topic-index': TopicIndexVM;
  archive: ArchiveVM;
  page: StandalonePageVM;
  '404': NotFoundVM;
  redirect: RedirectVM;
  search: SearchPageVM;
  author: AuthorPageVM;
  'author-index': AuthorIndexVM;
}

export type TemplateName = keyof TemplateProps;
