import type { Entry } from '../../content/index.js';
import { entryId } from '../../content/index.js';
import { error, type Diagnostic } from '../../diagnostics/index.js';
import type {
  IncludeResult,
  LinkResolution,
  MarkdownRenderer,
  RenderContext,
  RenderedMarkdown,
} from '../../markdown/types.js';
import type { RenderedBody } from '../../routes/index.js';
import { bodyKey } from '../../cache/keys.js';
import { refusedBody } from '../../markdown/renderer.js';
import { hash, hashJson } from '../../util/hash.js';
import type { BodyCache } from './body-cache.js';
import { renderContext, type LinkEnv } from './links.js';
import type { BodyOutcome } from './body-worker.js';
import type { BodyWorkers } from './pool.js';

/** What the body cache stores: the output plus every link decision the render depended on. */
export interface CachedBody {
  body: RenderedBody;
  diagnostics: Diagnostic[];
  linkTargets: string[];
  fragmentLinks: RenderedMarkdown['fragmentLinks'];
  /**
   * [kind, href, resolution] for every link (0) and image (1) the render resolved, every file
   * a code fence included (2: path as written, stamp with the text's hash), every directive name
   * the body asked the site's templates about (3: name, stamp of its template or "none"), and
   * the list of the site's directive names when an error message needed it (4).
   */
  resolutions: [Resolution, string, string][];
}

/** What the cache records of an include: enough to notice any change, without the text itself. */
function includeStamp(r: IncludeResult): string {
  return JSON.stringify(r.kind === 'ok' ? { kind: 'ok', file: r.file, hash: hash(r.text) } : r);
}

type Resolution = 0 | 1 | 2 | 3 | 4;

function current(ctx: RenderContext, kind: Resolution, href: string): string {
  if (kind === 2) return ctx.readInclude ? includeStamp(ctx.readInclude(href)) : 'none';
  if (kind === 3) return ctx.directives?.stamp(href) ?? 'none';
  if (kind === 4) return ctx.directives?.names().join('\n') ?? '';
  return JSON.stringify(kind ? ctx.resolveImage(href) : ctx.resolveLink(href));
}

/**
 * A cached render of this body, if there is one and it is still valid. The key covers the body,
 * the pipeline and the file's position; the entry is valid only if every link it resolved still
 * resolves the same way (a renamed target changes the URL without changing this body).
 */
export function lookupBody(
  entry: Entry,
  ctx: RenderContext,
  digest: string,
  cache: BodyCache,
): CachedBody | undefined {
  const hit = cache.get(bodyKey(digest, entry));
  if (hit && hit.resolutions.every(([k, href, r]) => current(ctx, k, href) === r)) return hit;
  return undefined;
}

/** Render one entry's body, or reuse a valid cached render. */
export async function renderBody(
  entry: Entry,
  ctx: RenderContext,
  md: MarkdownRenderer,
  cache: BodyCache,
): Promise<CachedBody & { cached: boolean }> {
  const hit = lookupBody(entry, ctx, md.digest, cache);
  if (hit) return { ...hit, cached: true };
  const value = await renderFresh(entry, ctx, md);
  return { ...cache.set(bodyKey(md.digest, entry), value), cached: false };
}

/** Render one entry's body, recording every link, image and include decision it depended on. */
export async function renderFresh(
  entry: Entry,
  ctx: RenderContext,
  md: MarkdownRenderer,
): Promise<CachedBody> {
  const resolutions: CachedBody['resolutions'] = [];
  const record = (k: 0 | 1, href: string, r: LinkResolution) => {
    resolutions.push([k, href, JSON.stringify(r)]);
    return r;
  };
  const readInclude = ctx.readInclude?.bind(ctx);
  const directives = ctx.directives;
  const tracked: RenderContext = {
    ...ctx,
    resolveLink: (href) => record(0, href, ctx.resolveLink(href)),
    resolveImage: (src) => record(1, src, ctx.resolveImage(src)),
    ...(readInclude
      ? {
          readInclude: (p: string) => {
            const r = readInclude(p);
            resolutions.push([2, p, includeStamp(r)]);
            return r;
          },
        }
      : {}),
    ...(directives
      ? {
          directives: {
            has(name: string) {
              resolutions.push([3, name, directives.stamp(name)]);
              return directives.has(name);
            },
            names() {
              const names = directives.names();
              resolutions.push([4, '', names.join('\n')]);
              return names;
            },
            render: (call) => directives.render(call),
            stamp: (name) => directives.stamp(name),
          },
        }
      : {}),
  };
  const r = await md.render(entry.body, tracked);
  return { ...toCached(r), resolutions };
}

