import type { Element, Properties, Root } from 'hast';
import { visit, SKIP } from 'unist-util-visit';
import { stateOf } from '../state.js';
import type { ImageInfo } from '../types.js';
import { imageInfos } from './remark-image-info.js';

/**
 * Local images the build processed become responsive markup:
 *
 *   <picture><source type="image/avif" srcset sizes><source type="image/webp" srcset sizes>
 *   <img src srcset sizes width height alt loading decoding></picture>
 *
 * Pass-through images (SVG, GIF) keep their `<img>` and get `width`/`height`. The first image of
 * the body is above the fold: `loading="eager"` and `fetchpriority="high"`; every other one is
 * `loading="lazy" decoding="async"`. Remote images and raw-HTML images are left alone (the build
 * has no data for them). Runs after the raw-HTML policy: this is trusted markup. An image whose
 * address ends in `#dark-invert` gets the class `dark-invert`. An image with a dark variant
 * (`chart.dark.png` beside it, ImageInfo.dark) is always a <picture>, its dark sources first with
 * `media="(prefers-color-scheme: dark)"`.
 */
const DARK_INVERT = '#dark-invert';

export default function rehypeImages() {
  return (tree: Root, file: { data: object }) => {
    const infos = imageInfos(stateOf(file));
    let first = true;
    visit(tree, 'element', (node, index, parent) => {
      if (node.tagName !== 'img') return undefined;
      const isFirst = first;
      first = false;
      const src = node.properties.src;
      // `chart.png#dark-invert`: the theme inverts the image's lightness in dark mode.
      if (typeof src === 'string' && src.endsWith(DARK_INVERT)) {
        const classes = node.properties.className;
        node.properties.className = [...(Array.isArray(classes) ? classes : []), 'dark-invert'];
      }
      const info = typeof src === 'string' ? infos.get(src) : undefined;
      if (!info || !parent || index === undefined) return undefined;
      const img = responsiveImg(node, info, isFirst);
      const responsive = info.fallback && info.sources.length > 0;
      parent.children[index] = responsive || info.dark ? picture(img, info) : img;
      return SKIP;
    });
  };
}

function responsiveImg(node: Element, info: ImageInfo, first: boolean): Element {
  const { src, alt, title, ...rest } = node.properties;
  const properties: Properties = info.fallback
    ? { src: info.fallback.src, srcSet: info.fallback.srcset, sizes: info.sizes }
    : { src };
  properties.width = info.width;
  properties.height = info.height;
  properties.alt = alt ?? '';
  if (title !== undefined) properties.title = title;
  Object.assign(properties, rest);
  if (first) {
    properties.loading = 'eager';
    properties.fetchPriority = 'high';
  } else {
    properties.loading = 'lazy';
    properties.decoding = 'async';
  }
  return { ...node, properties, children: [] };
}

function picture(img: Element, info: ImageInfo): Element {
  const source = (properties: Properties): Element => ({
    type: 'element',
    tagName: 'source',
    // `sizes` goes with width descriptors only (a pass-through dark image is one plain URL).
    properties: /\s\d+w(?:,|$)/.test(String(properties.srcSet))
      ? { ...properties, sizes: info.sizes }
      : properties,
    children: [],
  });
  // The dark image first: a <source> whose media does not match is skipped, so in light mode
  // the browser goes on to the light ones.
  const dark = info.dark;
  const media = '(prefers-color-scheme: dark)';
  // A dark image of another shape says so (the <img> carries the light one's size).
  const size =
    dark && (dark.width !== info.width || dark.height !== info.height)
      ? { width: dark.width, height: dark.height }
      : {};
  const sources: Element[] = [
    ...(dark
      ? [
          ...dark.sources.map((s) => source({ media, type: s.type, srcSet: s.srcset, ...size })),
          source({ media, srcSet: dark.srcset, ...size }),
        ]
      : []),
    ...info.sources.map((s) => source({ type: s.type, srcSet: s.srcset })),
  ];
  return {
    type: 'element',
    tagName: 'picture',
    properties: {},
    children: [...sources, img],
    ...(img.position ? { position: img.position } : {}),
  };
}
