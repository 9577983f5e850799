import { SOFT_TINT, THEME_BACKGROUNDS } from '../config/schema-theme.js';
import { contrast, mix, parseHex, toHex, type Rgb } from '../util/color.js';

/**
 * The config's accent colours as the theme's CSS custom properties, for a small `<style>` after
 * the stylesheet (no rule of site.css changes): the accent, its hover and tint, and the text
 * colour on it. Empty when the site keeps the theme's colours.
 */

const DEFAULTS = { light: '#1e50c8', dark: '#8fb2ff' };
/** The theme's text colours (`--text`): hover mixes the accent toward them. */
const TEXT = { light: '#1c1d21', dark: '#e6e6ea' };
const ON_ACCENT = ['#ffffff', '#0b1020'].map((h) => parseHex(h)!);

interface Tokens {
  accent: string;
  hover: string;
  soft: string;
  on: string;
}

function tokens(hex: string, scheme: 'light' | 'dark'): Tokens {
  const accent = parseHex(hex)!;
  const bg = parseHex(THEME_BACKGROUNDS[scheme])!;
  const on = ON_ACCENT.reduce((a: Rgb, b: Rgb) =>
    contrast(b, accent) > contrast(a, accent) ? b : a,
  );
  return {
    accent: toHex(accent),
    hover: toHex(mix(accent, parseHex(TEXT[scheme])!, 0.7)),
    soft: toHex(mix(accent, bg, SOFT_TINT)),
    on: toHex(on),
  };
}

export function themeCss(theme: { accent?: string; accentDark?: string }): string {
  if (!theme.accent && !theme.accentDark) return '';
  const l = tokens(theme.accent ?? DEFAULTS.light, 'light');
  const d = tokens(theme.accentDark ?? DEFAULTS.dark, 'dark');
  const both = (k: keyof Tokens) => `light-dark(${l[k]},${d[k]})`;
  const vars = (v: (k: keyof Tokens) => string) =>
    `--accent:${v('accent')};--accent-hover:${v('hover')};--accent-soft:${v('soft')};--on-accent:${v('on')}`;
  return `:root{${vars(both)}}@supports not (color:light-dark(#000,#fff)){:root{${vars((k) => l[k])}}}`;
}
