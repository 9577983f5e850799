/**
 * How each generator turns names into URL segments, so the importer can compute the exact old
 * addresses, and how a name becomes a Colophon slug (lower case, content/schemas.ts).
 */

/**
 * Hugo's `urlize` (helpers/path.go, UnicodeSanitize, lower-cased): letters, digits, marks and
 * `. _ - + ~ # /` are kept, spaces become `-`, anything else is dropped.
 */
export function hugoUrlize(s: string): string {
  let out = '';
  let hyphen = false;
  for (const ch of s.normalize('NFC').trim()) {
    if (/[\p{L}\p{N}\p{M}._+~#/-]/u.test(ch)) {
      out += ch;
      hyphen = ch === '-';
    } else if (/\s/u.test(ch) && !hyphen) {
      out += '-';
      hyphen = true;
    }
  }
  return out.toLowerCase();
}

/**
 * Zola's `slugify` with strategy "on" (the slug crate): accents dropped, ASCII lower case,
 * every run of other characters one `-`, none at the ends.
 */
export function zolaSlugify(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Jekyll's `slugify(mode: "pretty", cased: true)`, which builds `:title` from a file name. */
export function jekyllPretty(s: string): string {
  return s.replace(/[^\p{M}\p{L}\p{Nd}._~!$&'()+,;=@]+/gu, '-').replace(/^-+|-+$/g, '');
}

/** A Colophon slug: lower-case letters and digits, single `-`, `_` or `.` between them. */
export function colophonSlug(s: string): string {
  const slug = s
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{Ll}\p{Lo}\p{Nd}._-]+/gu, '-')
    .replace(/[-_.]*([-_.])[-_.]*/g, '$1')
    .replace(/^[-_.]+|[-_.]+$/g, '');
  return slug || 'untitled';
}
