import sharp from 'sharp';
import { imageEncoders, imageVariantKey } from '../cache/keys.js';

/**
 * Responsive image variants with sharp: the pure planner (which widths and formats an image
 * gets, their file names) and the two pieces of image work (probe, encode). Where files come
 * from and go to is the build's business (src/images/store.ts).
 */

export type ModernFormat = 'avif' | 'webp';
export type OutputFormat = ModernFormat | 'jpeg' | 'png';

export interface ImageSettings {
  widths: readonly number[];
  formats: readonly ModernFormat[];
  quality: { avif: number; webp: number; jpeg: number };
  sizes: string;
  maxPixels: number;
}

/** What a probe learned about a file; cached by content hash, so plain JSON. */
export type ProbeResult =
  /** A still raster image we make variants of. Width and height are after EXIF rotation. */
  | {
      kind: 'raster';
      format: 'jpeg' | 'png' | 'webp' | 'avif';
      width: number;
      height: number;
      alpha: boolean;
    }
  /** SVG, GIF, animated images: published as they are; size when sharp could read it. */
  | { kind: 'passthrough'; width?: number; height?: number }
  | { kind: 'problem'; rule: string; message: string };

export interface VariantPlan {
  format: OutputFormat;
  width: number;
  height: number;
  /** Encoder effort (AVIF, WebP; 0 for the others), from EFFORT. */
  effort: number;
  /**
   * Everything that decides the bytes: content, format, size, quality, the size of the master it
   * is scaled from (encode.ts), encoder versions.
   */
  key: string;
  /** File name under the output's `_img/` folder. */
  name: string;
}

export interface VariantSet {
  width: number;
  height: number;
  fallback: 'jpeg' | 'png';
  /**
   * Per format, smallest width first; modern formats in configured order, then the fallback (at
   * the largest width only).
   */
  variants: VariantPlan[];
}

/**
 * Encoder effort per format (0 fastest), by the original's format (a JPEG original is a
 * photograph as a rule, a PNG one a screenshot or a drawing), kept where no reader's bytes grow.
 * Measured on the benchmark's images (decisions.md, "Image encoding: effort by kind of image"):
 * AVIF effort 0 would encode photos 2.4× faster than effort 2 but 2 % larger (screenshots 40–50 %),
 * and sharp's default, 4, takes 5× as long for 2–8 % smaller; WebP effort 2 would be 1.5–2× faster
 * than 4 but 3–6 % larger. Pages must not get heavier to build faster, so both stay where they
 * were; the table is per kind so that a measured gain for one kind can be taken alone.
 */
export const EFFORT = {
  avif: { photo: 2, drawing: 2 },
  webp: { photo: 4, drawing: 4 },
} as const;
/** A configured width this close below the original adds nothing: the original is used instead. */
const CLOSE = 0.9;

const EXTENSIONS: Record<string, string> = {
  png: 'png',
  jpg: 'jpeg',
  jpeg: 'jpeg',
  webp: 'webp',
  avif: 'avif',
  gif: 'gif',
  svg: 'svg',
};

/** Extensions we look at (lower case, no dot) and the format each one promises. */
export function formatForExtension(ext: string): string | undefined {
  return EXTENSIONS[ext.toLowerCase()];
}

let encoderDigest: string | undefined;
/**
 * Efforts, sharp, libvips and codec versions (and `CACHE_VERSIONS.imageCodec`, to bump when the
 * encoding code changes output bytes): an upgrade re-encodes (and renames) every variant.
 */
function encoders(): string {
  encoderDigest ??= imageEncoders(EFFORT, sharp.versions);
  return encoderDigest;
}

/**
 * Widths to generate for an image `original` px wide: the configured widths below it, never
 * upscaled, with the original width itself as the largest when it fits under the largest
 * configured width (a configured width within 10 % below the original is dropped for it).
 */
export function planWidths(original: number, widths: readonly number[]): number[] {
  const sorted = [...new Set(widths)].filter((w) => w > 0).sort((a, b) => a - b);
  const max = sorted[sorted.length - 1] ?? original;
  const out = sorted.filter((w) => w < original);
  if (original <= max) {
    while (out.length > 0 && out[out.length - 1]! > original * CLOSE) out.pop();
    out.push(original);
  }
  return out;
}

/**
 * Bytes per pixel at or under which an image is as compact as our encoders would make it: AVIF
 * and WebP of photos at the default qualities come to 0.06–0.09 (decisions.md).
 */
const COMPACT_BYTES_PER_PIXEL = 0.1;

/**
 * A raster image published as it is, like SVG and GIF: narrower than the smallest configured
 * width (so it would get a single width anyway) and already compact. Re-encoding a 2 KB icon
 * costs time to save a kilobyte at most, when it does not make it larger.
 */
export function keepsOriginal(
  probe: { width: number; height: number },
  bytes: number,
  widths: readonly number[],
): boolean {
  return (
    probe.width < Math.min(...widths) &&
    bytes <= probe.width * probe.height * COMPACT_BYTES_PER_PIXEL
  );
}

