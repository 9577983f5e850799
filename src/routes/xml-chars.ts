/**
 * Characters XML 1.0 forbids anywhere in a document (its `Char` production): C0 controls other
 * than tab, line feed and carriage return, lone surrogates, U+FFFE and U+FFFF. Not even a
 * character reference may name them, so no escaping can carry them: a feed reader or a sitemap
 * crawler refuses the whole file at the first one. A form feed pasted into a title, or a stray
 * control character in a description, is removed from XML output (and kept in HTML pages, where
 * it does no harm).
 */
const FORBIDDEN = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlChars(text: string): string {
  FORBIDDEN.lastIndex = 0;
  return FORBIDDEN.test(text) ? text.replace(FORBIDDEN, '') : text;
}
