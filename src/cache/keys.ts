import { createHash } from 'node:crypto';
import { hash } from '../util/hash.js';
import { toolDigest } from '../version.js';
import { CACHE_VERSIONS as V } from './versions.js';

/**
 * Every cache key recipe, in one place: what each cached thing is keyed by, with its format
 * version (versions.ts). A key covers everything its value depends on; a value is reused only
 * under the very key it was stored with. Recipes take plain values, so every stage can use them.
 */

/** A value in a `.cache/<namespace>/` record: it is valid under this tool and record format. */
export const recordStamp = (): { f: number; v: string } => ({ f: V.record, v: toolDigest() });

/** A content file: its bytes and what discovery knows of it. */
export function entryKey(
  src: { kind: string; file: string; slug: string; dir: string; bundle: boolean; assets: string[] },
  bytes: Uint8Array,
): string {
  return hash(
    V.entry,
    src.kind,
    src.file,
    src.slug,
    src.dir,
    String(src.bundle),
    src.assets.join('\n'),
    bytes,
  );
}

/**
 * The config's digest: the tool, the config's source and the command-line overrides. Part of
 * every page's key.
 */
export const configDigest = (source: string, overrides: unknown): string =>
  hash(toolDigest(), source, JSON.stringify(overrides));

/** The compiled config: jiti's options and the source. */
export const configTransformKey = (options: unknown, source: string): string =>
  hash(V.configTransform, toolDigest(), JSON.stringify(options), source);

/** What the Markdown renderer's digest starts with: the version of our plugins' output. */
export const markdownVersion = (): string => `colophon-markdown@${V.markdown}`;

/** What every highlighted code block's key starts with. */
export const codeKeySalt = (shiki: string, transformers: string): string =>
  `colophon-code@${V.markdown} shiki@${shiki} transformers@${transformers}`;

/** A rendered diagram (in the code cache): our plugins' version and both renderers'. */
export const diagramKeySalt = (beautifulMermaid: string, viz: string): string =>
  `colophon-diagram@${V.markdown} beautiful-mermaid@${beautifulMermaid} viz@${viz}`;

/**
 * A rendered body: the renderer's digest, the file and where the body starts in it (diagnostics
 * carry lines), and the body's text. Links it resolved are checked on lookup (bodies.ts).
 */
export const bodyKey = (
  markdownDigest: string,
  entry: { file: string; bodyLine: number; bodyHash: string },
): string => hash(markdownDigest, entry.file, String(entry.bodyLine), entry.bodyHash);

/** What invalidates every page: the config and the Markdown renderer. */
export const globalPageKey = (configDigest: string, markdownDigest: string): string =>
  hash(configDigest, markdownDigest);

/**
 * What a page's key is made of: the globals, its output path, its templates (the template and the
 * hashes of every template it can use), the cards it shows, and what it read (fingerprint by
 * dependency). A process that made the parts compares them directly; otherwise the key.
 */
export interface PageKeyParts {
  readonly global: string;
  readonly outPath: string;
  readonly templates: string;
  readonly cards: string;
  readonly deps: ReadonlyMap<string, string>;
}

export function pageKey(p: PageKeyParts): string {
  const deps = [...p.deps].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return hash(V.page, p.global, p.outPath, p.templates, JSON.stringify(deps), p.cards);
}

/**
 * Is a page's key the one it had? With the parts the last render left in memory (a `serve`
 * session), compared part by part: no sorting, serialising and hashing of every page's
 * dependencies on each rebuild. With only a key (a manifest read from disk), by the key.
 */
export function samePageKey(
  before: { key: string },
  was: PageKeyParts | undefined,
  now: PageKeyParts,
  key: () => string,
): boolean {
  if (!was) return before.key === key();
  if (
    was.global !== now.global ||
    was.outPath !== now.outPath ||
    was.templates !== now.templates ||
    was.cards !== now.cards ||
    was.deps.size !== now.deps.size
  )
    return false;
  for (const [k, v] of was.deps) if (now.deps.get(k) !== v) return false;
  return true;
}

/**
 * The snapshot of a build's inputs (pipeline/unchanged.ts) holds for a build with the same
 * Colophon, the same cache versions (a bump of any redoes its work) and the same options (drafts,
 * future, strictness, command-line overrides); its files are compared one by one.
 */
export const buildInputsKey = (options: unknown): string =>
  hash(toolDigest(), JSON.stringify(V), JSON.stringify(options));

/** The file of a build's page manifest: one per output folder and drafts/future setting. */
export const manifestName = (outPath: string, drafts: boolean, future: boolean): string =>
  `${hash(outPath, String(drafts), String(future))}.json`;

/** A part of the search index: Pagefind's version, the layout, and the bytes of its pages. */
export function searchPartKey(
  pagefind: string,
  language: string,
  index: number,
  count: number,
  pages: readonly string[],
  outHash: (page: string) => string,
): string {
  return hash(
    V.searchPart,
    pagefind,
    language,
    `${index}/${count}`,
    ...pages.map((p) => `${p}=${outHash(p)}`),
  );
}

/**
 * A probed image: its bytes, its extension (which format it must be), the pixel limit, and the
 * file (the messages name it, so the same bytes elsewhere are another entry).
 */
export const imageProbeKey = (
  contentHash: string,
  ext: string,
  maxPixels: number,
  file: string,
): string =>
  `${V.imageProbe}-${contentHash}-${ext.toLowerCase()}-${maxPixels}-${sha256(file).slice(0, 16)}`;

/** What every variant of every image depends on: the codec version, efforts and libraries. */
export const imageEncoders = (...settings: unknown[]): string =>
  JSON.stringify([V.imageCodec, ...settings]);

/** An encoded image variant (its file name holds the start of it). */
export const imageVariantKey = (
  encoders: string,
  contentHash: string,
  format: string,
  width: number,
  height: number,
  quality: number,
  /** `<width>x<height>` of the decoded master every variant of the image is scaled from. */
  master: string,
): string =>
  sha256(JSON.stringify([encoders, contentHash, format, width, height, quality, master]));

/**
 * A social card: its layout, the tool (satori, sharp, the fonts), its text and the `hash()` of its
 * cover's bytes.
 */
export const socialCardKey = (text: unknown, coverHash: string | undefined): string =>
  hash(V.socialCard, toolDigest(), JSON.stringify(text), coverHash ?? '');

function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}
