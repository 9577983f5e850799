/**
 * Image loading on pages that are not a post's own: the markdown stage marks the first image of a
 * body as above the fold (`loading="eager" fetchpriority="high"`, rehype-images.ts). That is right
 * on the post page, and wrong wherever the body or its excerpt is shown below something else: in
 * list cards, under a cover, or in feeds. There it becomes `loading="lazy" decoding="async"`, like every
 * other image, so a page never asks for more than one image with high priority.
 */

const EAGER = ' loading="eager" fetchpriority="high"';
const LAZY = ' loading="lazy" decoding="async"';

/** The HTML with every above-the-fold image made lazy (the same string when there is none). */
export function lazyImages(html: string): string {
  return html.includes(EAGER) ? html.replaceAll(EAGER, LAZY) : html;
}

/** A URL path as the image plan keys it: percent-escapes decoded (as written when malformed). */
export function decodePath(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}
