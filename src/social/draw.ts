import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import satori from 'satori';
import sharp from 'sharp';
import type { SocialCardData } from './plan.js';

/**
 * Draws a social card (satori, then sharp to PNG). Its layout is covered by the card's cache key
 * through `CACHE_VERSIONS.socialCard` (cache/versions.ts): bump it when the drawing changes.
 */
export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;
const require = createRequire(import.meta.url);
let fonts: { name: string; data: Buffer; weight: 400 | 700; style: 'normal' }[] | undefined;

/** Inter, shipped with the package (@fontsource/inter): no network, same glyphs everywhere. */
function loadFonts() {
  fonts ??= ([400, 700] as const).map((weight) => ({
    name: 'Inter',
    data: readFileSync(
      require.resolve(`@fontsource/inter/files/inter-latin-${weight}-normal.woff`),
    ),
    weight,
    style: 'normal' as const,
  }));
  return fonts;
}

type Node = { type: string; props: Record<string, unknown> };
const h = (
  type: string,
  style: Record<string, unknown>,
  children?: unknown,
  extra: Record<string, unknown> = {},
): Node => ({ type, props: { style, children, ...extra } });

/**
 * A 1200×630 PNG: satori lays the card out as SVG (text as paths, so no system fonts are
 * involved), sharp rasterises it. No headless browser.
 */
export async function drawSocialCard(data: SocialCardData): Promise<Buffer> {
  const coverUri = data.cover ? await coverDataUri(data.cover) : undefined;
  const children: Node[] = [textColumn(data, coverUri !== undefined)];
  if (coverUri)
    children.push(
      h(
        'img',
        {
          width: 360,
          height: 360,
          borderRadius: 24,
          alignSelf: 'center',
          marginLeft: 40,
          flexShrink: 0,
          background: '#f8fafc',
        },
        undefined,
        { src: coverUri, width: 360, height: 360 },
      ),
    );
  const root = h(
    'div',
    {
      width: CARD_WIDTH,
      height: CARD_HEIGHT,
      display: 'flex',
      padding: 72,
      background: '#0f172a',
      borderTop: '12px solid #3b82f6',
      fontFamily: 'Inter',
    },
    children,
  );
  const svg = await satori(root as unknown as Parameters<typeof satori>[0], {
    width: CARD_WIDTH,
    height: CARD_HEIGHT,
    fonts: loadFonts(),
  });
  return sharp(Buffer.from(svg)).png({ compressionLevel: 6 }).toBuffer();
}

/**
 * Any raster or SVG cover as a small JPEG data URI satori can embed. Transparent covers (SVG
 * diagrams) get a light backdrop so dark strokes stay visible.
 */
async function coverDataUri(cover: Uint8Array): Promise<string> {
  const jpeg = await sharp(cover, { limitInputPixels: 64_000_000 })
    .resize(360, 360, { fit: 'contain', background: '#f8fafc' })
    .flatten({ background: '#f8fafc' })
    .jpeg({ quality: 82 })
    .toBuffer();
  return `data:image/jpeg;base64,${jpeg.toString('base64')}`;
}

/** The kicker, the title and the footer (site name, tag), beside the cover if there is one. */
function textColumn(data: SocialCardData, withCover: boolean): Node {
  const titleSize = data.title.length > 90 ? 48 : data.title.length > 55 ? 58 : 68;
  return h(
    'div',
    {
      display: 'flex',
      flexDirection: 'column',
      justifyContent: 'space-between',
      width: withCover ? CARD_WIDTH - 144 - 360 - 40 : CARD_WIDTH - 144,
      height: '100%',
    },
    [
      h('div', { display: 'flex', fontSize: 28, color: '#93c5fd' }, data.kicker),
      h(
        'div',
        {
          display: 'flex',
          fontSize: withCover ? Math.round(titleSize * 0.85) : titleSize,
          fontWeight: 700,
          lineHeight: 1.12,
          color: '#f8fafc',
        },
        data.title,
      ),
      h(
        'div',
        { display: 'flex', justifyContent: 'space-between', fontSize: 28, color: '#cbd5e1' },
        [h('span', {}, data.siteName), h('span', { color: '#93c5fd' }, data.tag)],
      ),
    ],
  );
}
