import { Parser, Tokenizer } from 'htmlparser2';

const URL_ATTRS = new Set(['href', 'src', 'poster', 'cite', 'srcset']);

/**
 * Feed readers show content away from the site, so every root-relative or relative URL in a
 * post's HTML becomes absolute. htmlparser2's tokenizer gives the exact source range of each
 * attribute value; only those ranges are replaced and every other byte is kept. (A full parse and
 * re-serialisation cost ~25 ms per code-heavy post, the tokenizer ~1 ms.)
 */
export function absolutizeHtml(html: string, pageUrl: string): string {
  return rewriteUrls(html, (u) => absolute(u, pageUrl));
}

/**
 * A card's excerpt is shown on other pages (home, archive, topics, related posts): a `#fragment`
 * link in it must point into the post, not into the list page showing it.
 */
export function fragmentsTo(html: string, pageUrl: string): string {
  if (!html.includes('"#') && !html.includes("'#")) return html;
  return rewriteUrls(html, (u) => (u.startsWith('#') ? pageUrl + u : u));
}

function rewriteUrls(html: string, map: (url: string) => string): string {
  const edits: [number, number, string][] = [];
  let attr = '';
  const tokenizer = new Tokenizer(
    { decodeEntities: false },
    {
      onattribname: (s, e) => {
        attr = html.slice(s, e).toLowerCase();
      },
      onattribdata: (s, e) => {
        if (!URL_ATTRS.has(attr)) return;
        const raw = html.slice(s, e);
        const abs =
          attr === 'srcset'
            ? raw
                .split(',')
                .map((part) =>
                  part.replace(/^(\s*)(\S+)/, (_, ws: string, u: string) => ws + map(u)),
                )
                .join(',')
            : map(raw);
        if (abs !== raw) edits.push([s, e, abs]);
      },
      onattribend: () => {
        attr = '';
      },
      onattribentity: () => undefined,
      oncdata: () => undefined,
      onclosetag: () => undefined,
      oncomment: () => undefined,
      ondeclaration: () => undefined,
      onend: () => undefined,
      onopentagend: () => undefined,
      onopentagname: () => undefined,
      onprocessinginstruction: () => undefined,
      onselfclosingtag: () => undefined,
      ontext: () => undefined,
      ontextentity: () => undefined,
    },
  );
  tokenizer.write(html);
  tokenizer.end();
  if (!edits.length) return html;
  let out = '';
  let at = 0;
  for (const [s, e, v] of edits) {
    out += html.slice(at, s) + v;
    at = e;
  }
  return out + html.slice(at);
}

function absolute(u: string, base: string): string {
  // `#fragment` too: in a feed reader it would resolve against the feed's URL, not the post's.
  if (!u || /^[a-z][a-z0-9+.-]*:/i.test(u)) return u;
  try {
    return new URL(u, base).href;
  } catch {
    return u;
  }
}

/**
 * A body without its sidenotes (`<span class="sidenote">`, the margin copies of its footnotes):
 * feed readers show no margin, and the footnotes are at the end of the body anyway.
 */
export function withoutSidenotes(html: string): string {
  if (!html.includes('<span class="sidenote"')) return html;
  const cuts: [number, number][] = [];
  let depth = 0;
  let start = 0;
  const parser = new Parser(
    {
      onopentag: (name, attrs) => {
        if (name !== 'span') return;
        if (depth > 0) depth++;
        else if (attrs.class === 'sidenote') {
          depth = 1;
          start = parser.startIndex;
        }
      },
      onclosetag: (name) => {
        if (name !== 'span' || depth === 0) return;
        if (--depth === 0) cuts.push([start, parser.endIndex + 1]);
      },
    },
    { decodeEntities: false },
  );
  parser.write(html);
  parser.end();
  let out = '';
  let at = 0;
  for (const [s, e] of cuts) {
    out += html.slice(at, s);
    at = e;
  }
  return out + html.slice(at);
}

/** Plain text of an HTML fragment (entities decoded), for meta descriptions. */
export function htmlToText(html: string, max = 300): string {
  let text = '';
  const parser = new Parser({
    ontext: (t) => {
      if (text.length < max * 2) text += t;
    },
  });
  parser.write(html);
  parser.end();
  return text.replace(/\s+/g, ' ').trim().slice(0, max);
}
