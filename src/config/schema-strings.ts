import { z } from 'zod';
import { UI_STRING_KEYS, type UiStringKey } from './strings/index.js';

/**
 * The config's `strings`: any of the theme's strings replaced for this site. Strict, so a key
 * that is not a theme string is `config/unknown-key` with a "did you mean".
 */
const uiString = z.union(
  [
    z.string(),
    z.strictObject({
      zero: z.string().optional(),
      one: z.string().optional(),
      two: z.string().optional(),
      few: z.string().optional(),
      many: z.string().optional(),
      other: z.string(),
    }),
  ],
  {
    message:
      'use a text, or plural forms with at least "other" ({ one: "{count} post", other: "{count} posts" })',
  },
);

const shape = Object.fromEntries(UI_STRING_KEYS.map((k) => [k, uiString.optional()])) as Record<
  UiStringKey,
  z.ZodOptional<typeof uiString>
>;

export const stringsSchema = z
  .strictObject(shape)
  .default({})
  .meta({
    title: '{ [string]: text }',
    description:
      "The theme's strings in the site's `language` come from its table (English, German, French, Spanish, Portuguese, Japanese, Chinese; English for other languages); a key here replaces one. `{name}` is filled in; a plural is an object with one text per plural category (`one`, `other`, ...). Every key and its English text: [UI strings](#ui-strings).",
    examples: [
      {
        readMore: 'Continue reading',
        postCount: { one: '{count} essay', other: '{count} essays' },
      },
    ],
  });
