/**
 * Every format version of the caches, in one place. Bump one when the bytes it covers would
 * change for the same input (a new layout, an encoder change, a different record shape): every
 * cache key that includes it changes, and the old entries are never read again. Each covers
 * exactly what its comment says, and `tests/cache/versions.test.ts` checks that a bump redoes that
 * and nothing else.
 *
 * Colophon's own code and its dependencies' versions are in every key too (`toolDigest`,
 * version.ts), so an upgrade never reads an older cache; these versions matter while one
 * version's code changes what it writes (and they say what each cache holds).
 */
export const CACHE_VERSIONS = {
  /**
   * The record around every value in `.cache/<namespace>/` (entries, bodies, code, image-meta): a
   * checksum line, then the stamped JSON.
   */
  record: 2,
  /** A parsed content file (`.cache/entries/`). */
  entry: 'entry-v4',
  /**
   * Our Markdown plugins' output: rendered bodies (`.cache/bodies/`), highlighted code
   * (`.cache/code/`), rendered diagrams and, through the renderer's digest, every page's key.
   */
  markdown: 8,
  /** How a page's key is made (`.cache/pages/`: the pages a build may keep). */
  page: 'page-key-2',
  /** A probed image's metadata (`.cache/image-meta/`). */
  imageProbe: 'probe-1',
  /** Encoded image variants (`.cache/images/`); variant names, hence the pages showing them. */
  imageCodec: 'img-v2',
  /** The social card layout (`.cache/cards/`). */
  socialCard: 'card-v1',
  /** A part of the search index (the keys beside the page manifest). */
  searchPart: 'search-1',
  /**
   * What a build read and wrote, beside the page manifest (`.cache/pages/*.inputs`): a warm build
   * whose inputs all match it does nothing (pipeline/unchanged.ts).
   */
  buildInputs: 'inputs-1',
  /** The compiled config (`.cache/config/`). */
  configTransform: 'config-transform-1',
} as const;
