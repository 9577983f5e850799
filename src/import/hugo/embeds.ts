import type { BodyContext } from '../context.js';
import { figure, gist, instagram, tweet, vimeo, youtube, type EmbedOut } from '../embeds.js';
import type { Place } from '../report.js';
import type { HugoCall } from './shortcodes.js';

/** Hugo's built-in embed shortcodes, with their positional forms. */
export function embed(
  name: string,
  c: HugoCall,
  ctx: BodyContext,
  at: Place,
): EmbedOut | undefined {
  const p = c.positional;
  const n = c.named;
  const from = `{{< ${name} >}}`;
  switch (name) {
    case 'youtube':
      return youtube({ id: n['id'] ?? p[0], start: n['start'], title: n['title'] }, ctx, at, from);
    case 'vimeo':
    case 'vimeo_simple':
      return vimeo({ id: n['id'] ?? p[0], title: n['title'] }, ctx, at, from);
    case 'gist':
      return gist(
        { user: n['user'] ?? p[0], id: n['id'] ?? p[1], file: n['file'] ?? p[2] },
        ctx,
        at,
        from,
      );
    case 'x':
    case 'tweet':
    case 'twitter':
    case 'twitter_simple':
    case 'tweet_simple':
    case 'x_simple':
      return tweet({ user: n['user'], id: n['id'] ?? p[1] ?? p[0] }, ctx, at, from);
    case 'instagram':
      return instagram({ id: n['id'] ?? p[0] }, ctx, at, from);
    case 'figure':
      return figure(
        {
          src: n['src'] ?? p[0],
          alt: n['alt'],
          caption: n['caption'],
          credit: n['attr'],
          creditLink: n['attrlink'],
          link: n['link'],
          title: n['title'],
        },
        ctx,
        at,
        from,
      );
    default:
      return undefined;
  }
}

/** Shortcodes whose output is plain text (a value, a link target): converted even inside code. */
export function textValue(
  name: string,
  c: HugoCall,
  ctx: BodyContext,
  at: Place,
): string | undefined {
  if (name === 'ref' || name === 'relref') return ref(c, ctx, at);
  if (name === 'param') return param(c, ctx, at);
  return undefined;
}

function ref(c: HugoCall, ctx: BodyContext, at: Place): string {
  const target = c.named['path'] ?? c.positional[0] ?? '';
  const hash = target.indexOf('#');
  const path = hash < 0 ? target : target.slice(0, hash);
  const fragment = hash < 0 ? '' : target.slice(hash);
  if (!path) {
    ctx.report.converted('{{< ref >}} -> link', at);
    return fragment;
  }
  const src = findRef(path, ctx);
  const link = src ? ctx.linkToSrc(src) : undefined;
  if (!link) {
    ctx.report.todo(
      at,
      `{{< ${c.name} "${target}" >}} names no imported page; the link was left pointing at "${target}". Fix the target.`,
    );
    return target;
  }
  ctx.report.converted('{{< ref >}} -> relative .md link', at);
  return link + fragment;
}

/**
 * Hugo's ref lookup: a path from content/ (with or without `.md`, a bundle folder), then relative
 * to the page's own folder, then a file name found once anywhere.
 */
export function findRef(path: string, ctx: BodyContext): string | undefined {
  const known = new Set([
    ...ctx.site.docs.map((d) => d.src),
    ...ctx.site.sections.map((s) => s.src),
  ]);
  const clean = path.replace(/^\.\//, '');
  const dir = ctx.file.slice(0, ctx.file.lastIndexOf('/'));
  const bases = clean.startsWith('/') ? ['content'] : ['content', dir];
  for (const base of bases) {
    const p = `${base}/${clean.replace(/^\//, '')}`.replace(/\/$/, '');
    for (const c of [p, `${p}.md`, `${p}/index.md`, `${p}/_index.md`]) if (known.has(c)) return c;
  }
  const name = clean.replace(/^.*\//, '');
  const hits = [...known].filter(
    (k) => k.endsWith(`/${name}`) || k.endsWith(`/${name}.md`) || k.endsWith(`/${name}/index.md`),
  );
  return hits.length === 1 ? hits[0] : undefined;
}

function param(c: HugoCall, ctx: BodyContext, at: Place): string {
  const key = c.named['name'] ?? c.positional[0] ?? '';
  const value = lookup(ctx.doc?.params ?? {}, key) ?? lookup(ctx.site.siteData, key);
  if (value === undefined || typeof value === 'object') {
    ctx.report.todo(
      at,
      `{{< param "${key}" >}} has no value in the page's or the site's params; nothing was written. Write the value.`,
    );
    return '';
  }
  ctx.report.converted('{{< param >}} -> its value', at);
  return String(value);
}

/** A dotted key, case-insensitively (Hugo lower-cases param keys). */
function lookup(data: Record<string, unknown>, key: string): unknown {
  let cur: unknown = data;
  for (const part of key.split('.')) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    const k = Object.keys(cur).find((x) => x.toLowerCase() === part.toLowerCase());
    if (k === undefined) return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}
