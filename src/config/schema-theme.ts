import { z } from 'zod';
import { contrast, mix, parseHex, type Rgb } from '../util/color.js';
import { doc } from './schema-fields.js';

/**
 * The config's `theme`: the default theme's accent colour for each scheme. Links, buttons and
 * chips are drawn in it, so it must read as text on the page and on its own tint: WCAG AA, 4.5:1
 * (the theme's Lighthouse and axe results depend on it).
 */

/** The theme's page backgrounds (public/css/site.css, `--bg`). */
export const THEME_BACKGROUNDS = { light: '#fbfaf7', dark: '#111318' } as const;
/** Share of the accent in its soft tint (`--accent-soft`, behind chips and badges). */
export const SOFT_TINT = 0.12;
const AA = 4.5;

/** Why an accent colour does not read on a scheme's background, or undefined when it does. */
export function accentProblem(hex: string, scheme: 'light' | 'dark'): string | undefined {
  const accent = parseHex(hex);
  if (!accent) return 'use a hex colour such as "#1e50c8" or "#15c"';
  const bg = parseHex(THEME_BACKGROUNDS[scheme])!;
  const soft: Rgb = mix(accent, bg, SOFT_TINT);
  const ratio = Math.min(contrast(accent, bg), contrast(accent, soft));
  if (ratio >= AA) return undefined;
  const fix = scheme === 'light' ? 'a darker' : 'a lighter';
  return `${hex} has a contrast of ${ratio.toFixed(2)}:1 on the ${scheme} scheme's background (${THEME_BACKGROUNDS[scheme]}) or its tint; links need 4.5:1 (WCAG AA): choose ${fix} colour`;
}

const accentColor = (scheme: 'light' | 'dark') =>
  z.string().superRefine((value, ctx) => {
    const problem = accentProblem(value, scheme);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const themeSchema = z
  .strictObject({
    accent: accentColor('light')
      .optional()
      .meta(
        doc(
          'Accent colour of links, buttons and chips in the light scheme (hex). It must reach 4.5:1 against the background and its own tint (WCAG AA), or the build stops with the ratio it has. The hover and tint colours are derived from it.',
          '#8a2be2',
        ),
      ),
    accentDark: accentColor('dark')
      .optional()
      .meta(
        doc(
          "Accent colour in the dark scheme (hex), checked the same way against the dark background. Without it, the dark scheme keeps the theme's own accent.",
          '#d0a8ff',
        ),
      ),
  })
  .prefault({});