const toCached = (r: RenderedMarkdown): Omit<CachedBody, 'resolutions'> => ({
  body: toBody(r),
  diagnostics: r.diagnostics,
  linkTargets: r.linkTargets,
  fragmentLinks: r.fragmentLinks,
});

export function toBody(r: RenderedMarkdown): RenderedBody {
  const b = {
    html: r.html,
    excerptHtml: r.excerptHtml,
    hasMoreMarker: r.hasMoreMarker,
    toc: r.toc,
    headings: r.headings,
    wordCount: r.wordCount,
    readingMinutes: r.readingMinutes,
    anchors: r.anchors,
    // KaTeX output is the only source of this class in our pipeline.
    hasMath: r.html.includes('class="katex'),
  };
  return { ...b, hash: hashJson(b) };
}

/**
 * Every body of a run: cached ones looked up, the others rendered on the worker threads (or here,
 * with `workers: 0`). The result is in the order of `entries` (file order), whatever the order
 * workers finished in.
 */
export async function renderBodies(
  entries: readonly Entry[],
  env: LinkEnv,
  md: MarkdownRenderer,
  cache: BodyCache,
  workers: BodyWorkers | undefined,
): Promise<{
  rendered: Map<string, { file: string; result: CachedBody }>;
  fresh: number;
  cached: number;
}> {
  const results = new Map<Entry, CachedBody>();
  const misses: Entry[] = [];
  for (const e of entries) {
    const hit = lookupBody(e, renderContext(e, env), md.digest, cache);
    if (hit) results.set(e, hit);
    else misses.push(e);
  }
  const key = (e: Entry) => bodyKey(md.digest, e);
  const outcomes =
    workers && misses.length > 0 ? await workers.render(misses, env, key) : undefined;
  for (const e of misses) {
    const o = outcomes?.get(e);
    if (o) results.set(e, o.kind === 'ok' ? cache.adopt(key(e), o.wire) : stoppedBody(e, o));
    else {
      // A turn of the event loop between bodies: a signal (Ctrl-C) is handled between two renders,
      // each bounded (complexity.ts), instead of after the last one.
      await yieldToEvents();
      results.set(e, await renderBody(e, renderContext(e, env), md, cache));
    }
  }
  const rendered = new Map<string, { file: string; result: CachedBody }>();
  for (const e of entries) rendered.set(entryId(e), { file: e.file, result: results.get(e)! });
  return { rendered, fresh: misses.length, cached: entries.length - misses.length };
}

const yieldToEvents = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A body whose worker was stopped: over the time limit, or out of memory even without a heap
 * limit. Refused like a body over a bound, at its first line; never cached (a busy machine may
 * render it in time on the next run).
 */
function stoppedBody(e: Entry, o: Exclude<BodyOutcome, { kind: 'ok' }>): CachedBody {
  const why =
    o.kind === 'too-slow'
      ? `rendering it took over ${Math.round(o.ms / 1000)} s and was stopped`
      : 'rendering it ran out of memory';
  const diagnostic = error(
    'markdown/too-complex',
    `The Markdown is too complex to render in bounded time (${why}); the body is left empty. ` +
      `Split the document, or simplify its longest paragraphs, tables and lists.`,
    { file: e.file, line: e.bodyLine + leadingBlankLines(e.body), column: 1 },
  );
  return { ...toCached(refusedBody([diagnostic])), resolutions: [] };
}

const leadingBlankLines = (body: string): number =>
  /^(?:[ \t]*\r?\n)*/.exec(body)![0].split('\n').length - 1;
