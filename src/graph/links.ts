import { posix } from 'node:path';
import { withBase } from './permalinks.js';
import type { SiteGraph } from './types.js';

/**
 * How links and file references written in content become URLs: the other half of the URL
 * policy (permalinks.ts says where pages are; this says where a written reference points).
 */

const SCHEME = /^[a-z][a-z0-9+.-]*:|^\/\//i;

/** Where a link written in Markdown points: as written, rewritten to a URL, or nowhere (why). */
export type LinkTarget =
  | { kind: 'keep' }
  | { kind: 'rewrite'; href: string; id?: string }
  | { kind: 'broken'; rule: string; message: string };

/** What link resolution looks at. */
export interface LinkPolicy {
  graph: Pick<SiteGraph, 'byFile'>;
  basePath: string;
  /** Site paths of files in public/ (`/img/a.png`), for root-relative image checks. */
  publicFiles: ReadonlySet<string>;
  /**
   * Is there a file at this project-relative path? A link to a file that exists but is not
   * published says so, instead of claiming the file is missing (asked only for links that
   * resolve to nothing; the graph itself does no I/O).
   */
  exists?: (file: string) => boolean;
}

/**
 * A link (or image) written in the Markdown of a file in `fromDir`. Relative links to `.md` files
 * (and bundle files) are resolved from that folder, exactly as on GitHub, and rewritten to the
 * target's final URL. Root-relative links (`/about/`) get the base path of subpath deploys.
 */
export function resolveLink(
  policy: LinkPolicy,
  fromDir: string,
  href: string,
  image: boolean,
): LinkTarget {
  const raw = href.trim();
  if (!raw || raw.startsWith('#') || SCHEME.test(raw)) return { kind: 'keep' };
  const m = /^([^?#]*)(\?[^#]*)?(#.*)?$/.exec(raw)!;
  const pathPart = m[1] ?? '';
  const rest = (m[2] ?? '') + (m[3] ?? '');
  if (pathPart.startsWith('/')) {
    if (image && !policy.publicFiles.has(safeDecode(pathPart))) {
      return {
        kind: 'broken',
        rule: 'image/missing',
        message: `Image ${pathPart} is not in public/. Add the file at public${safeDecode(pathPart)} or fix the path.`,
      };
    }
    return policy.basePath === '/'
      ? { kind: 'keep' }
      : { kind: 'rewrite', href: policy.basePath + raw.slice(1) };
  }
  if (!pathPart) return { kind: 'keep' };
  const target = posix.normalize(posix.join(fromDir, safeDecode(pathPart)));
  if (target.startsWith('..')) {
    return {
      kind: 'broken',
      rule: image ? 'image/missing' : 'link/broken',
      message: `${href} points outside the project. Link to a file inside content/ or public/.`,
    };
  }
  const byFile = policy.graph.byFile;
  const hit = byFile.get(target) ?? byFile.get(posix.join(target, 'index.md'));
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
  if (target.startsWith('public/') && policy.publicFiles.has(target.slice(6))) {
    return { kind: 'rewrite', href: policy.basePath + target.slice(7) + rest };
  }
  const ext = posix.extname(target);
  if (!ext && !image) return { kind: 'keep' };
  const rule = image ? 'image/missing' : 'link/broken';
  if (policy.exists?.(target))
    return {
      kind: 'broken',
      rule,
      message: `${href} resolves to ${target}, which exists but is not published: Colophon publishes public/ and the files of content/ (not Markdown that is no post or page, nor folders named with "_" or "."). Move it beside this file in content/, or into public/.`,
    };
  return {
    kind: 'broken',
    rule,
    message: `${href} resolves to ${target}, which does not exist. Relative links are resolved from the folder of this file; put the file beside it in content/, or in public/.`,
  };
}

/**
 * A file reference from front matter (a cover, a social image) -> URL: an absolute URL as
 * written, a site path (`/img/a.png`, a public/ file) under the base path, or a file relative to
 * the entry's folder (a bundle file) at that file's URL.
 */
export function frontMatterUrl(
  graph: Pick<SiteGraph, 'byFile'>,
  basePath: string,
  dir: string,
  ref: string,
): string {
  if (SCHEME.test(ref)) return ref;
  if (ref.startsWith('/')) return withBase(basePath, ref);
  const target = graph.byFile.get(posix.join(dir, ref));
  return target?.url ?? withBase(basePath, '/' + posix.join(dir, ref));
}

/** A URL path as written, percent-escapes decoded (as written when malformed). */
export function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
