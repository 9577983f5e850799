import type { HeadingIdScheme, MarkdownOptions } from './types.js';

export const HEADING_ID_SCHEMES: readonly HeadingIdScheme[] = [
  'github',
  'zola',
  'hugo',
  'hugo-ascii',
  'hugo-blackfriday',
];

export const defaultMarkdownOptions: Readonly<MarkdownOptions> = Object.freeze({
  rawHtml: 'allow',
  themes: Object.freeze({ light: 'github-light', dark: 'github-dark' }),
  lineNumbers: false,
  math: true,
  sidenotes: true,
  headingIds: 'github',
  wordsPerMinute: 230,
  maxBodySize: 1024 * 1024,
  remarkPlugins: [],
  rehypePlugins: [],
});

/** Fills in defaults and rejects values that would make output meaningless. */
export function resolveOptions(options: Partial<MarkdownOptions> | undefined): MarkdownOptions {
  const d = defaultMarkdownOptions;
  // Listed one by one: callers pass wider objects (renderer options with a highlighter, config
  // sections) and only these fields may reach the processor and the digest.
  const o: MarkdownOptions = {
    rawHtml: options?.rawHtml ?? d.rawHtml,
    themes: {
      light: options?.themes?.light ?? d.themes.light,
      dark: options?.themes?.dark ?? d.themes.dark,
    },
    lineNumbers: options?.lineNumbers ?? d.lineNumbers,
    math: options?.math ?? d.math,
    sidenotes: options?.sidenotes ?? d.sidenotes,
    headingIds: options?.headingIds ?? d.headingIds,
    wordsPerMinute: options?.wordsPerMinute ?? d.wordsPerMinute,
    maxBodySize: options?.maxBodySize ?? d.maxBodySize,
    remarkPlugins: [...(options?.remarkPlugins ?? [])],
    rehypePlugins: [...(options?.rehypePlugins ?? [])],
  };
  if (!['allow', 'sanitize', 'escape'].includes(o.rawHtml)) {
    throw new Error(
      `markdown.rawHtml must be "allow", "sanitize" or "escape", not ${JSON.stringify(o.rawHtml)}`,
    );
  }
  if (!HEADING_ID_SCHEMES.includes(o.headingIds)) {
    throw new Error(
      `markdown.headingIds must be one of ${HEADING_ID_SCHEMES.map((s) => JSON.stringify(s)).join(', ')}, not ${JSON.stringify(o.headingIds)}`,
    );
  }
  if (!(o.wordsPerMinute > 0) || !Number.isFinite(o.wordsPerMinute)) {
    throw new Error(
      `markdown.wordsPerMinute must be a positive number, not ${String(o.wordsPerMinute)}`,
    );
  }
  if (!(o.maxBodySize > 0) || !Number.isFinite(o.maxBodySize)) {
    throw new Error(`markdown.maxBodySize must be a positive number, not ${String(o.maxBodySize)}`);
  }
  return o;
}
