import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Entry } from '../../content/index.js';
import { resolveLink, safeDecode, type LinkPolicy } from '../../graph/index.js';
import type { ImageAnswer } from '../../images/store.js';
import type { DirectiveTemplates, LinkResolution, RenderContext } from '../../markdown/types.js';
import type { IncludeReader } from './includes.js';

/**
 * What bodies are rendered against: where links point, images, included files, directive
 * templates.
 */
export interface LinkEnv extends LinkPolicy {
  /** Processed images by decoded URL path (images/store.ts); absent: images are left as `<img>`. */
  images?: ReadonlyMap<string, ImageAnswer>;
  /** Reads files named by code fences, `(folder of the Markdown file, path as written)`. */
  includes?: IncludeReader;
  /** The site's directive templates (render/directives.ts), as the run found them. */
  directives?: DirectiveTemplates;
}

/**
 * The Markdown stage's view of the site for one entry: links resolve by the URL policy
 * (graph/links.ts), from the folder the entry is written in; local images carry their variants.
 */
export function renderContext(entry: Entry, env: LinkEnv): RenderContext {
  const includes = env.includes;
  return {
    file: entry.file,
    bodyLine: entry.bodyLine,
    resolveLink: (href) => resolveLink(env, entry.dir, href, false),
    resolveImage: (src) =>
      withImage(resolveLink(env, entry.dir, src, true), src.trim(), env.images),
    ...(includes ? { readInclude: (p: string) => includes(entry.dir, p) } : {}),
    ...(env.directives ? { directives: env.directives } : {}),
  };
}

/**
 * A local image the build processed: its resolution carries the picture data (whose URLs hold
 * the image's content hash, so the body cache sees an edited image), or becomes the image's
 * problem (corrupt, wrong extension, too large), reported at the image's position.
 */
function withImage(
  r: LinkResolution,
  raw: string,
  images: ReadonlyMap<string, ImageAnswer> | undefined,
): LinkResolution {
  if (!images || r.kind === 'broken') return r;
  const href = r.kind === 'rewrite' ? r.href : raw;
  if (r.kind === 'keep' && (!href.startsWith('/') || href.startsWith('//'))) return r;
  const answer = images.get(safeDecode(href.replace(/[?#].*$/, '')));
  if (!answer) return r;
  if ('rule' in answer) return { kind: 'broken', rule: answer.rule, message: answer.message };
  return {
    kind: 'rewrite',
    href,
    ...(r.kind === 'rewrite' && r.id !== undefined ? { id: r.id } : {}),
    image: answer.image,
  };
}

/** `LinkPolicy.exists`: whether a project-relative path names something on disk. */
export function projectFileExists(root: string): (file: string) => boolean {
  return (file) => existsSync(path.join(root, file));
}
