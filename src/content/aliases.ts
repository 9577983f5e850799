import { parseContentDate } from '../util/dates.js';

/**
 * Front matter written for other generators (Hugo, Jekyll, Eleventy, Astro): their well-known
 * keys are mapped onto ours before validation, so a blog's content folder can be dropped into
 * content/posts/ and build. Our own key always wins over an alias, and an earlier alias in the
 * table over a later one; the losing value is dropped without a diagnostic. docs/content.md,
 * "Keys from other generators", lists every alias.
 */

/** A front-matter path: keys and list indexes. */
export type FmPath = (string | number)[];

interface Alias {
  /** The other generator's key, lowercase (matched case-insensitively, as Hugo does). */
  from: string;
  /** Our key it supplies. */
  to: string;
  /** The value for our key, and the path (below the alias key) it came from. */
  read?: (v: unknown) => { value: unknown; at: FmPath };
}

const first = (v: unknown) =>
  Array.isArray(v)
    ? v.length
      ? { value: v[0] as unknown, at: [0] }
      : { value: undefined, at: [] }
    : { value: v, at: [] };
const asList = (v: unknown) => ({ value: typeof v === 'string' ? [v] : v, at: [] });
const negated = (v: unknown) => ({ value: typeof v === 'boolean' ? !v : v, at: [] });

/** In order of precedence for each target key. */
const ALIASES: readonly Alias[] = [
  { from: 'pubdate', to: 'date' }, // Astro
  { from: 'publishdate', to: 'date' }, // Hugo
  { from: 'lastmod', to: 'updated' }, // Hugo
  { from: 'last_modified_at', to: 'updated' }, // Jekyll (jekyll-last-modified-at, Minimal Mistakes)
  { from: 'updateddate', to: 'updated' }, // Astro
  { from: 'modified', to: 'updated' },
  { from: 'expirydate', to: 'expires' }, // Hugo
  { from: 'summary', to: 'description' }, // Hugo
  { from: 'excerpt', to: 'description' }, // Jekyll
  { from: 'heroimage', to: 'cover' }, // Astro
  { from: 'images', to: 'image', read: first }, // Hugo: social images, the first one is used
  { from: 'ogimage', to: 'image' },
  { from: 'og_image', to: 'image' },
  { from: 'canonicalurl', to: 'canonical' }, // Hugo themes, Astro
  { from: 'canonical_url', to: 'canonical' }, // Jekyll SEO, dev.to
  { from: 'published', to: 'draft', read: negated }, // Jekyll: `published: false` is a draft
  { from: 'redirect_from', to: 'aliases', read: asList }, // jekyll-redirect-from
  { from: 'author', to: 'authors', read: asList }, // Hugo, Jekyll, Astro: one name or a list
  { from: 'by', to: 'authors', read: asList },
];

/** Keys whose topic names are added after `topics`/`tags` (Jekyll, Hugo: categories). */
const TOPIC_LISTS = ['categories', 'category', 'tag'];

/** Every key another generator gives a meaning here, for docs/content.md and "did you mean". */
export const ALIAS_KEYS: readonly string[] = [...ALIASES.map((a) => a.from), ...TOPIC_LISTS];

/**
 * Keys other generators and their themes define that mean nothing here. They are ignored with a
 * `front-matter/ignored-key` warning and never taken for a typo of ours, even when they look like
 * one (`math` is not a misspelt `date`).
 */
export const FOREIGN_KEYS: ReadonlySet<string> = new Set([
  'layout',
  'type',
  'weight',
  'comments',
  'permalink',
  'keywords',
  'math',
  'katex',
  'mathjax',
  'mermaid',
  'share',
  'menu',
  'hidden',
  'featured',
  'sitemap',
  'lang',
  'parent',
  'alt',
  'caption',
  'linktitle',
  'subtitle',
  'header',
  'sidebar',
  'related',
  'outputs',
  'resources',
  'markup',
  'headless',
  'translationkey',
  'iscjklanguage',
  'excerpt_separator',
  'showtoc',
  'tocopen',
  'hidemeta',
  'hidesummary',
  'searchhidden',
  'disableshare',
  'hero',
  'pagination',
  'eleventynavigation',
  'eleventyexcludefromcollections',
  'eleventycomputed',
  'templateengineoverride',
  'redirect_to',
  'minutesread',
  'tableofcontents',
  'chart',
]);

