import type { UiStrings } from '../config/strings/index.js';
import type { Heading, ImageInfo, TocItem } from '../markdown/types.js';
import type { SiteGraph } from '../graph/index.js';
import type { EntryRef, PageDeps } from './deps.js';
import type { RouteMemo } from './memo.js';
import type { TemplateName, TemplateProps } from './view-model.js';

/** A post/series/topic/page body after the markdown stage, as routes need it. */
export interface RenderedBody {
  html: string;
  excerptHtml: string;
  hasMoreMarker: boolean;
  toc: TocItem[];
  headings: Heading[];
  wordCount: number;
  readingMinutes: number;
  anchors: string[];
  hasMath: boolean;
  /** Hash of everything above: what pages showing this body depend on. */
  hash: string;
}

/** The slice of the resolved config that pages may show (all of it hashed as `site`). */
export interface SiteSettings {
  title: string;
  description: string;
  baseUrl: string;
  basePath: string;
  language: string;
  /** `rtl` for a right-to-left language. */
  dir: 'ltr' | 'rtl';
  /** The theme's strings: the language's table with the config's `strings` over it. */
  strings: UiStrings;
  /** The config's `theme` (accent colours). */
  theme: { accent?: string; accentDark?: string };
  author: { name: string; email?: string; url?: string };
  menu: { label: string; url: string }[];
  pageSize: number;
  /** Longest summary of a post in lists, in words (`excerpt.words`). */
  excerptWords: number;
  feeds: {
    rss: boolean;
    atom: boolean;
    json: boolean;
    limit: number;
    fullContent: boolean;
    /** Old site paths of the site's feeds (`/index.xml` -> `rss`). */
    aliases: Record<string, 'rss' | 'atom' | 'json'>;
  };
  search: boolean;
  generator: string;
  /** The host whose redirect file is written from aliases (config `host`). */
  redirectHost?: RedirectHost;
}

export type RedirectHost = 'netlify' | 'cloudflare' | 'gitlab' | 'vercel';

export interface RouteInputs {
  site: SiteSettings;
  graph: SiteGraph;
  /** Rendered bodies by entry (`post:x`, `series:x`, `topic:x`, `page:x`). */
  bodies: ReadonlyMap<string, RenderedBody>;
  /** Absolute URLs of social cards by entry (or of the images that replace them). */
  socialCards?: ReadonlyMap<EntryRef, string>;
  /**
   * Local images the build probed, by URL path with the base path, not percent-encoded
   * (`/blog/posts/x/cover.png`): their responsive variants, or why they cannot be used. Covers
   * are looked up here. Absent when `images.enabled` is false.
   */
  pictures?: ReadonlyMap<string, { image: ImageInfo } | { rule: string; message: string }>;
  /** Strings derived from bodies, kept across planning passes by whoever plans (memo.ts). */
  memo?: RouteMemo;
}

interface PlanBase {
  /** Root-relative URL with basePath. */
  url: string;
  /** Output path relative to the output folder (POSIX). */
  outPath: string;
  /** What this page read (ids with fingerprints, card fields): what its cache key is made of. */
  deps: PageDeps;
  /** Include in sitemap.xml. */
  sitemap: boolean;
  /** Index for search. */
  searchable: boolean;
  /** The builder call that made this plan (set by planRoutes), to re-plan a subset of pages. */
  planKey?: string;
}

export type HtmlPlan = {
  [K in TemplateName]: PlanBase & { kind: 'html'; template: K; props: TemplateProps[K] };
}[TemplateName];

export interface FilePlan extends PlanBase {
  kind: 'file';
  /** Produces the file's text; called only when the page must be (re)written. */
  render: () => string;
}

export type PagePlan = HtmlPlan | FilePlan;
