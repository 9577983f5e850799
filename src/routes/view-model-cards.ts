/**
 * The view-model's cards: what lists show of posts, series and topics, and images. Part of the
 * declared view-model (view-model.ts); a page records which fields of each card it reads.
 */

export interface TopicRef {
  id: string;
  title: string;
  url: string;
}

/** An author as a byline names them: the name, linking to their page. */
export interface AuthorRef {
  id: string;
  name: string;
  url: string;
}

/** A post as it appears in lists (home, archive, topic, series, related). */
export interface PostCardVM {
  id: string;
  title: string;
  url: string;
  /** ISO date `YYYY-MM-DD`. */
  date: string;
  /** Display date, e.g. `14 March 2026`. */
  dateDisplay: string;
  year: number;
  updated?: string;
  updatedDisplay?: string;
  description: string;
  /**
   * Excerpt HTML: before `<!-- more -->`, else the description as a paragraph, else the first
   * paragraph. Its images are `loading="lazy" decoding="async"` (lists are not above the fold).
   */
  excerptHtml: string;
  /**
   * What lists show: the description, else the excerpt's text, at most `excerpt.words` words
   * (plain text, cut with an ellipsis).
   */
  summary: string;
  readingMinutes: number;
  wordCount: number;
  topics: TopicRef[];
  /**
   * Who wrote it: the authors it names, else the site's author. Empty on a site without authors
   * (no `content/authors/` file and no post naming one).
   */
  authors: AuthorRef[];
  series?: { id: string; title: string; url: string; part: number; total: number };
  draft: boolean;
  /** Dated after the build's "now" and shown only because of `--future`. */
  future: boolean;
  cover?: ImageVM;
}

/**
 * A cover image (front matter `cover:`). `src` is the file as published (bundle file, public/ file
 * or remote URL). For a local image the build processed, `width`/`height` are its intrinsic size
 * (SVG and GIF included) and `picture` holds the responsive variants: render it with
 * `partials/picture` to get the same `<picture>` as an image in Markdown.
 */
export interface ImageVM {
  src: string;
  alt: string;
  width?: number;
  height?: number;
  picture?: PictureVM;
}

/** The responsive variants of a processed raster image (see docs/images.md). */
export interface PictureVM {
  /** One `<source>` per modern format, best first (`image/avif`, `image/webp`). */
  sources: { type: string; srcset: string }[];
  /** The `<img>`'s `src` (largest fallback variant, JPEG or PNG) and `srcset`. */
  src: string;
  srcset: string;
  /** The `sizes` attribute of every srcset (config `images.sizes`). */
  sizes: string;
}

export interface SeriesCardVM {
  id: string;
  title: string;
  url: string;
  description: string;
  status: 'ongoing' | 'complete';
  /** Parts visible in this build. */
  publishedCount: number;
  /** Planned parts (`planned` in front matter), at least publishedCount. */
  plannedCount: number;
  totalReadingMinutes: number;
  cover?: ImageVM;
  topics: TopicRef[];
  /** Date of the newest part (ISO), for sorting and display. */
  lastUpdated: string;
  lastUpdatedDisplay: string;
}

export interface TopicCardVM {
  id: string;
  title: string;
  url: string;
  description: string;
  postCount: number;
  cover?: ImageVM;
}

/** An author as the index of authors and an author page's header show them. */
export interface AuthorCardVM {
  id: string;
  name: string;
  url: string;
  /** `avatar` from the author file: a public/ path or a URL (square, shown small). */
  avatar?: ImageVM;
  /** Profile links (`links`), labelled by their host name; rendered with rel="me". */
  links: { url: string; label: string }[];
  /** Visible posts by this author. */
  postCount: number;
}
