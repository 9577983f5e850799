import { de } from './de.js';
import { en } from './en.js';
import { es } from './es.js';
import { fr } from './fr.js';
import { ja } from './ja.js';
import { pt } from './pt.js';
import type { UiString, UiStringKey, UiStrings, UiStringTable } from './types.js';
import { zh } from './zh.js';

export type * from './types.js';

/**
 * The theme's strings in the site's language: the table of its primary subtag (`pt-BR` → `pt`),
 * English for a language without one, then the config's `strings` over it.
 */
export const UI_LANGUAGES: Readonly<Record<string, UiStringTable>> = { en, de, fr, es, pt, ja, zh };

export const UI_STRING_KEYS = Object.keys(en) as UiStringKey[];

export function uiStrings(language: string, overrides: Partial<UiStrings> = {}): UiStrings {
  const primary = language.toLowerCase().split(/[-_]/)[0]!;
  const table = Object.hasOwn(UI_LANGUAGES, primary) ? UI_LANGUAGES[primary]! : en;
  const out: UiStrings = { ...table };
  for (const key of UI_STRING_KEYS) {
    const value = overrides[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** Scripts written right to left, for runtimes without `Intl.Locale#getTextInfo`. */
const RTL = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'ks', 'ps', 'sd', 'ug', 'ur', 'yi']);

/** `rtl` for a right-to-left language (ar, he, fa, ur, ...), from CLDR through `Intl.Locale`. */
export function textDirection(language: string): 'ltr' | 'rtl' {
  try {
    const locale = new Intl.Locale(language) as Intl.Locale & {
      getTextInfo?: () => { direction?: string };
      textInfo?: { direction?: string };
    };
    const info = locale.getTextInfo?.() ?? locale.textInfo;
    if (info?.direction) return info.direction === 'rtl' ? 'rtl' : 'ltr';
    return RTL.has(locale.language) ? 'rtl' : 'ltr';
  } catch {
    return 'ltr';
  }
}

/** A string with its `{name}` placeholders filled, for text the routes compose (page titles). */
export function fillString(text: UiString, values: Record<string, string | number> = {}): string {
  const s = typeof text === 'string' ? text : text.other;
  return s.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : whole,
  );
}

/** The strings public/js shows (site.js, search.js), handed to them in `<body data-strings>`. */
export const SCRIPT_STRING_KEYS = [
  'switchToLight',
  'switchToDark',
  'copy',
  'copyCode',
  'copyCodeNamed',
  'copied',
  'copiedAnnounce',
  'copyFailed',
  'searchResults',
  'searchResultsCapped',
  'noResults',
  'searchUnavailable',
] as const satisfies readonly UiStringKey[];

export function scriptStrings(strings: UiStrings): Partial<UiStrings> {
  return Object.fromEntries(SCRIPT_STRING_KEYS.map((k) => [k, strings[k]]));
}
