import { z } from 'zod';
import { dateProblem } from '../util/dates.js';

/**
 * Per-kind front-matter schemas. Strict: unknown keys are reported with a suggestion. Dates are
 * strings checked as real calendar dates; slugs are safe path segments.
 */

/** Names Windows cannot store as a file or folder, with or without an extension (`nul.txt` too). */
export const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
/** Characters no file name may hold on some supported system. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what it must find
export const UNSAFE_FILE_CHARS = /[<>:"|?*\\\x00-\x1f]/;

/**
 * A URL name becomes a file or folder name, which most file systems cap at 255 bytes; the build
 * needs room beside it (image variants, temporary names).
 */
export const MAX_NAME_BYTES = 200;
const TOO_LONG = 'a longer name cannot be a file name on every system';

export const slugSchema = z
  .string()
  .regex(/^[\p{Ll}\p{Lo}\p{Nd}]+(?:[-_.][\p{Ll}\p{Lo}\p{Nd}]+)*$/u, {
    message:
      'a slug uses lowercase letters, digits and single "-", "_" or "." between them (no "/", "..", spaces or uppercase)',
  })
  .refine((s) => !WINDOWS_RESERVED.test(s), {
    message: 'this slug is a reserved file name on Windows',
  })
  .superRefine((s, ctx) => {
    const n = Buffer.byteLength(s);
    if (n > MAX_NAME_BYTES)
      ctx.addIssue({
        code: 'custom',
        message: `a slug is at most ${MAX_NAME_BYTES} bytes long (this one has ${n}): ${TOO_LONG}`,
      });
  });

