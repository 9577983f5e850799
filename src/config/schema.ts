import { z } from 'zod';

/**
 * The shape of `colophon.config.ts`. Strict objects everywhere: an unknown key is a mistake
 * (a typo, usually) and is reported with its key path and a suggestion.
 */

const pluginSpec = z.union([z.function(), z.tuple([z.function(), z.unknown()])]);

/** Windows cannot store these names, with or without an extension (CON, con.html, COM1, ...). */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

const permalinkPattern = z
  .string()
  .regex(/^\/(?:[a-z0-9._~-]+\/|:(?:slug|year|month|day)\/)*$/i, {
    message:
      'a permalink pattern starts and ends with "/" and uses only path segments and :slug, :year, :month, :day',
  })
  // The writer refuses such paths too, but only here can the error point at the key.
  .refine((p) => !p.split('/').some((s) => s === '.' || s === '..'), {
    message: 'a permalink pattern cannot have "." or ".." segments: pages would leave their folder',
  })
  .refine((p) => !p.split('/').some((s) => WINDOWS_RESERVED.test(s)), {
    message:
      'a permalink pattern cannot use a name Windows reserves (CON, PRN, AUX, NUL, COM1-9, LPT1-9) as a segment',
  });

/**
 * A link the theme puts in an `href` (menu entries, the author's page). Browsers ignore
 * whitespace and control characters inside a scheme, so they are dropped before looking.
 */
const linkUrl = z
  .string()
  .min(1)
  .refine(
    (u) => {
      // eslint-disable-next-line no-control-regex -- browsers strip exactly these before parsing
      const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(u.replace(/[\x00-\x20\x7f]/g, ''))?.[1];
      return scheme === undefined || !/^(?:javascript|vbscript|data)$/i.test(scheme);
    },
    {
      message:
        'use a path ("/about/"), an http(s) URL or a mailto: link; javascript:, vbscript: and data: URLs are not allowed',
    },
  );

const severitySetting = z.enum(['error', 'warning', 'off']);

