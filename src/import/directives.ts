import { inlineCode } from './body.js';

/**
 * Writing Colophon directives (remark-directive syntax, docs/markdown.md) and the starter
 * templates for shortcodes a site defined itself (`templates/directives/<name>.liquid`).
 */

/** `{id=abc title="Two words"}`; attributes whose value is undefined are left out. */
export function attributes(attrs: Record<string, string | boolean | undefined>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (v === true) parts.push(k);
    else parts.push(`${k}=${quote(v)}`);
  }
  return parts.length ? `{${parts.join(' ')}}` : '';
}

function quote(v: string): string {
  if (/^[A-Za-z0-9_./:@+-]+$/.test(v)) return v;
  return `"${v
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/\r?\n\s*/g, ' ')}"`;
}

export const leaf = (name: string, attrs: Record<string, string | boolean | undefined>) =>
  `::${name}${attributes(attrs)}`;

export function container(
  name: string,
  attrs: Record<string, string | boolean | undefined>,
  inner: string,
  label = '',
): string {
  // A fence of colons longer than any inside, so nested containers close where they should.
  const longest = Math.max(2, ...[...inner.matchAll(/^\s*(:{3,})/gm)].map((m) => m[1]!.length));
  const colons = ':'.repeat(longest + 1);
  return `${colons}${name}${label}${attributes(attrs)}\n${inner.replace(/^\s*\n/, '').replace(/\s+$/, '')}\n${colons}`;
}

/**
 * What is kept of a shortcode with no known meaning: `:unconverted[`{{< x >}}`]{from=hugo}`, or a
 * container around its content (the author's text, which readers keep seeing). Readers see
 * nothing of the shortcode itself, and every build warns at it with the original
 * (docs/markdown.md, "Kept, unconverted"). The original is a code span in the label, or, when it
 * holds a bracket (a label ends at an unbalanced one), text with its punctuation escaped.
 */
export const KEPT =
  'kept as ::unconverted, which readers do not see and every build warns about. Write a directive (templates/directives/<name>.liquid) or the text it stood for.';

export function unconverted(raw: string, from: string, inner?: string): string {
  const flat = raw.replace(/\s*\n\s*/g, ' ');
  const label = `[${/[[\]]/.test(flat) ? flat.replace(/[!-/:-@[-`{-~]/g, '\\$&') : inlineCode(flat)}]`;
  if (inner === undefined) return `:unconverted${label}${attributes({ from })}`;
  return container('unconverted', { from }, inner, label);
}

/** Directive names Colophon accepts: a letter or digit, then letters, digits, `_` or `-`. */
export const directiveName = (name: string) =>
  name.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '') || 'shortcode';

/**
 * A starting point for a site's own shortcode: it shows the content (a container's Markdown) in
 * an element named after the shortcode, with its attributes as data- attributes. The original
 * template is named so the author can port what it did.
 */
export function starterTemplate(
  name: string,
  definedIn: string | undefined,
  generator: string,
): string {
  const origin = definedIn
    ? `made from ${definedIn} by colophon import (${generator})`
    : `made by colophon import: the ${generator} site used this shortcode, but its definition was not in the source (a theme loaded as a module?)`;
  return `{% comment %}
  Directive "${name}", ${origin}.
  It shows the content as it is; port what the original template did, then remove this note.
  While this note is here, every build warns where the directive is used (markdown/directive-starter).
  Values: attributes (as written), label, children (rendered HTML), form ('leaf' or 'container').
{% endcomment %}<div class="directive-${name}"{% for a in attributes %} data-{{ a[0] | escape }}="{{ a[1] | escape }}"{% endfor %}>{{ children | raw }}</div>
`;
}
