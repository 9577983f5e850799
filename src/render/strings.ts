/**
 * The `t` and `slot` filters: the theme's strings (`site.strings`, in the site's language) with
 * their `{name}` placeholders filled. Numbers are formatted with `Intl.NumberFormat` and plurals
 * chosen with `Intl.PluralRules` for the language the template passes, so the machine's locale
 * never shows.
 *
 *   {{ site.strings.pageOf | t: site.language, page: 2, total: 5 }}
 *   {{ site.strings.postCount | t: site.language, count: total }}
 */

type Formatters = { number: Intl.NumberFormat; plural: Intl.PluralRules };
const formatters = new Map<string, Formatters>();

function formattersFor(language: string): Formatters {
  let f = formatters.get(language);
  if (!f) {
    let locale = 'en';
    try {
      locale = Intl.getCanonicalLocales(language)[0] ?? 'en';
    } catch {
      // Not a BCP 47 tag: English digits and plurals rather than a failed build.
    }
    f = { number: new Intl.NumberFormat(locale), plural: new Intl.PluralRules(locale) };
    formatters.set(language, f);
  }
  return f;
}

/** LiquidJS hands keyword arguments (`page: 2`) to a filter as `[name, value]` pairs. */
function named(args: unknown[]): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const a of args)
    if (Array.isArray(a) && a.length === 2 && typeof a[0] === 'string') out.set(a[0], a[1]);
  return out;
}

export function translate(value: unknown, language: unknown, ...args: unknown[]): string {
  const f = formattersFor(typeof language === 'string' ? language : 'en');
  const values = named(args);
  let text: unknown = value;
  if (value && typeof value === 'object') {
    // A plural: the form for `count`, else `other`.
    const forms = value as Record<string, unknown>;
    const count = Number(values.get('count'));
    const form = Number.isFinite(count) ? forms[f.plural.select(count)] : undefined;
    text = form ?? forms['other'];
  }
  if (typeof text !== 'string') return '';
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!values.has(name)) return whole;
    const v = values.get(name);
    return typeof v === 'number' ? f.number.format(v) : String(v ?? '');
  });
}

/**
 * `[before, after]` of a filled string around `{name}`, so a template can put markup (a link)
 * where the placeholder was and keep every piece escaped. Without the placeholder, the whole
 * text comes first.
 */
export function slot(value: unknown, name: unknown): [string, string] {
  const text = typeof value === 'string' ? value : '';
  const mark = `{${String(name)}}`;
  const at = text.indexOf(mark);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + mark.length)];
}
