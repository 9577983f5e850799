import GithubSlugger, { slug as githubSlug } from 'github-slugger';
import unidecode from 'unidecode';
import type { HeadingIdScheme } from './types.js';

/**
 * Heading id schemes, so that fragment links written for another generator keep resolving.
 *
 * - `github`: github-slugger over the heading's text (what GitHub shows for a README).
 *   Duplicates get `-1`, `-2`, ...
 * - `zola`: Zola's default (`slugify.anchors = "on"`): the `slug` crate over the heading's text.
 *   Each character is transliterated to ASCII (the `deunicode` table, itself Text::Unidecode's;
 *   `unidecode` here), letters and digits are kept lower-cased, every other run becomes one `-`,
 *   and dashes are trimmed: `What's next?` -> `what-s-next`, `日本` -> `ri-ben`. Duplicates get
 *   `-1`, `-2`, ... (Zola's find_anchor).
 * - `hugo`: Hugo's goldmark `autoHeadingIDType = "github"`, over the heading's Markdown source
 *   (goldmark slugs the last source line, not the rendered text): letters, digits and `_` are
 *   kept lower-cased, each space, tab or `-` becomes a `-` (never collapsed), everything else is
 *   dropped. `hugo-ascii` (`github-ascii`) removes accents first and drops what is still not
 *   ASCII; `hugo-blackfriday` keeps letters and numbers and joins the runs between them with
 *   one `-`. Duplicates get `-1`, `-2`, ...; an empty id is `heading`.
 *
 * For every scheme an id that would be empty gets a fallback (`section` for github and zola,
 * `heading` for hugo), and ids already present in the page (written `{#ids}`, footnotes, raw
 * HTML) are never reused.
 */
export interface HeadingSlugger {
  /** Keep `id` from being given to a heading (it exists already). */
  reserve(id: string): void;
  /**
   * The id for a heading: `text` is its rendered text, `source` its Markdown source (for hugo).
   * `base` is what the id would be without de-duplication ('' when the fallback was used), to
   * tell duplicates apart.
   */
  slug(text: string, source: string | undefined): { id: string; base: string };
}

export function createHeadingSlugger(scheme: HeadingIdScheme): HeadingSlugger {
  if (scheme === 'github') return githubScheme();
  const used = new Set<string>();
  const fallback = scheme === 'zola' ? 'section' : 'heading';
  return {
    reserve: (id) => void used.add(id),
    slug(text, source) {
      const base = scheme === 'zola' ? zolaSlug(text) : hugoSlug(source ?? text, scheme);
      const b = base || fallback;
      let id = b;
      for (let n = 1; used.has(id); n++) id = `${b}-${n}`;
      used.add(id);
      return { id, base };
    },
  };
}

function githubScheme(): HeadingSlugger {
  const slugger = new GithubSlugger();
  return {
    reserve: (id) => void (slugger.occurrences[id] ??= 0),
    slug(text) {
      const base = githubSlug(text);
      return { id: slugger.slug(base === '' ? 'section' : text), base };
    },
  };
}

/** The `slug` crate's slugify: ASCII transliteration, lower case, runs of anything else -> `-`. */
export function zolaSlug(text: string): string {
  let out = '';
  let dash = true; // no leading dash
  for (const ch of text) {
    const ascii = ch.charCodeAt(0) < 128 ? ch : unidecode(ch);
    // A character with no transliteration counts as a separator, as in the slug crate.
    for (const c of ascii === '' ? '-' : ascii) {
      if (/[a-z0-9]/.test(c)) {
        out += c;
        dash = false;
      } else if (/[A-Z]/.test(c)) {
        out += c.toLowerCase();
        dash = false;
      } else if (!dash) {
        out += '-';
        dash = true;
      }
    }
  }
  return out.endsWith('-') ? out.slice(0, -1) : out;
}

const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;
const NUMBER = /\p{N}/u;

/** goldmark's id from Hugo (markup/goldmark/autoid.go), for the three `autoHeadingIDType`s. */
export function hugoSlug(source: string, scheme: HeadingIdScheme): string {
  if (scheme === 'hugo-blackfriday') return blackfridaySlug(source);
  const ascii = scheme === 'hugo-ascii';
  const text = ascii
    ? source
        .normalize('NFD')
        .replace(/\p{Mn}/gu, '')
        .normalize('NFC')
    : source;
  let out = '';
  for (const ch of text) {
    if (ascii && ch.charCodeAt(0) > 127) continue;
    if (ch === '-' || ch === ' ' || ch === '\t') out += '-';
    else if (ch === '_' || LETTER.test(ch) || DIGIT.test(ch)) out += ch.toLowerCase();
  }
  return out;
}

/** Blackfriday's SanitizedAnchorName: letters and numbers, runs of anything else -> one `-`. */
function blackfridaySlug(text: string): string {
  let out = '';
  let pending = false;
  for (const ch of text) {
    if (LETTER.test(ch) || NUMBER.test(ch)) {
      if (pending && out !== '') out += '-';
      pending = false;
      out += ch.toLowerCase();
    } else pending = true;
  }
  return out;
}
