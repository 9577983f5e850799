import { posix } from 'node:path';
import type { Entry } from '../../content/index.js';
import type { SiteGraph } from '../../graph/index.js';
import type { IncludeResult, LinkResolution, RenderContext } from '../../markdown/types.js';
import type { ImageAnswer } from '../../images/store.js';

const SCHEME = /^[a-z][a-z0-9+.-]*:|^\/\//i;

export interface LinkEnv {
  graph: SiteGraph;
  basePath: string;
  /** Site paths of files in public/ (`/img/a.png`), for root-relative image checks. */
  publicFiles: ReadonlySet<string>;
  /** Processed images by decoded URL path (src/images/store.ts); absent: images are left as `<img>`. */
  images?: ReadonlyMap<string, ImageAnswer>;
  /** Reads files named by code fences, `(folder of the Markdown file, path as written)`. */
  includes?: (fromDir: string, written: string) => IncludeResult;
}

/**
 * How links written in Markdown become URLs. Relative links to `.md` files (and bundle files) are
 * resolved from the folder of the file they are written in, exactly as on GitHub, and rewritten to
 * the target's final URL. Root-relative links (`/about/`) get the base path of subpath deploys.
 */
export function renderContext(entry: Entry, env: LinkEnv): RenderContext {
  const resolve = (href: string, image: boolean): LinkResolution => {
    const raw = href.trim();
    if (!raw || raw.startsWith('#') || SCHEME.test(raw)) return { kind: 'keep' };
    const m = /^([^?#]*)(\?[^#]*)?(#.*)?$/.exec(raw)!;
    const pathPart = m[1] ?? '';
    const rest = (m[2] ?? '') + (m[3] ?? '');
    if (pathPart.startsWith('/')) {
      if (image && !env.publicFiles.has(safeDecode(pathPart))) {
        return {
          kind: 'broken',
          rule: 'image/missing',
          message: `Image ${pathPart} is not in public/. Add the file at public${safeDecode(pathPart)} or fix the path.`,
        };
      }
      return env.basePath === '/'
        ? { kind: 'keep' }
        : { kind: 'rewrite', href: env.basePath + raw.slice(1) };
    }
    if (!pathPart) return { kind: 'keep' };
    const target = posix.normalize(posix.join(entry.dir, safeDecode(pathPart)));
    if (target.startsWith('..')) {
      return {
        kind: 'broken',
        rule: image ? 'image/missing' : 'link/broken',
        message: `${href} points outside the project. Link to a file inside content/ or public/.`,
      };
    }
    const hit =
      env.graph.byFile.get(target) ?? env.graph.byFile.get(posix.join(target, 'index.md'));
    if (hit) {
      if (hit.excluded || !hit.url) {
        return {
          kind: 'broken',
          rule: 'link/excluded-target',
          message: `${href} points to ${target}, which is not published in this build because ${hit.excluded}.`,
        };
      }
      return { kind: 'rewrite', href: hit.url + rest, id: hit.id };
    }
    if (target.startsWith('public/') && env.publicFiles.has(target.slice(6))) {
      return { kind: 'rewrite', href: env.basePath + target.slice(7) + rest };
    }
    const ext = posix.extname(target);
    if (!ext && !image) return { kind: 'keep' };
    return {
      kind: 'broken',
      rule: image ? 'image/missing' : 'link/broken',
      message: `${href} resolves to ${target}, which does not exist. Relative links are resolved from the folder of this file; put images and files in the post's bundle folder (posts/<slug>/) or in public/.`,
    };
  };
  const includes = env.includes;
  return {
    file: entry.file,
    bodyLine: entry.bodyLine,
    resolveLink: (href) => resolve(href, false),
    resolveImage: (src) => withImage(resolve(src, true), src.trim(), env.images),
    ...(includes ? { readInclude: (p: string) => includes(entry.dir, p) } : {}),
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

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
