import { stringify } from 'yaml';
import type { ImportAuthor, ImportSite } from './model.js';
import type { Plan, PlannedDoc, PlannedHub } from './plan.js';

/** The text of DEST's files: Markdown with YAML front matter, and colophon.config.ts. */

function markdown(front: Record<string, unknown>, body: string): string {
  const clean = Object.fromEntries(
    Object.entries(front).filter(
      ([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0),
    ),
  );
  const yaml = stringify(clean, {
    lineWidth: 0,
    defaultStringType: 'PLAIN',
    defaultKeyType: 'PLAIN',
  });
  const text = body.replace(/^\s*\n/, '').replace(/\s+$/, '');
  return `---\n${yaml}---\n${text ? `\n${text}\n` : ''}`;
}

/** `2024-01-14T09:30:00.000+01:00` (TOML dates) -> `2024-01-14T09:30:00+01:00`. */
const day = (s: string | undefined) => s?.replace(/\.000(?=Z|[+-]\d|$)/, '');

export function docFile(d: PlannedDoc, body: string): string {
  const doc = {
    ...d.doc,
    date: day(d.doc.date),
    updated: day(d.doc.updated),
    expires: day(d.doc.expires),
  };
  if (doc.kind === 'page')
    return markdown(
      {
        title: doc.title,
        description: doc.description,
        updated: doc.updated,
        draft: doc.draft || undefined,
        url: d.url,
        aliases: d.aliases,
        toc: doc.toc,
        image: doc.image,
      },
      body,
    );
  return markdown(
    {
      title: doc.title,
      date: doc.date,
      updated: doc.updated,
      description: doc.description,
      topics: d.topics,
      series: d.series?.id,
      part: d.series?.part,
      authors: doc.authors,
      draft: doc.draft || undefined,
      expires: doc.expires,
      url: d.url,
      aliases: d.aliases,
      cover: doc.cover,
      coverAlt: doc.coverAlt,
      image: doc.image,
      canonical: doc.canonical,
      toc: doc.toc,
    },
    body,
  );
}

export function hubFile(h: PlannedHub, body: string): string {
  return markdown(
    { title: h.title, description: h.description, url: h.url, aliases: h.aliases },
    body,
  );
}

export function authorFile(a: ImportAuthor, avatar: string | undefined): string {
  // Colophon labels profile links by their host, so only the URLs are kept.
  const links = a.links.length ? a.links.map((l) => l.url) : undefined;
  return markdown({ name: a.name, avatar, links, email: a.email }, a.bio);
}

export function configFile(site: ImportSite, plan: Plan): string {
  const c = site.config;
  const defaults = {
    post: '/posts/:slug/',
    topic: '/topics/:slug/',
    series: '/series/:slug/',
    page: '/:slug/',
  };
  const permalinks = Object.fromEntries(
    Object.entries(plan.permalinks).filter(([k, v]) => defaults[k as keyof typeof defaults] !== v),
  );
  const markdownCfg: Record<string, unknown> = {};
  if (c.headingIds && c.headingIds !== 'github') markdownCfg['headingIds'] = c.headingIds;
  const config: Record<string, unknown> = {
    title: c.title,
    description: c.description || undefined,
    baseUrl: c.baseUrl,
    language: c.language,
    author: c.author,
    menu: c.menu.length ? c.menu : undefined,
    permalinks: Object.keys(permalinks).length ? permalinks : undefined,
    pagination: c.pageSize && c.pageSize !== 10 ? { pageSize: c.pageSize } : undefined,
    feeds:
      c.feedAliases && Object.keys(c.feedAliases).length ? { aliases: c.feedAliases } : undefined,
    redirects: Object.keys(plan.redirects).length ? plan.redirects : undefined,
    markdown: Object.keys(markdownCfg).length ? markdownCfg : undefined,
  };
  return `import { defineConfig } from 'colophon';

// Made by colophon import (${site.generator}); see IMPORT.md for what was converted and what needs a look.
export default defineConfig(${literal(config, 0)});
`;
}

/** A TypeScript literal in the project's style (single quotes, trailing commas). */
function literal(v: unknown, depth: number): string {
  const pad = '  '.repeat(depth + 1);
  const end = '  '.repeat(depth);
  if (typeof v === 'string')
    return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const flat =
    v && typeof v === 'object' ? Object.values(v).every((x) => typeof x !== 'object') : false;
  if (flat && depth > 0 && JSON.stringify(v).length < 70) return inline(v as object);
  if (Array.isArray(v)) {
    if (!v.length) return '[]';
    return `[\n${v.map((x) => `${pad}${literal(x, depth + 1)},`).join('\n')}\n${end}]`;
  }
  if (v && typeof v === 'object') {
    const entries = Object.entries(v).filter(([, x]) => x !== undefined);
    if (!entries.length) return '{}';
    const k = (s: string) => (/^[A-Za-z_$][\w$]*$/.test(s) ? s : literal(s, 0));
    return `{\n${entries.map(([key, x]) => `${pad}${k(key)}: ${literal(x, depth + 1)},`).join('\n')}\n${end}}`;
  }
  return 'undefined';
}

/** A short object or list on one line: `{ label: 'Posts', url: '/posts/' }`. */
function inline(v: object): string {
  if (Array.isArray(v)) return `[${v.map((x) => literal(x, 0)).join(', ')}]`;
  const k = (s: string) => (/^[A-Za-z_$][\w$]*$/.test(s) ? s : literal(s, 0));
  return `{ ${Object.entries(v)
    .filter(([, x]) => x !== undefined)
    .map(([key, x]) => `${k(key)}: ${literal(x, 0)}`)
    .join(', ')} }`;
}
