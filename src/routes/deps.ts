import type { EntryKind } from '../content/index.js';
import { hash } from '../util/hash.js';
import { CardReads, type CardSource } from './reads.js';

/**
 * What a page depends on. Route builders never declare dependencies: they read their data through
 * a `PageInputs` (inputs.ts), and every read records one of these ids with a fingerprint of the
 * value it returned. A page's cache key is made of those pairs (plus its templates and the card
 * fields it read, reads.ts), so if nothing a page read changed, its bytes cannot have changed.
 */

/** An entry of the site: `post:<id>`, `series:<id>`, `topic:<id>`, `page:<id>`. */
export type EntryRef = `${EntryKind}:${string}`;

/** Lists of the site graph that pages show a part of (`scope`: the post, topic or series). */
export type ListName =
  | 'posts'
  | 'series'
  | 'topics'
  | 'archive'
  | 'topic-posts'
  | 'authors'
  | 'author-posts'
  | 'topic-series'
  | 'series-parts'
  | 'neighbours'
  | 'related'
  | 'aliases';

/** One input a page read. */
export type DepId =
  /** The site's settings and the site view-model (title, menu, feeds, copyright years). */
  | { kind: 'site' }
  /** A rendered body. */
  | { kind: 'body'; of: EntryRef }
  /** One field of an entry (front matter, or what the graph knows of it: url, parts), by path. */
  | { kind: 'field'; of: EntryRef; path: string }
  /** A part of a list of the graph: `all`, `count` or a slice `<from>-<to>`. */
  | { kind: 'list'; list: ListName; scope: string; part: string }
  /** The card of a topic (title, description, count, cover), as a whole. */
  | { kind: 'topic-card'; of: string }
  /** The card of an author (name, avatar, links, count), as a whole. */
  | { kind: 'author-card'; of: string }
  /** The URL of an entry's social card (or the image that replaces it). */
  | { kind: 'social-card'; of: EntryRef }
  /** The entries of sitemap.xml (URLs and last-modified dates of every page). */
  | { kind: 'sitemap' };

/** Constructors: the only way ids are made. */
export const dep = {
  site: (): DepId => ({ kind: 'site' }),
  body: (of: EntryRef): DepId => ({ kind: 'body', of }),
  field: (of: EntryRef, path: string): DepId => ({ kind: 'field', of, path }),
  list: (list: ListName, scope: string, part: string): DepId => ({
    kind: 'list',
    list,
    scope,
    part,
  }),
  topicCard: (of: string): DepId => ({ kind: 'topic-card', of }),
  authorCard: (of: string): DepId => ({ kind: 'author-card', of }),
  socialCard: (of: EntryRef): DepId => ({ kind: 'social-card', of }),
  sitemap: (): DepId => ({ kind: 'sitemap' }),
};

/**
 * The id as one string: the key of its fingerprint in a page's key. Written, never read back:
 * code that needs to know what an id is about looks at the id itself (`PageDeps.ids`).
 */
export function depKey(id: DepId): string {
  switch (id.kind) {
    case 'site':
    case 'sitemap':
      return id.kind;
    case 'body':
    case 'topic-card':
    case 'author-card':
    case 'social-card':
      return `${id.kind}:${id.of}`;
    case 'field':
      return `field:${id.of}#${id.path}`;
    case 'list':
      return `list:${id.list}:${id.scope}#${id.part}`;
  }
}

/** A value's fingerprint: short JSON is its own (no hashing thousands of tiny facts per rebuild). */
export function fingerprint(value: unknown): string {
  const json = JSON.stringify(value) ?? 'undefined';
  return json.length <= 64 ? json : hash(json);
}

/**
 * The dependencies of one page, recorded while it is planned: input ids with fingerprints, and
 * the card fields it reads (while planned and while rendered). Sealed when the plan is made:
 * the page's key is computed from it then, so a read after that (a view leaked into the
 * view-model) would be a dependency the key does not hold, and throws.
 */
export class PageDeps {
  /** Fingerprint by `depKey`: what the page key is made of. */
  readonly fingerprints = new Map<string, string>();
  private readonly byKey = new Map<string, DepId>();
  readonly cards: CardReads;
  private sealed = false;

  constructor(cards: CardSource) {
    this.cards = new CardReads(cards);
  }

  /** Record an input; `value` is computed only the first time this page reads it. */
  record(id: DepId, value: () => string): void {
    const key = depKey(id);
    if (this.fingerprints.has(key)) return;
    if (this.sealed) throw new Error(`${key} was read after its page was planned`);
    this.byKey.set(key, id);
    this.fingerprints.set(key, value());
  }

  seal(): void {
    this.sealed = true;
  }

  /** Every input recorded (cards aside). */
  ids(): IterableIterator<DepId> {
    return this.byKey.values();
  }
}
