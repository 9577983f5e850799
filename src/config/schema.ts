import { z } from 'zod';
import { doc, linkUrl, permalinkPattern, severitySetting } from './schema-fields.js';
import { stringsSchema } from './schema-strings.js';
import { themeSchema } from './schema-theme.js';
import { imagesSchema, markdownSchema, searchSchema, socialCardsSchema } from './schema-render.js';

/**
 * The shape of `colophon.config.ts`. Strict objects everywhere: an unknown key is a mistake
 * (a typo, usually) and is reported with its key path and a suggestion. Every key carries its
 * description and an example (`.meta`): docs/config-reference.md is generated from them.
 */

const permalink = (value: string, what: string, example: string) =>
  permalinkPattern.default(value).meta(doc(`URL of ${what}.`, example));

export const configSchema = z.strictObject({
  title: z
    .string()
    .min(1)
    .meta(doc('Site title: header, feeds, social cards, `<title>`.', 'Close to the Metal')),
  description: z
    .string()
    .default('')
    .meta(
      doc(
        'Site description: home page meta tags and feeds.',
        'Long-form notes on storage engines.',
      ),
    ),
  // One check, one message: `.url()` plus a protocol refine reported "Invalid URL" and then the
  // protocol error again for the same mistake.
  baseUrl: z
    .string()
    .refine((u) => /^https?:\/\/[^/\s]/.test(u) && URL.canParse(u), {
      message:
        'use an absolute http(s) URL such as "https://example.com/" or "https://user.github.io/blog/"',
    })
    .meta(
      doc(
        'Where the site is published, an absolute http(s) URL. A path makes every internal URL start with it ([deploying.md](deploying.md#subpaths)). A missing trailing `/` is added. `--base-url` overrides it.',
        'https://user.github.io/blog/',
      ),
    ),
  language: z
    .string()
    .min(2)
    .default('en')
    .meta(
      doc(
        "The site's language (a BCP 47 tag): the pages' `lang` (and `dir=\"rtl\"` for ar, he, fa, ur, ...), the theme's strings (see `strings`), dates and numbers (`Intl`), the feeds' and the search index's language.",
        'de',
      ),
    ),
  strings: stringsSchema,
  theme: themeSchema,
  author: z
    .strictObject({
      name: z
        .string()
        .min(1)
        .meta(
          doc(
            "The site's author: of every post that names no author (meta tags, feeds, structured data), matched to an author file by id or name ([content.md](content.md#authors)).",
            'Maren Holt',
          ),
        ),
      email: z.string().optional().meta(doc('Author e-mail for feeds.', 'maren@example.com')),
      url: linkUrl.optional().meta(doc("Author's page.", '/about/')),
    })
    .prefault({ name: 'Anonymous' }),
  menu: z
    .array(z.strictObject({ label: z.string().min(1), url: linkUrl }))
    .default([
      { label: 'Archive', url: '/archive/' },
      { label: 'Series', url: '/series/' },
      { label: 'Topics', url: '/topics/' },
    ])
    .meta(
      doc(
        "Header menu (the default labels are in the site's language). `url` is a path (`/about/`), an `http(s)` URL or a `mailto:` link; `javascript:`, `vbscript:` and `data:` URLs are errors.",
        [{ label: 'About', url: '/about/' }],
      ),
    ),
  permalinks: z
    .strictObject({
      post: permalink('/posts/:slug/', 'a post', '/:year/:month/:slug/'),
      series: permalink('/series/:slug/', 'a series page', '/s/:slug/'),
      topic: permalink('/topics/:slug/', 'a topic hub', '/tags/:slug/'),
      page: permalink('/:slug/', 'a standalone page', '/pages/:slug/'),
      author: permalink(
        '/authors/:slug/',
        "an author page (`:slug` is the author's id; the index of authors, on a site with several, is always `/authors/`)",
        '/people/:slug/',
      ),
    })
    .prefault({}),
  redirects: z
    .record(
      z.string().regex(/^\/(?:[^/\\?#\s]+\/?)*$/, {
        message: 'a redirect starts at a site path such as "/tags/" or "/old/page.html"',
      }),
      z.string().regex(/^(?:\/|https?:\/\/)\S*$/, {
        message: 'a redirect goes to a site path ("/topics/") or an http(s) URL',
      }),
    )
    .default({})
    .meta(
      doc(
        "Old addresses that no entry carries (an old `/tags/` index, a section that only redirected), each to a site path or an http(s) URL: each gets a redirect page. A key that is also a page's address is a `graph/duplicate-url` error.",
        { '/tags/': '/topics/' },
      ),
    ),
  pagination: z
    .strictObject({
      pageSize: z
        .number()
        .int()
        .min(1)
        .max(1000)
        .default(10)
        .meta(doc('Posts per page on the home page and topic hubs.', 20)),
    })
    .prefault({}),
  excerpt: z
    .strictObject({
      words: z
        .number()
        .int()
        .min(5)
        .max(200)
        .default(30)
        .meta(
          doc(
            "Longest summary of a post in the theme's lists (home, topics, series): the post's `description`, else the text before `<!-- more -->` (or its first paragraph), cut after this many words with an ellipsis. Templates get it as `card.summary`; `card.excerptHtml` keeps the whole excerpt (excerpt-only feeds carry it).",
            50,
          ),
        ),
    })
    .prefault({}),
  feeds: z
    .strictObject({
      rss: z.boolean().default(true).meta(doc('RSS 2.0 (`rss.xml`).', false)),
      atom: z.boolean().default(true).meta(doc('Atom 1.0 (`atom.xml`).', false)),
      json: z.boolean().default(true).meta(doc('JSON Feed 1.1 (`feed.json`).', false)),
      limit: z.number().int().min(1).default(20).meta(doc('Items per feed, newest first.', 50)),
      fullContent: z
        .boolean()
        .default(true)
        .meta(doc('Full post HTML in feeds (true) or the excerpt only.', false)),
      aliases: z
        .record(
          z.string().regex(/^\/(?:[^/\\?#\s.][^/\\?#\s]*\/)*[^/\\?#\s.][^/\\?#\s]*$/, {
            message:
              'a feed alias is the site path of a file, such as "/index.xml" or "/feed.xml" (no trailing slash, no segment starting with a dot)',
          }),
          z.enum(['rss', 'atom', 'json']),
        )
        .default({})
        .meta(
          doc(
            "Old addresses of the site's feed, each published with the same bytes as the feed it names (which must be on), so readers subscribed there keep receiving posts: a feed reader does not follow a redirect page.",
            { '/index.xml': 'rss', '/feed.xml': 'atom' },
          ),
        ),
    })
    .superRefine((feeds, ctx) => {
      for (const [at, kind] of Object.entries(feeds.aliases))
        if (!feeds[kind])
          ctx.addIssue({
            code: 'custom',
            path: ['aliases', at],
            message: `the ${kind} feed is off (feeds.${kind}: false): turn it on, or remove this alias`,
          });
    })
    .prefault({}),
  markdown: markdownSchema,
  related: z
    .strictObject({
      count: z
        .number()
        .int()
        .min(0)
        .max(20)
        .default(3)
        .meta(doc('Related posts shown under a post (0: none).', 0)),
    })
    .prefault({}),
  search: searchSchema,
  socialCards: socialCardsSchema,
  images: imagesSchema,
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
    )
    .meta(
      doc(
        'Folder inside the project that code fences include files from (`file="wal/append.rs"`) when the path does not start with `./` or `../` ([markdown.md](markdown.md#code-from-files)). Absolute paths and `..` are errors.',
        'examples/code',
      ),
    ),
  host: z
    .enum(['netlify', 'cloudflare', 'gitlab', 'vercel'])
    .optional()
    .meta(
      doc(
        'The host the site is deployed to: also write its redirect file from front-matter `aliases` and `redirects`, so old URLs get a real `301`: `_redirects` (`301!` for Netlify, since Netlify serves an existing file over a plain rule; `301` for Cloudflare Pages and GitLab Pages) or `vercel.json`. The redirect pages stay, except on GitLab, which serves a file over any rule ([deploying.md](deploying.md#real-301s-for-old-urls)).',
        'netlify',
      ),
    ),
  outDir: z
    .string()
    .min(1)
    .default('dist')
    .meta(
      doc(
        'Output folder, relative to the project. `--out` overrides it. A folder that is the project root, contains `content/`, or is `/` or your home folder is refused ([reliability.md](reliability.md)).',
        'public_html',
      ),
    ),
  cacheDir: z
    .string()
    .min(1)
    .default('.cache')
    .meta(
      doc(
        'Cache folder, relative to the project; safe to delete. `--cache-dir` overrides it.',
        'node_modules/.cache/colophon',
      ),
    ),
  rules: z
    .record(z.string(), severitySetting)
    .default({})
    .meta(
      doc(
        'Per-rule severity overrides (`error`, `warning` or `off`). Every rule id is in [diagnostics.md](diagnostics.md). `--strict` makes any remaining warning fail the build.',
        { 'markdown/unknown-language': 'error' },
      ),
    ),
});

/** What authors write (everything optional that has a default). */
export type UserConfig = z.input<typeof configSchema>;
/** What the build uses (defaults applied). */
export type SiteConfig = z.output<typeof configSchema>;
