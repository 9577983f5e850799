/**
 * Schemes that run code or smuggle documents when a reader follows a link or loads an image.
 * `data:` is included for images too: an SVG data URL can carry script, and bundle images
 * should be files anyway.
 */
const UNSAFE_SCHEMES = ['javascript', 'vbscript', 'data'] as const;

export type UnsafeScheme = (typeof UNSAFE_SCHEMES)[number];

/**
 * The unsafe scheme a URL would be treated as by a browser, or null when it is safe.
 *
 * Browsers strip leading/trailing C0 controls and spaces and delete tabs/newlines anywhere
 * before reading the scheme, so `" java\tscript:"` still runs. We go further and drop every
 * control character and whitespace, and decode character references that survived parsing
 * (`&#106;avascript:`), so no spelling slips through; false positives are only possible for
 * URLs that no author writes on purpose.
 */
export function unsafeScheme(url: string): UnsafeScheme | null {
  const normalized = decodeReferences(url)
    // eslint-disable-next-line no-control-regex -- control characters are exactly the point
    .replace(/[\u0000-\u0020\u007f-\u009f\s]+/g, '')
    .toLowerCase();
  const colon = normalized.indexOf(':');
  if (colon < 0) return null;
  const scheme = normalized.slice(0, colon);
  return (UNSAFE_SCHEMES as readonly string[]).includes(scheme) ? (scheme as UnsafeScheme) : null;
}

const NAMED: Record<string, string> = { colon: ':', tab: '\t', newline: '\n', amp: '&' };

/** Numeric and the few relevant named references; applied repeatedly for nested encodings. */
function decodeReferences(url: string): string {
  let previous = '';
  let current = url;
  // Bounded: each round only shrinks the string.
  for (let round = 0; round < 5 && current !== previous && current.includes('&'); round++) {
    previous = current;
    current = current.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (whole, ref: string) => {
      if (ref[0] === '#') {
        const hex = ref[1] === 'x' || ref[1] === 'X';
        const code = Number.parseInt(ref.slice(hex ? 2 : 1), hex ? 16 : 10);
        return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      return NAMED[ref.toLowerCase()] ?? whole;
    });
  }
  return current;
}

/** Shortened for messages: URLs can be megabytes long (data: images). */
export function shortUrl(url: string): string {
  return JSON.stringify(url.length > 60 ? url.slice(0, 57) + '...' : url);
}