export interface Normalised {
  /** The front matter in the kind's own keys only, aliases applied. */
  data: Record<string, unknown>;
  /** Where a value came from when it was not written under our key: `updated` -> `lastmod`. */
  origin: Map<string, FmPath>;
  /** Alias keys that were read (or lost to our own key): neither unknown nor ignored. */
  consumed: Set<string>;
}

/**
 * Map other generators' keys onto `own` (the kind's keys). A post without `date` whose file name
 * starts with one (Jekyll: `2020-01-02-title.md`) takes that date.
 */
export function applyAliases(
  input: Record<string, unknown>,
  own: readonly string[],
  fileName: string,
): Normalised {
  const data: Record<string, unknown> = { ...input };
  const origin = new Map<string, FmPath>();
  const consumed = new Set<string>();
  const has = (k: string) => own.includes(k);

  // Hugo (PaperMod and others) writes `cover: { image: ..., alt: ... }`.
  const cover = data['cover'];
  if (has('cover') && isMap(cover) && 'image' in cover) {
    data['cover'] = cover['image'];
    origin.set('cover', ['cover', 'image']);
    if (has('coverAlt') && data['coverAlt'] === undefined && cover['alt'] !== undefined) {
      data['coverAlt'] = cover['alt'];
      origin.set('coverAlt', ['cover', 'alt']);
    }
  }

  for (const alias of ALIASES) {
    const key = Object.keys(input).find((k) => k.toLowerCase() === alias.from && !own.includes(k));
    if (key === undefined || !has(alias.to)) continue;
    consumed.add(key);
    if (data[alias.to] !== undefined) continue; // ours (or an earlier alias) wins
    const { value, at } = alias.read ? alias.read(input[key]) : { value: input[key], at: [] };
    if (value === undefined) continue;
    data[alias.to] = value;
    origin.set(alias.to, [key, ...at]);
  }
  for (const key of Object.keys(input)) if (!own.includes(key)) delete data[key];

  // Topic names: `tags` as a space-separated string (Jekyll), then categories after them.
  const topicKey =
    has('tags') && data['topics'] === undefined && data['tags'] !== undefined ? 'tags' : 'topics';
  if (has('tags') && typeof data['tags'] === 'string') data['tags'] = words(data['tags']);
  if (has('topics')) {
    for (const key of Object.keys(input).filter(
      (k) => TOPIC_LISTS.includes(k.toLowerCase()) && !own.includes(k),
    )) {
      consumed.add(key);
      const raw = input[key];
      const names: unknown[] =
        typeof raw === 'string' ? words(raw) : Array.isArray(raw) ? raw : [raw];
      const list = data[topicKey];
      if (list !== undefined && !Array.isArray(list)) continue; // ours is malformed: its error is enough
      const merged = [...((list as unknown[] | undefined) ?? [])];
      names.forEach((name, i) => {
        origin.set(
          `${topicKey}.${merged.length}`,
          typeof raw === 'string' || !Array.isArray(raw) ? [key] : [key, i],
        );
        merged.push(name);
      });
      data[topicKey] = merged;
    }
  }

  const dated = /^(\d{4}-\d{2}-\d{2})-/.exec(fileName)?.[1];
  if (has('date') && data['date'] === undefined && dated && parseContentDate(dated))
    data['date'] = dated;
  return { data, origin, consumed };
}

const words = (s: string) => s.split(/\s+/).filter(Boolean);

function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date);
}
