import { baseUrlOf, languageTag, lowerKeys, readConfigFile } from '../config-files.js';
import type { ImportConfig } from '../model.js';
import type { Report } from '../report.js';
import { isMap, str, strings } from '../source.js';

/** Hugo's site configuration, read for what the importer needs. */
export interface HugoConfig {
  file?: string;
  contentDir: string;
  config: ImportConfig;
  /** Section name -> Hugo permalink pattern. */
  permalinks: Record<string, string>;
  /** Taxonomy plural -> what it becomes. */
  taxonomies: Map<string, 'topic' | 'series' | 'author'>;
  /** Language codes other than the default one. */
  otherLanguages: Set<string>;
  /** Site params, keys lower-cased. */
  params: Record<string, unknown>;
}

export const HUGO_CONFIG_FILES = [
  'hugo.toml',
  'hugo.yaml',
  'hugo.yml',
  'hugo.json',
  'config.toml',
  'config.yaml',
  'config.yml',
  'config.json',
  'config/_default/hugo.toml',
  'config/_default/config.toml',
  'config/_default/hugo.yaml',
  'config/_default/config.yaml',
];

const DROPPED: Record<string, string> = {
  theme: 'themes are not imported (Colophon has its own templates)',
  enablerobotstxt: 'Colophon writes robots.txt itself',
  summarylength: 'Colophon ends excerpts at <!--more--> or the first paragraph',
  markup:
    'Colophon renders Markdown itself (raw HTML is allowed, headings get ids; see docs/markdown.md)',
  outputs: 'Colophon writes RSS, Atom and JSON feeds and a sitemap itself',
  defaultcontentlanguage: 'Colophon has one language per site',
  defaultcontentlanguageinsubdir: 'Colophon has one language per site',
  googleanalytics: 'no third-party scripts; add one in a template if you must',
  disqusshortname: 'no comments system; add one in a template if you must',
};

export function readHugoConfig(root: string, report: Report): HugoConfig | undefined {
  const found = readConfigFile(root, HUGO_CONFIG_FILES);
  const raw = found?.data ?? {};
  const lower = lowerKeys(raw) as Record<string, unknown>;
  const params = isMap(lower['params']) ? lower['params'] : {};
  const author = params['author'];
  const authorName =
    typeof author === 'string' ? author : isMap(author) ? str(author['name']) : undefined;
  const languages = isMap(lower['languages']) ? lower['languages'] : {};
  const defaultLang = str(lower['defaultcontentlanguage']) ?? 'en';
  const otherLanguages = new Set(Object.keys(languages).filter((l) => l !== defaultLang));
  const taxonomies = new Map<string, 'topic' | 'series' | 'author'>();
  const tax = isMap(lower['taxonomies'])
    ? lower['taxonomies']
    : { tag: 'tags', category: 'categories' };
  for (const plural of Object.values(tax).map(String))
    taxonomies.set(
      plural,
      plural === 'series' ? 'series' : plural === 'authors' ? 'author' : 'topic',
    );
  const goldmark = (
    lowerKeys(raw) as { markup?: { goldmark?: { parser?: { autoheadingidtype?: string } } } }
  ).markup?.goldmark;
  const idType = goldmark?.parser?.autoheadingidtype ?? 'github';
  const menu = (isMap(lower['menus']) ? lower['menus'] : isMap(lower['menu']) ? lower['menu'] : {})[
    'main'
  ];
  const permalinks = isMap(lower['permalinks'])
    ? (lower['permalinks'] as Record<string, unknown>)
    : {};
  const posts = str(permalinks['posts']) ?? str(permalinks['post']);
  const colophonPattern = posts?.replace(/:title|:slugorfilename/g, ':slug');
  // Hugo 0.128+ `[pagination] pagerSize`, before it `paginate`; 10 either way by default.
  const pagerSize = isMap(lower['pagination'])
    ? lower['pagination']['pagersize']
    : lower['paginate'];
  const config: ImportConfig = {
    // Hugo's home page RSS output; subscribers keep reading it (a reader follows no redirect page).
    feedAliases: { '/index.xml': 'rss' },
    ...(typeof pagerSize === 'number' && pagerSize >= 1 ? { pageSize: Math.floor(pagerSize) } : {}),
    ...(colophonPattern &&
    /^\/(?:[a-z0-9._~-]+\/|:(?:slug|year|month|day)\/)*$/i.test(colophonPattern)
      ? { postPattern: colophonPattern }
      : {}),
    title: str(lower['title']) ?? 'Imported site',
    baseUrl: baseUrlOf(str(lower['baseurl'])) ?? 'https://example.com/',
    description: str(params['description']) ?? str(lower['description']) ?? '',
    language: languageTag(str(lower['languagecode']) ?? defaultLang),
    ...(authorName ? { author: { name: authorName } } : {}),
    headingIds:
      idType === 'github-ascii'
        ? 'hugo-ascii'
        : idType === 'blackfriday'
          ? 'hugo-blackfriday'
          : 'hugo',
    menu: (Array.isArray(menu) ? menu : [])
      .filter(isMap)
      .sort((a, b) => Number(a['weight'] ?? 0) - Number(b['weight'] ?? 0))
      .map((m) => ({
        label: str(m['name']) ?? '',
        url: menuUrl(str(m['pageref']) ?? str(m['url']) ?? '/'),
      }))
      .filter((m) => m.label),
  };
  if (!baseUrlOf(str(lower['baseurl'])))
    report.todo(
      { file: found?.file ?? 'hugo.toml' },
      'The site has no baseURL; https://example.com/ was written. Set baseUrl in colophon.config.ts (or pass --base-url).',
    );
  for (const k of Object.keys(lower))
    if (DROPPED[k]) report.drop(k, DROPPED[k], { file: found?.file ?? '(config)' });
  return {
    ...(found ? { file: found.file } : {}),
    contentDir: str(lower['contentdir']) ?? 'content',
    config,
    permalinks: Object.fromEntries(Object.entries(permalinks).map(([k, v]) => [k, String(v)])),
    taxonomies,
    otherLanguages,
    params,
  };
}

/** A menu's pageRef (`/posts`) as the address it had (`/posts/`). */
function menuUrl(ref: string): string {
  if (/^[a-z]+:/i.test(ref)) return ref;
  const p = ('/' + ref.replace(/^\//, '')).replace(/\.md$/, '').replace(/\/_?index$/, '/');
  return /\.[a-z0-9]+$/i.test(p) || p.endsWith('/') ? p : `${p}/`;
}

/** Strings of a front-matter value, for taxonomies written as a string or a list. */
export const terms = (v: unknown): string[] =>
  strings(v)
    .map((s) => s.trim())
    .filter(Boolean);