export const configSchema = z.strictObject({
  title: z.string().min(1),
  description: z.string().default(''),
  // One check, one message: `.url()` plus a protocol refine reported "Invalid URL" and then the
  // protocol error again for the same mistake.
  baseUrl: z.string().refine((u) => /^https?:\/\/[^/\s]/.test(u) && URL.canParse(u), {
    message:
      'use an absolute http(s) URL such as "https://example.com/" or "https://user.github.io/blog/"',
  }),
  language: z.string().min(2).default('en'),
  author: z
    .strictObject({
      name: z.string().min(1),
      email: z.string().optional(),
      url: linkUrl.optional(),
    })
    .prefault({ name: 'Anonymous' }),
  menu: z.array(z.strictObject({ label: z.string().min(1), url: linkUrl })).default([
    { label: 'Archive', url: '/archive/' },
    { label: 'Series', url: '/series/' },
    { label: 'Topics', url: '/topics/' },
  ]),
  permalinks: z
    .strictObject({
      post: permalinkPattern.default('/posts/:slug/'),
      series: permalinkPattern.default('/series/:slug/'),
      topic: permalinkPattern.default('/topics/:slug/'),
      page: permalinkPattern.default('/:slug/'),
      author: permalinkPattern.default('/authors/:slug/'),
    })
    .prefault({}),
  /**
   * Old addresses that forward elsewhere, for pages that have no entry to carry an alias (an old
   * `/tags/` index, a section that only redirected): `{ '/tags/': '/topics/' }`. Keys are site
   * paths; a value is a site path or an http(s) URL.
   */
  redirects: z
    .record(
      z.string().regex(/^\/(?:[^/\\?#\s]+\/?)*$/, {
        message: 'a redirect starts at a site path such as "/tags/" or "/old/page.html"',
      }),
      z.string().regex(/^(?:\/|https?:\/\/)\S*$/, {
        message: 'a redirect goes to a site path ("/topics/") or an http(s) URL',
      }),
    )
    .default({}),
  pagination: z
    .strictObject({ pageSize: z.number().int().min(1).max(1000).default(10) })
    .prefault({}),
  /** What lists (home, topics, series) show of a post: a summary of at most `words` words. */
  excerpt: z.strictObject({ words: z.number().int().min(5).max(200).default(30) }).prefault({}),
  feeds: z
    .strictObject({
      rss: z.boolean().default(true),
      atom: z.boolean().default(true),
      json: z.boolean().default(true),
      /** Items per feed, newest first. */
      limit: z.number().int().min(1).default(20),
      /** Full post HTML in feeds (true) or the excerpt only. */
      fullContent: z.boolean().default(true),
    })
    .prefault({}),
  markdown: z
    .strictObject({
      rawHtml: z.enum(['allow', 'sanitize', 'escape']).default('allow'),
      lineNumbers: z.boolean().default(false),
      themes: z
        .strictObject({
          light: z.string().default('github-light'),
          dark: z.string().default('github-dark'),
        })
        .prefault({}),
      math: z.boolean().default(true),
      /** Ids of headings without `{#id}`: GitHub's, Zola's or Hugo's scheme (see docs/markdown.md). */
      headingIds: z
        .enum(['github', 'zola', 'hugo', 'hugo-ascii', 'hugo-blackfriday'])
        .default('github'),
      wordsPerMinute: z.number().int().min(50).max(1000).default(230),
      /**
       * Markdown bodies over this many bytes are refused (markdown/too-large), in bounded time.
       * Files over 2 MB are refused before reading whatever this is (content/too-large).
       */
      maxBodySize: z
        .number()
        .int()
        .min(1024)
        .max(2 * 1024 * 1024)
        .default(1024 * 1024),
      remarkPlugins: z.array(pluginSpec).default([]),
      rehypePlugins: z.array(pluginSpec).default([]),
    })
    .prefault({}),
  related: z.strictObject({ count: z.number().int().min(0).max(20).default(3) }).prefault({}),
  search: z
    .strictObject({
      enabled: z.boolean().default(true),
      /**
       * Parts the index is split into: 'auto' keeps one part up to 1,000 searchable pages, then
       * 250-500 pages per part (an edit re-indexes one part); a number forces that many.
       */
      shards: z.union([z.literal('auto'), z.number().int().min(1).max(256)]).default('auto'),
    })
    .prefault({}),
  /** 1200×630 Open Graph images for posts, series and topics (satori + sharp, cached). */
  socialCards: z
    .strictObject({
      enabled: z.boolean().default(true),
      /** Show a post's cover image on its card. */
      covers: z.boolean().default(true),
    })
    .prefault({}),
  /**
   * Responsive images: local raster images in Markdown become AVIF/WebP plus a JPEG/PNG fallback
   * at several widths under `/_img/` (sharp, cached under `.cache/images/`). SVG and GIF pass
   * through with their intrinsic size.
   */
  images: z
    .strictObject({
      enabled: z.boolean().default(true),
      /** Candidate widths in px; never upscaled, and the original width is the largest. */
      widths: z.array(z.number().int().min(16).max(8192)).min(1).default([480, 800, 1200, 1600]),
      /** Modern formats as `<source>`s, in order of preference; the fallback keeps the original's. */
      formats: z.array(z.enum(['avif', 'webp'])).default(['avif', 'webp']),
      quality: z
        .strictObject({
          avif: z.number().int().min(1).max(100).default(55),
          webp: z.number().int().min(1).max(100).default(78),
          jpeg: z.number().int().min(1).max(100).default(80),
        })
        .prefault({}),
      /** The `sizes` attribute: how wide the theme shows a content image. */
      sizes: z.string().min(1).default('(min-width: 48rem) 42rem, 100vw'),
      /** Images with more pixels are refused (decompression bombs). */
      maxPixels: z.number().int().min(1).default(100_000_000),
    })
    .prefault({}),
  /** Folder (project-relative) that code fences can include files from: `file="wal/append.rs"`. */
  snippets: z
    .string()
    .min(1)
    .default('snippets')
    .refine(
      (p) =>
        !/^([a-z]:)?[\\/]/i.test(p) &&
        !p.split(/[\\/]/).some((s) => s === '..') &&
        p.replace(/[\\/.]/g, '') !== '',
      {
        message: 'use a folder inside the project, such as "snippets" or "examples/code"',
      },
    ),
  /**
   * The host the site is deployed to, when it reads a redirect file: old URLs (`aliases` and
   * `redirects`) are then answered with a real 301 from `_redirects` for Netlify (`301!`, since
   * Netlify serves an existing file over a plain rule), Cloudflare Pages and GitLab Pages, or
   * `vercel.json` for Vercel. The redirect pages stay for every other host and for `serve`,
   * except on GitLab, which serves a file over any redirect.
   */
  host: z.enum(['netlify', 'cloudflare', 'gitlab', 'vercel']).optional(),
  outDir: z.string().min(1).default('dist'),
  cacheDir: z.string().min(1).default('.cache'),
  /** Per-rule severity overrides: `{ 'markdown/unknown-language': 'error' }`. */
  rules: z.record(z.string(), severitySetting).default({}),
});

/** What authors write (everything optional that has a default). */
export type UserConfig = z.input<typeof configSchema>;
/** What the build uses (defaults applied). */
export type SiteConfig = z.output<typeof configSchema>;
