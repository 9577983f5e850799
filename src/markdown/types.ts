import type { Diagnostic } from '../diagnostics/index.js';

/**
 * The markdown stage turns a Markdown string into HTML plus metadata. It knows nothing about
 * content/ or graph/: everything it needs from the site is passed in through a RenderContext.
 */

export type RawHtmlPolicy = 'allow' | 'sanitize' | 'escape';

/**
 * How headings without an explicit `{#id}` get their id, so fragment links written for another
 * generator keep resolving: GitHub's (github-slugger), Zola's (`slugify.anchors = "on"`), or
 * Hugo's (goldmark `autoHeadingIDType` `github`, `github-ascii`, `blackfriday`). See
 * heading-slug.ts.
 */
export type HeadingIdScheme = 'github' | 'zola' | 'hugo' | 'hugo-ascii' | 'hugo-blackfriday';

export interface MarkdownOptions {
  /** What to do with raw HTML in Markdown. */
  rawHtml: RawHtmlPolicy;
  /** Shiki themes for light and dark; emitted as CSS variables (`--shiki-light`, `--shiki-dark`). */
  themes: { light: string; dark: string };
  /** Show line numbers on every code block unless the fence says otherwise. */
  lineNumbers: boolean;
  /** Render `$..$`, `$$..$$`, `\(..\)` and `\[..\]` with KaTeX at build time (see syntax-dollars.ts). */
  math: boolean;
  /**
   * A margin copy of each footnote beside its reference (shown by the theme on wide screens); the
   * footnotes at the end stay as they are.
   */
  sidenotes: boolean;
  /** Id scheme for headings without `{#id}`. */
  headingIds: HeadingIdScheme;
  /** Words per minute for reading time. */
  wordsPerMinute: number;
  /**
   * Bodies over this many bytes (UTF-8) are refused with `markdown/too-large`: parsing and
   * rendering cost about 10 s per MB of dense prose, so the default of 1 MB keeps any file to a
   * few seconds. Files over 2 MB are refused before reading (`content/too-large`) whatever this is.
   */
  maxBodySize: number;
  /** Extra unified plugins from the user's config, applied after ours. */
  remarkPlugins: PluginSpec[];
  rehypePlugins: PluginSpec[];
}

/** A unified plugin, optionally with options: `plugin` or `[plugin, options]`. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export type PluginSpec = Function | [Function, unknown];

/** How the caller resolved a link found in Markdown. */
export type LinkResolution =
  /** Leave the href as it is (external, mailto:, plain fragment, ...). */
  | { kind: 'keep' }
  /**
   * Replace the href (e.g. `../b.md#x` -> `/blog/posts/b/#x`). `id` is the target's input id.
   * `image`: for a processed local image, what its `<picture>` needs (see ImageInfo).
   */
  | { kind: 'rewrite'; href: string; id?: string; image?: ImageInfo }
  /** The link is broken; the message says why (reported at the link's position). */
  | { kind: 'broken'; message: string; rule: string };

export interface RenderContext {
  /** Project-relative path of the file, for diagnostics. */
  file: string;
  /** 1-based line in `file` where the Markdown body starts (front matter is above it). */
  bodyLine: number;
  /** Resolve a link href (already URL-decoded is not assumed; pass it as written). */
  resolveLink(href: string): LinkResolution;
  /** Resolve an image src; same contract as links (bundle images become URLs). */
  resolveImage(src: string): LinkResolution;
  /**
   * Read a file named by a code fence (```` ```rust file="./wal.rs" ````), as written. Without it,
   * such fences are left as written (the public one-off API has no site to read from).
   */
  readInclude?(path: string): IncludeResult;
  /**
   * The site's own directives (`templates/directives/<name>.liquid`). Without it only the
   * built-in directives exist.
   */
  directives?: DirectiveTemplates;
}

/** One use of a site-defined directive, as its template receives it. */
export interface DirectiveCall {
  name: string;
  /** `text` (`:name[…]{…}`), `leaf` (`::name[…]{…}` on its own line) or `container` (`:::name`). */
  form: 'text' | 'leaf' | 'container';
  /** Attributes as written (`{#x .y}` shorthands arrive as `id` and `class`). */
  attributes: Record<string, string>;
  /** The label (`[…]`) as plain text; empty without one. */
  label: string;
  /**
   * Rendered HTML: the content between the fences of a container, the label of a text or leaf
   * directive.
   */
  children: string;
}

