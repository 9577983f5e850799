import type { Element, ElementContent } from 'hast';
import { classList, el, text, type DirectiveParts } from './hast.js';

/**
 * The built-in directives that are plain HTML: figure, video, details and aside. Files they name
 * arrive resolved (DirectiveParts.files); a figure's image is a real `<img>`, which
 * rehype-images then turns into a responsive `<picture>` like any local image.
 */
export interface BlockInput {
  name: string;
  attributes: Record<string, string>;
}

export function renderBlock(input: BlockInput, parts: DirectiveParts): Element {
  switch (input.name) {
    case 'figure':
      return figure(input.attributes, parts);
    case 'video':
      return video(input.attributes, parts);
    case 'details':
      return details(input.attributes, parts);
    default:
      return aside(input.attributes, parts);
  }
}

function figure(a: Record<string, string>, parts: DirectiveParts): Element {
  const img = parts.files.get('src')!;
  if (a['title']) img.properties.title = a['title'];
  const link = parts.files.get('link');
  const media = link ? el('a', { href: link.properties.href }, [img]) : img;
  const caption = captionOf(a, parts);
  return el('figure', { className: classList(['figure'], a) }, [
    media,
    ...(caption ? [caption] : []),
  ]);
}

/** The label (rich) or `caption=` (text), then `credit=` (linked with `creditLink=`). */
function captionOf(a: Record<string, string>, parts: DirectiveParts): Element | undefined {
  const children: ElementContent[] = parts.label ?? (a['caption'] ? [text(a['caption'])] : []);
  const credit = a['credit'];
  if (credit) {
    const creditLink = parts.files.get('creditLink')?.properties.href;
    const content = creditLink ? el('a', { href: creditLink }, [text(credit)]) : text(credit);
    if (children.length) children.push(text(' '));
    children.push(el('small', { className: ['figure-credit'] }, [content]));
  }
  return children.length ? el('figcaption', {}, children) : undefined;
}

function video(a: Record<string, string>, parts: DirectiveParts): Element {
  const src = parts.files.get('src')!.properties.src;
  const poster = parts.files.get('poster')?.properties.src;
  const captions = parts.files.get('captions')?.properties.src;
  const player = el(
    'video',
    {
      controls: true,
      preload: 'metadata',
      src,
      poster,
      width: a['width'],
      height: a['height'],
      ariaLabel: a['title'] || undefined,
    },
    [
      ...(captions ? [el('track', { kind: 'captions', src: captions, default: true })] : []),
      el('a', { href: src }, [text('Download the video')]),
    ],
  );
  const caption = parts.label ? [el('figcaption', {}, parts.label)] : [];
  return el('figure', { className: classList(['figure', 'figure-video'], a) }, [
    player,
    ...caption,
  ]);
}

function details(a: Record<string, string>, parts: DirectiveParts): Element {
  const summary = parts.label ?? [text(a['summary'] || 'Details')];
  const open = a['open'] !== undefined && a['open'] !== 'false';
  return el('details', { className: classList(['details'], a), open, name: a['name'] }, [
    el('summary', {}, summary),
    ...parts.body,
  ]);
}

function aside(a: Record<string, string>, parts: DirectiveParts): Element {
  const title = parts.label ? [el('p', { className: ['aside-title'] }, parts.label)] : [];
  return el('aside', { className: classList(['aside'], a) }, [...title, ...parts.body]);
}
