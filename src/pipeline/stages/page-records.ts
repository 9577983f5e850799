import type { PageKeyParts } from '../../cache/keys.js';
import type { CardReadList, CardSource } from '../../routes/index.js';

/**
 * Per output file, as saved for a later build (`.cache/pages/*.json`): the key it was rendered
 * with, the hash of its bytes and, for pages that showed cards, which card fields they read with
 * a hash of their values.
 */
export type PageManifest = Record<string, ManifestEntry>;

export interface ManifestEntry {
  key: string;
  out: string;
  /**
   * `size:mtimeMs` of the written file. Hard links keep both, so a warm build that finds the same
   * stamp reuses the file without reading and hashing it (an edit by hand changes the mtime).
   */
  stamp?: string;
  reads?: CardReadList;
  readsHash?: string;
}

/** A page of the output folder: its manifest entry and, when this process made it, its key parts. */
export interface PageRecord {
  entry: ManifestEntry;
  parts?: PageKeyParts;
}

/**
 * Every page of the output folder: what the pages stage leaves, and what the next run's pages
 * stage starts from. `cards`: the cards the pages were planned with (when this process planned
 * them), so the next run compares card fields directly instead of hashing their values.
 */
export interface PageRecords {
  byPath: ReadonlyMap<string, PageRecord>;
  cards: CardSource | undefined;
}

export const NO_PAGES: PageRecords = { byPath: new Map(), cards: undefined };

/** Records of a manifest read from disk: keys only. */
export function recordsOf(manifest: PageManifest): PageRecords {
  return {
    byPath: new Map(Object.entries(manifest).map(([p, entry]) => [p, { entry }])),
    cards: undefined,
  };
}

/** The manifest to save (or to hand to the search stage). */
export function manifestOf(records: PageRecords): PageManifest {
  const out: PageManifest = {};
  for (const [p, r] of records.byPath) out[p] = r.entry;
  return out;
}

/** The records without these pages (a failed run wrote them: their bytes are not the records'). */
export function withoutPages(records: PageRecords, paths: Iterable<string>): PageRecords {
  const byPath = new Map(records.byPath);
  for (const p of paths) byPath.delete(p);
  return { byPath, cards: records.cards };
}
