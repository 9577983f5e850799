import type { BodyContext } from './context.js';
import { leaf } from './directives.js';
import type { Place } from './report.js';

/**
 * Embeds and figures common to Hugo and Zola shortcodes, as Colophon's built-in directives
 * (which load nothing from the third party until the reader asks).
 */
export interface EmbedOut {
  text: string;
  block: boolean;
}

type Args = Record<string, string | undefined>;

export function youtube(a: Args, ctx: BodyContext, at: Place, from: string): EmbedOut | undefined {
  let id = a['id'];
  const fromUrl = id ? /(?:v=|youtu\.be\/|embed\/)([A-Za-z0-9_-]{11})/.exec(id)?.[1] : undefined;
  if (fromUrl) id = fromUrl;
  if (!id) return undefined;
  const start = a['start'] ?? a['t'];
  ctx.report.converted(`${from} -> ::youtube`, at);
  return {
    text: leaf('youtube', {
      id,
      start: start && /^\d+$/.test(start) ? start : undefined,
      title: a['title'],
    }),
    block: true,
  };
}

export function vimeo(a: Args, ctx: BodyContext, at: Place, from: string): EmbedOut | undefined {
  const id = a['id'] ? (/(\d{3,})/.exec(a['id'])?.[1] ?? a['id']) : undefined;
  if (!id) return undefined;
  ctx.report.converted(`${from} -> ::vimeo`, at);
  return { text: leaf('vimeo', { id, title: a['title'] }), block: true };
}

export function gist(a: Args, ctx: BodyContext, at: Place, from: string): EmbedOut | undefined {
  let { user, id } = a;
  const url = a['url'] ? /gist\.github\.com\/([^/]+)\/([0-9a-f]+)/.exec(a['url']) : null;
  if (url) [user, id] = [url[1], url[2]];
  if (!user || !id) return undefined;
  ctx.report.converted(`${from} -> ::gist`, at);
  return { text: leaf('gist', { user, id, file: a['file'] }), block: true };
}

export function tweet(a: Args, ctx: BodyContext, at: Place, from: string): EmbedOut | undefined {
  const id = a['id'];
  if (!id || !/^\d+$/.test(id)) return undefined;
  // x.com/i/status/<id> is the address of a post whose author is not known.
  const url = `https://x.com/${a['user'] ?? 'i'}/status/${id}`;
  ctx.report.converted(`${from} -> ::tweet`, at);
  return { text: leaf('tweet', { url }), block: true };
}

export function instagram(
  a: Args,
  ctx: BodyContext,
  at: Place,
  from: string,
): EmbedOut | undefined {
  const id = a['id'];
  if (!id) return undefined;
  const url = `https://www.instagram.com/p/${id}/`;
  ctx.report.todo(
    at,
    `${from}: Colophon has no Instagram embed, so a plain link to ${url} was written (nothing loads from Instagram).`,
  );
  return { text: `[Instagram post](${url})`, block: true };
}

/** `src` as Colophon reads it: a bundle file gets `./`, site paths and URLs stay. */
export function figureSrc(src: string): string {
  return /^(?:[a-z][a-z0-9+.-]*:|\/|\.\.?\/)/i.test(src) ? src : `./${src}`;
}

export function figure(a: Args, ctx: BodyContext, at: Place, from: string): EmbedOut | undefined {
  const src = a['src'];
  if (!src) return undefined;
  let alt = a['alt'];
  if (alt === undefined) {
    alt = a['caption'] ?? a['title'] ?? '';
    ctx.report.todo(
      at,
      `${from} has no alt text; ${alt ? 'its caption was used' : 'alt="" (decorative) was written'}. Describe the image.`,
    );
  }
  ctx.report.converted(`${from} -> ::figure`, at);
  return {
    text: leaf('figure', {
      src: figureSrc(src),
      alt,
      caption: a['caption'],
      credit: a['credit'],
      creditLink: a['creditLink'],
      link: a['link'],
      title: a['title'],
    }),
    block: true,
  };
}