export type DirectiveResult =
  | {
      kind: 'ok';
      html: string;
      /** Reported at the use (the template is a starter). */ warning?: string;
    }
  | { kind: 'error'; rule: string; message: string };

/**
 * Directives a site defines as templates, rendered by the build (Liquid lives in render/; this
 * stage only calls these functions, synchronously, like readInclude).
 */
export interface DirectiveTemplates {
  /** Whether the site has a template for `name` (it then overrides a built-in of that name). */
  has(name: string): boolean;
  /** Every name the site defines, sorted (for "did you mean" in errors). */
  names(): readonly string[];
  render(call: DirectiveCall): DirectiveResult;
  /**
   * What the output for `name` depends on (a hash of its template), for the build's body cache;
   * this stage does not call it.
   */
  stamp(name: string): string;
}

/**
 * A processed local image, decided by the build: the variant files already have URLs. The
 * markdown stage only turns `<img>` into `<picture>` with this data (rehype-images.ts).
 */
export interface ImageInfo {
  /** Intrinsic size of the largest variant (or of the file itself), for `width`/`height`. */
  width: number;
  height: number;
  /** The `sizes` attribute for every srcset of this image. */
  sizes: string;
  /** One `<source>` per modern format, best first (`image/avif`, `image/webp`). */
  sources: { type: string; srcset: string }[];
  /** The `<img>`'s own `src` and `srcset` (JPEG or PNG); absent for pass-through SVG and GIF. */
  fallback?: { src: string; srcset: string };
  /**
   * The image for dark mode (`chart.dark.png` beside `chart.png`): its modern-format sources, the
   * srcset of its JPEG/PNG (or its own URL when it passes through), and its size.
   */
  dark?: {
    sources: { type: string; srcset: string }[];
    srcset: string;
    width: number;
    height: number;
  };
}

/** A file read for a code fence: its text, or why it could not be read (reported at the fence). */
export type IncludeResult =
  /** `file`: the project-relative path that was read, for messages. */
  { kind: 'ok'; file: string; text: string } | { kind: 'error'; rule: string; message: string };

export interface Heading {
  depth: number;
  id: string;
  text: string;
}

export interface TocItem {
  id: string;
  text: string;
  depth: number;
  children: TocItem[];
}

export interface RenderedMarkdown {
  /** The full body HTML. */
  html: string;
  /**
   * HTML of the excerpt: everything before `<!-- more -->` when present, else the first
   * paragraph. (The description fallback is the caller's choice: it knows the front matter.)
   */
  excerptHtml: string;
  /** True when the body had a `<!-- more -->` marker. */
  hasMoreMarker: boolean;
  headings: Heading[];
  /** Nested h2..h4 table of contents. */
  toc: TocItem[];
  /** Words of prose, code blocks excluded. */
  wordCount: number;
  readingMinutes: number;
  /** Input ids of every internal target the body links to (from LinkResolution.id). */
  linkTargets: string[];
  /** Anchor ids defined in the body, for fragment checks from other pages. */
  anchors: string[];
  /** Fragment links to check once every page's anchors are known: `{id, fragment, span}`. */
  fragmentLinks: { targetId: string | null; fragment: string; line: number; column: number }[];
  diagnostics: Diagnostic[];
}

export interface MarkdownRenderer {
  render(markdown: string, ctx: RenderContext): Promise<RenderedMarkdown>;
  /** Changes whenever the output for the same input could change (versions, options, themes). */
  readonly digest: string;
  /** Load the engine now, not on the first render (`serve` does so after its first build). */
  prepare?(): Promise<void>;
}

/**
 * Cache of highlighted code blocks, keyed by a hash of everything that affects the output
 * (shiki and pipeline versions, themes, line-number default, language, meta, code). Values are
 * opaque strings (serialised HAST). The build passes a persistent implementation; the default
 * is in memory. Implementations may be shared by renderers with different options.
 */
export interface HighlightCache {
  get(key: string): string | undefined;
  set(key: string, html: string): void;
}
