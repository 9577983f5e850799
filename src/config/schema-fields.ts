import { z } from 'zod';

/**
 * Value shapes the config schema uses in several places, and `doc`, the metadata the generated
 * reference (docs/config-reference.md, `npm run docs:config`) is made from.
 */

/** A key's description and examples, read by `z.toJSONSchema` for the reference. */
export function doc(description: string, ...examples: unknown[]) {
  return { description, examples };
}

/** For a key whose example is code rather than data (a plugin list). */
export function docCode(description: string, exampleCode: string) {
  return { description, exampleCode };
}

export const pluginSpec = z
  .union([z.function(), z.tuple([z.function(), z.unknown()])])
  .meta({ title: 'plugin or [plugin, options]' });

/** Windows cannot store these names, with or without an extension (CON, con.html, COM1, ...). */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

export const permalinkPattern = z
  .string()
  .regex(/^\/(?:[a-z0-9._~-]+\/|:(?:slug|year|month|day)\/)*$/i, {
    message:
      'a permalink pattern starts and ends with "/" and uses only path segments and :slug, :year, :month, :day',
  })
  // The writer refuses such paths too, but only here can the error point at the key.
  .refine((p) => !p.split('/').some((s) => s === '.' || s === '..'), {
    message: 'a permalink pattern cannot have "." or ".." segments: pages would leave their folder',
  })
  .refine((p) => !p.split('/').some((s) => WINDOWS_RESERVED.test(s)), {
    message:
      'a permalink pattern cannot use a name Windows reserves (CON, PRN, AUX, NUL, COM1-9, LPT1-9) as a segment',
  })
  .meta({ title: 'permalink pattern' });

/**
 * A link the theme puts in an `href` (menu entries, the author's page). Browsers ignore
 * whitespace and control characters inside a scheme, so they are dropped before looking.
 */
export const linkUrl = z
  .string()
  .min(1)
  .refine(
    (u) => {
      // eslint-disable-next-line no-control-regex -- browsers strip exactly these before parsing
      const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(u.replace(/[\x00-\x20\x7f]/g, ''))?.[1];
      return scheme === undefined || !/^(?:javascript|vbscript|data)$/i.test(scheme);
    },
    {
      message:
        'use a path ("/about/"), an http(s) URL or a mailto: link; javascript:, vbscript: and data: URLs are not allowed',
    },
  )
  .meta({ title: 'link' });

export const severitySetting = z.enum(['error', 'warning', 'off']);