/** The variant set of a probed raster image: pure, so the build knows every URL before encoding. */
export function planVariants(
  probe: Extract<ProbeResult, { kind: 'raster' }>,
  contentHash: string,
  stem: string,
  settings: ImageSettings,
): VariantSet {
  const fallback =
    probe.format === 'jpeg' || probe.format === 'png' ? probe.format : probe.alpha ? 'png' : 'jpeg';
  const widths = planWidths(probe.width, settings.widths);
  const heightOf = (w: number) =>
    w === probe.width ? probe.height : Math.max(1, Math.round((w * probe.height) / probe.width));
  const largest = widths[widths.length - 1]!;
  const master = `${largest}x${heightOf(largest)}`;
  const kind = probe.format === 'jpeg' ? 'photo' : 'drawing';
  const formats: OutputFormat[] = [...new Set(settings.formats), fallback];
  const variants: VariantPlan[] = [];
  for (const format of formats) {
    // Every browser that shows AVIF or WebP takes a <source>: the fallback is for the few that do
    // neither (and for feeds), so it is one file at the largest width, unless it is all there is.
    const only = format === fallback && formats.length > 1;
    for (const width of only ? [largest] : widths) {
      const height = heightOf(width);
      const quality = format === 'png' ? 0 : settings.quality[format];
      const effort = format === 'avif' || format === 'webp' ? EFFORT[format][kind] : 0;
      const key = imageVariantKey(encoders(), contentHash, format, width, height, quality, master);
      variants.push({
        format,
        width,
        height,
        effort,
        key,
        name: `${stem}-${width}-${key.slice(0, 12)}.${format === 'jpeg' ? 'jpg' : format}`,
      });
    }
  }
  return { width: largest, height: heightOf(largest), fallback, variants };
}

/** A file name stem safe in URLs: `Levels Chart.PNG` -> `levels-chart`. */
export function imageStem(fileName: string): string {
  const base = fileName.replace(/\.[^.]*$/, '');
  const stem = base
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return stem || 'image';
}

/**
 * Read an image's header and decode it once (small), so a corrupt or truncated file is found
 * here, where the build can still point at the Markdown that uses it. `file` is for messages.
 */
export async function probeImage(
  bytes: Uint8Array,
  file: string,
  ext: string,
  maxPixels: number,
): Promise<ProbeResult> {
  const promised = formatForExtension(ext);
  let meta: sharp.Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false, animated: true }).metadata();
  } catch (e) {
    if (promised === 'svg' || promised === 'gif') return { kind: 'passthrough' };
    return unreadable(file, e);
  }
  const pages = meta.pages ?? 1;
  const width = meta.width;
  const height = meta.pageHeight ?? meta.height;
  const actual =
    meta.format === 'heif' ? (meta.compression === 'av1' ? 'avif' : 'heif') : meta.format;
  if (promised === 'svg' || promised === 'gif') {
    // Published as they are; a size only when the file really is what its name says.
    return actual === promised && width && height
      ? { kind: 'passthrough', width, height }
      : { kind: 'passthrough' };
  }
  if (actual !== promised) {
    return {
      kind: 'problem',
      rule: 'image/wrong-extension',
      message: `${file} is ${article(actual)} ${String(actual).toUpperCase()} image, but its name ends in .${ext}. Rename it to the right extension (${suggestedName(file, actual)}) or convert it.`,
    };
  }
  if (!width || !height) return unreadable(file, new Error('no dimensions in the header'));
  if (width * height > maxPixels) {
    return {
      kind: 'problem',
      rule: 'image/too-large',
      message: `${file} is ${width}×${height} pixels (${((width * height) / 1e6).toFixed(0)} megapixels), over the limit of ${(maxPixels / 1e6).toFixed(0)} megapixels (images.maxPixels); decoding it could exhaust memory. Scale it down before adding it.`,
    };
  }
  if (pages > 1) return { kind: 'passthrough', width, height };
  try {
    // A small full decode: catches truncated and corrupt pixel data (sharp fails on warnings).
    await sharp(bytes, { limitInputPixels: maxPixels })
      .resize(16, 16, { fit: 'inside' })
      .raw()
      .toBuffer();
  } catch (e) {
    return unreadable(file, e);
  }
  const rotated = (meta.orientation ?? 1) >= 5;
  return {
    kind: 'raster',
    format: actual as 'jpeg' | 'png' | 'webp' | 'avif',
    width: rotated ? height : width,
    height: rotated ? width : height,
    alpha: meta.hasAlpha ?? false,
  };
}

function unreadable(file: string, e: unknown): ProbeResult {
  const why = e instanceof Error ? e.message.split('\n')[0] : String(e);
  return {
    kind: 'problem',
    rule: 'image/unreadable',
    message: `${file} cannot be read as an image (${why}). The file may be corrupt or truncated; export it again.`,
  };
}

function article(format: string | undefined): string {
  return /^[aeio]/i.test(format ?? '') ? 'an' : 'a';
}

function suggestedName(file: string, format: string | undefined): string {
  const ext = format === 'jpeg' ? 'jpg' : (format ?? 'png');
  return (file.split('/').pop() ?? file).replace(/\.[^.]*$/, `.${ext}`);
}

export const MIME: Record<OutputFormat, string> = {
  avif: 'image/avif',
  webp: 'image/webp',
  jpeg: 'image/jpeg',
  png: 'image/png',
};