export const dateString = z.string().superRefine((s, ctx) => {
  const problem = dateProblem(s);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const dateField = z.union([dateString, z.number(), z.date()]).superRefine((v, ctx) => {
  if (typeof v !== 'string')
    ctx.addIssue({ code: 'custom', message: 'write the date as YYYY-MM-DD' });
});

const aliasPath = z
  .string()
  .regex(/^\/(?:[^/\\?#\s]+\/?)*$/, {
    message: 'an alias is a site path starting with "/", e.g. "/2019/05/old-url/"',
  })
  .refine(
    (s) => !s.split('/').some((seg) => seg === '..' || seg === '.' || /%2e|%2f|%5c|%00/i.test(seg)),
    {
      message: 'an alias may not contain "." or ".." segments or encoded separators',
    },
  )
  // An alias becomes a file path (after decodeURI): a malformed %-escape crashed the build (URIError),
  // and a reserved name or a character no file system takes crashed the writer.
  .superRefine((s, ctx) => {
    let decoded: string;
    try {
      decoded = decodeURI(s);
    } catch {
      ctx.addIssue({
        code: 'custom',
        message: 'an alias has a malformed %-escape (write "%25" for a literal "%")',
      });
      return;
    }
    const segs = decoded.split('/').filter(Boolean);
    if (segs.some((seg) => WINDOWS_RESERVED.test(seg)))
      ctx.addIssue({
        code: 'custom',
        message:
          'an alias may not use a name Windows reserves (CON, NUL, COM1, ... with or without an extension)',
      });
    const longest = Math.max(0, ...segs.map((seg) => Buffer.byteLength(seg)));
    if (longest > MAX_NAME_BYTES)
      ctx.addIssue({
        code: 'custom',
        message: `each part of an alias is at most ${MAX_NAME_BYTES} bytes long (one has ${longest}): ${TOO_LONG}`,
      });
    if (segs.some((seg) => UNSAFE_FILE_CHARS.test(seg)))
      ctx.addIssue({
        code: 'custom',
        message: 'an alias may not contain < > : " | ? * \\ or control characters',
      });
  });

/**
 * `url`: the one address of this entry, replacing its kind's permalink pattern (Hugo `url`, Zola
 * `path`, a Jekyll `permalink`). A folder path like every generated page (`/2025/06/26/Rust-1.88.0/`);
 * capitals and dots are kept as written, since the old address being kept had them.
 */
const urlPath = aliasPath.refine((s) => s.endsWith('/'), {
  message:
    'a url is a site path that starts and ends with "/", e.g. "/2019/05/old-url/"; for a ".html" address, use "aliases"',
});

// A topic name becomes a folder (topicId): "CON" would be topics/con/, which Windows cannot store.
const topicName = z
  .string()
  .min(1)
  .max(100)
  .refine((s) => !WINDOWS_RESERVED.test(topicId(s)), {
    message:
      'this topic name becomes a URL name Windows reserves (CON, NUL, COM1, ...); choose another',
  })
  .superRefine((s, ctx) => {
    // An empty name is already reported by min(1).
    if (s !== '' && topicId(s) === '')
      ctx.addIssue({
        code: 'custom',
        message: `a topic name needs a letter or a digit: ${JSON.stringify(s)} gives an empty URL name`,
      });
    const n = Buffer.byteLength(topicId(s));
    if (n > MAX_NAME_BYTES)
      ctx.addIssue({
        code: 'custom',
        message: `a topic name gives a URL name of at most ${MAX_NAME_BYTES} bytes (this one gives ${n}): ${TOO_LONG}`,
      });
  });

/** An author as a post names one: an author file's id, or a name (`Ada Lovelace`). */
const authorName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .refine((s) => topicId(s) !== '' && !WINDOWS_RESERVED.test(topicId(s)), {
    message:
      "this author name gives no usable URL name (empty, or one Windows reserves: CON, NUL, ...); write the author file's id",
  });

const absoluteUrl = z
  .string()
  .regex(/^https?:\/\/\S+$/, { message: 'use an absolute http(s) URL' });

/**
 * `cover` and `image` land in <img src> and og:image: a path (beside the post or in public/) or
 * an http(s) URL. Any other scheme is refused at the key, or `cover: javascript:...` (or
 * vbscript:, data:) would reach a card's <img src>. Browsers ignore whitespace and control
 * characters inside a scheme, so they are dropped before looking.
 */
const imageRef = z
  .string()
  .min(1)
  .refine(
    (s) => {
      // eslint-disable-next-line no-control-regex -- browsers strip exactly these before parsing
      const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(s.replace(/[\x00-\x20]/g, ''))?.[1];
      return scheme === undefined || /^https?$/i.test(scheme);
    },
    {
      message:
        'use a path or an http(s) URL; javascript:, vbscript:, data: and other schemes are not allowed',
    },
  );

export const postSchema = z.strictObject({
  title: z.string().trim().min(1, { message: 'a post needs a title' }),
  date: dateField,
  updated: dateField.optional(),
  description: z.string().optional(),
  topics: z.array(topicName).optional(),
  tags: z.array(topicName).optional(),
  authors: z.array(authorName).optional(),
  series: slugSchema.optional(),
  part: z.number().int().min(1).optional(),
  draft: z.boolean().optional(),
  expires: dateField.optional(),
  slug: slugSchema.optional(),
  aliases: z.array(aliasPath).optional(),
  url: urlPath.optional(),
  cover: imageRef.optional(),
  coverAlt: z.string().optional(),
  canonical: absoluteUrl.optional(),
  image: imageRef.optional(),
  toc: z.boolean().optional(),
});

export const seriesSchema = z.strictObject({
  title: z.string().trim().min(1, { message: 'a series needs a title' }),
  description: z.string().optional(),
  status: z.enum(['ongoing', 'complete']).default('ongoing'),
  planned: z.number().int().min(1).optional(),
  cover: imageRef.optional(),
  coverAlt: z.string().optional(),
  topics: z.array(topicName).optional(),
  image: imageRef.optional(),
  aliases: z.array(aliasPath).optional(),
  url: urlPath.optional(),
});

export const topicSchema = z.strictObject({
  title: z.string().trim().min(1, { message: 'a topic needs a title' }),
  description: z.string().optional(),
  cover: imageRef.optional(),
  coverAlt: z.string().optional(),
  image: imageRef.optional(),
  aliases: z.array(aliasPath).optional(),
  url: urlPath.optional(),
});

export const pageSchema = z.strictObject({
  title: z.string().trim().min(1, { message: 'a page needs a title' }),
  description: z.string().optional(),
  updated: dateField.optional(),
  slug: slugSchema.optional(),
  draft: z.boolean().optional(),
  aliases: z.array(aliasPath).optional(),
  url: urlPath.optional(),
  toc: z.boolean().optional(),
  image: imageRef.optional(),
});

export const authorSchema = z.strictObject({
  name: z.string().trim().min(1, { message: 'an author needs a name' }),
  avatar: imageRef.optional(),
  email: z.email({ message: 'not an e-mail address' }).optional(),
  links: z.array(absoluteUrl).optional(),
  aliases: z.array(aliasPath).optional(),
  url: urlPath.optional(),
});

export type PostFrontMatter = z.output<typeof postSchema>;
export type SeriesFrontMatter = z.output<typeof seriesSchema>;
export type TopicFrontMatter = z.output<typeof topicSchema>;
export type PageFrontMatter = z.output<typeof pageSchema>;
export type AuthorFrontMatter = z.output<typeof authorSchema>;

/**
 * Topic names in posts become ids the way Hugo "urlizes" tags: `Linux Kernel` -> `linux-kernel`.
 * "+" and "#" are spelled out first: stripped, `C`, `C++` and `C#` would all be the one topic `c`.
 */
export function topicId(name: string): string {
  return name
    .normalize('NFC')
    .trim()
    .toLowerCase()
    .replace(/\+/g, '-plus-')
    .replace(/#/g, '-sharp-')
    .replace(/[\s_]+/g, '-')
    .replace(/[^\p{L}\p{N}-]+/gu, '')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
}
