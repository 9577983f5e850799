import { z } from 'zod';
import { doc, docCode, pluginSpec } from './schema-fields.js';

/** The config's `markdown`, `search`, `images` and `socialCards` sections. */

export const markdownSchema = z
  .strictObject({
    rawHtml: z
      .enum(['allow', 'sanitize', 'escape'])
      .default('allow')
      .meta(
        doc(
          'What happens to HTML in Markdown: kept, reduced to safe HTML, or shown as text ([markdown.md](markdown.md#raw-html)).',
          'sanitize',
        ),
      ),
    lineNumbers: z
      .boolean()
      .default(false)
      .meta(
        doc(
          'Line numbers on code blocks by default (`showLineNumbers` / `noLineNumbers` on a fence override it).',
          true,
        ),
      ),
    themes: z
      .strictObject({
        light: z
          .string()
          .default('github-light')
          .meta(doc('Shiki theme of code in the light scheme.', 'min-light')),
        dark: z
          .string()
          .default('github-dark')
          .meta(doc('Shiki theme of code in the dark scheme.', 'nord')),
      })
      .prefault({}),
    math: z
      .boolean()
      .default(true)
      .meta(
        doc(
          "`$…$` (under Pandoc's rule), `$$…$$`, `\\(…\\)` and `\\[…\\]` rendered with KaTeX ([markdown.md](markdown.md#math)).",
          false,
        ),
      ),
    sidenotes: z
      .boolean()
      .default(true)
      .meta(
        doc(
          'Footnotes also shown in the margin beside their reference on wide screens (Tufte style), as ordinary footnotes on narrow ones; screen readers and keyboards get the footnotes as they are ([markdown.md](markdown.md#sidenotes)).',
          false,
        ),
      ),
    headingIds: z
      .enum(['github', 'zola', 'hugo', 'hugo-ascii', 'hugo-blackfriday'])
      .default('github')
      .meta(
        doc(
          'How headings without `{#id}` get their id, so fragment links written for Zola or Hugo keep working ([markdown.md](markdown.md#heading-id-schemes-markdownheadingids)).',
          'hugo',
        ),
      ),
    wordsPerMinute: z
      .number()
      .int()
      .min(50)
      .max(1000)
      .default(230)
      .meta(doc('Reading speed for the reading time.', 200)),
    maxBodySize: z
      .number()
      .int()
      .min(1024)
      .max(2 * 1024 * 1024)
      .default(1024 * 1024)
      .meta(
        doc(
          'Markdown bodies over this many bytes are refused (`markdown/too-large`), in bounded time. Files over 2 MB are refused before reading whatever this is (`content/too-large`).',
          512 * 1024,
        ),
      ),
    remarkPlugins: z
      .array(pluginSpec)
      .default([])
      .meta(docCode('Extra remark (Markdown tree) plugins.', '[remarkEmoji]')),
    rehypePlugins: z
      .array(pluginSpec)
      .default([])
      .meta(
        docCode(
          'Extra rehype (HTML tree) plugins.',
          "[[rehypeExternalLinks, { rel: ['nofollow'] }]]",
        ),
      ),
  })
  .prefault({});

export const searchSchema = z
  .strictObject({
    enabled: z
      .boolean()
      .default(true)
      .meta(doc('Build the Pagefind index and the search page ([search.md](search.md)).', false)),
    shards: z
      .union([z.literal('auto'), z.number().int().min(1).max(256)])
      .default('auto')
      .meta(
        doc(
          "Parts the index is split into. `'auto'`: one part up to 1,000 searchable pages, then parts of 250–500 pages (an edit re-indexes one part); a number forces that many (1: always one index).",
          4,
        ),
      ),
  })
  .prefault({});

export const socialCardsSchema = z
  .strictObject({
    enabled: z
      .boolean()
      .default(true)
      .meta(
        doc(
          '1200×630 Open Graph images for posts, series and topics, drawn with satori and sharp and cached ([images.md](images.md#social-cards)).',
          false,
        ),
      ),
    covers: z.boolean().default(true).meta(doc("Show a post's cover image on its card.", false)),
  })
  .prefault({});

const quality = (value: number, format: string) =>
  z
    .number()
    .int()
    .min(1)
    .max(100)
    .default(value)
    .meta(doc(`${format} quality.`, value - 10));

export const imagesSchema = z
  .strictObject({
    enabled: z
      .boolean()
      .default(true)
      .meta(
        doc(
          'Responsive `<picture>`s for local raster images: AVIF/WebP plus a JPEG/PNG fallback at several widths under `/_img/` ([images.md](images.md)). Off: a plain `<img>` of the original. SVG and GIF pass through with their intrinsic size.',
          false,
        ),
      ),
    widths: z
      .array(z.number().int().min(16).max(8192))
      .min(1)
      .default([480, 800, 1200, 1600])
      .meta(
        doc(
          'Candidate widths in px; never upscaled, and the original width is the largest.',
          [640, 1280],
        ),
      ),
    formats: z
      .array(z.enum(['avif', 'webp']))
      .default(['avif', 'webp'])
      .meta(
        doc(
          "Modern formats as `<source>`s at every width, in order of preference; the fallback keeps the original's format and is written at the largest width only (at every width when this list is empty).",
          ['webp'],
        ),
      ),
    quality: z
      .strictObject({
        avif: quality(55, 'AVIF'),
        webp: quality(78, 'WebP'),
        jpeg: quality(80, 'JPEG (and PNG) fallback'),
      })
      .prefault({}),
    sizes: z
      .string()
      .min(1)
      .default('(min-width: 48rem) 42rem, 100vw')
      .meta(
        doc(
          'The `sizes` attribute: how wide the theme shows a content image.',
          '(min-width: 60rem) 50rem, 100vw',
        ),
      ),
    maxPixels: z
      .number()
      .int()
      .min(1)
      .default(100_000_000)
      .meta(
        doc(
          'Images with more pixels are refused (`image/too-large`; decompression bombs).',
          50_000_000,
        ),
      ),
  })
  .prefault({});
