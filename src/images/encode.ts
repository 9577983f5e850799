import sharp from 'sharp';
import type { ImageSettings, VariantPlan } from './variants.js';

/**
 * The pixel work of responsive images. An image is decoded once into a master: EXIF-rotated,
 * scaled to its largest variant, 8-bit sRGB pixels. Every variant of it is scaled from that master
 * and encoded, so a 12 MP photo is decoded once rather than once per variant (format × width).
 * The master's size is part of every variant's key (planVariants), so a variant's bytes depend
 * only on its key.
 */

export interface Master {
  data: Buffer;
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
}

/** Decode `bytes` into the master of `width`×`height` pixels. */
export async function decodeMaster(
  bytes: Uint8Array,
  width: number,
  height: number,
  maxPixels: number,
): Promise<Master> {
  const { data, info } = await sharp(bytes, { limitInputPixels: maxPixels })
    .rotate()
    .resize(width, height, { fit: 'fill' })
    .toColourspace('srgb')
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

/** Encode one variant from its image's master: scaled to exactly the planned size, no metadata. */
export function encodeVariant(m: Master, v: VariantPlan, settings: ImageSettings): Promise<Buffer> {
  let img = sharp(m.data, { raw: { width: m.width, height: m.height, channels: m.channels } });
  if (v.width !== m.width || v.height !== m.height)
    img = img.resize(v.width, v.height, { fit: 'fill' });
  switch (v.format) {
    case 'avif':
      return img.avif({ quality: settings.quality.avif, effort: v.effort }).toBuffer();
    case 'webp':
      return img.webp({ quality: settings.quality.webp, effort: v.effort }).toBuffer();
    case 'jpeg':
      return img.jpeg({ quality: settings.quality.jpeg, mozjpeg: true }).toBuffer();
    case 'png':
      return img.png({ compressionLevel: 9 }).toBuffer();
  }
}
