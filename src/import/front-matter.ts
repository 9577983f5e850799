import type { ImportDoc } from './model.js';
import type { Report } from './report.js';
import type { SourceText } from './source.js';

/** Why a front-matter key of another generator is not kept, for the report. */
const REASONS: Record<string, string> = {
  layout: 'Colophon chooses the template by kind (post, page)',
  type: 'Colophon chooses the template by kind (post, page)',
  template: 'Colophon chooses the template by kind (post, page)',
  page_template: 'Colophon chooses the template by kind (post, page)',
  weight: 'Colophon orders posts by date (and series parts by part)',
  keywords: 'not used by Colophon (topics are)',
  menu: 'menus are set in colophon.config.ts',
  comments: 'Colophon has no comments system',
  share: 'not used by Colophon',
  params: 'read by the shortcodes that used them (values inlined); otherwise not kept',
  extra: 'theme settings; not used by Colophon',
  cascade: 'front matter is written into each page instead',
  outputs: 'Colophon writes the outputs it needs',
  markup: 'Colophon renders Markdown itself',
  translationkey: 'Colophon has no translations yet',
  sitemap: 'Colophon writes the sitemap itself',
  math: 'math is on by default in Colophon',
  katex: 'math is on by default in Colophon',
  mathjax: 'math is on by default in Colophon',
  render: 'pages are always rendered',
  in_search_index: 'every post is searchable',
  insert_anchor_links: 'Colophon links headings itself',
  sort_by: 'Colophon lists newest first',
  paginate_by: 'set pagination.pageSize in colophon.config.ts',
  transparent: 'pages of a section also appear in its parent topics',
  generate_feeds: 'every topic has its own feed',
  redirect_from: 'became aliases',
  excerpt_separator: 'Colophon ends excerpts at <!--more-->',
};

/** Report every key of `data` that the reader did not use, with the reason. */
export function mapCommonKeys(
  doc: Pick<ImportDoc, 'src'>,
  data: Record<string, unknown>,
  used: readonly string[],
  file: string,
  src: Pick<SourceText, 'line'>,
  report: Report,
): void {
  const known = new Set(used.map((k) => k.toLowerCase()));
  for (const key of Object.keys(data)) {
    const k = key.toLowerCase();
    if (known.has(k)) continue;
    report.drop(key, REASONS[k] ?? 'no Colophon equivalent', { file, line: src.line(key) });
  }
  void doc;
}
