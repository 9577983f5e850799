import path from 'node:path';
import type { Entry } from '../content/index.js';
import { error, type Diagnostic } from '../diagnostics/index.js';
import { frontMatterUrl, type SiteGraph } from '../graph/index.js';
import type { ImageAnswer, ImageCandidate } from './store.js';

/** The local images a site could show: bundle files, public/ files, and front-matter covers. */

/** Candidates for the plan: bundle files of entries with a URL, and every public/ file. */
export function imageCandidates(
  entries: readonly { assets: readonly string[] }[],
  urlOf: (file: string) => string | undefined,
  publicFiles: readonly { rel: string; abs: string; source: string }[],
  root: string,
  basePath: string,
): ImageCandidate[] {
  const out: ImageCandidate[] = [];
  for (const e of entries) {
    for (const a of e.assets) {
      const url = urlOf(a);
      if (url) out.push({ file: a, abs: path.join(root, a), url });
    }
  }
  for (const f of publicFiles) out.push({ file: f.source, abs: f.abs, url: basePath + f.rel });
  return out;
}

/** A front-matter cover of an entry that has a page: where it is written, and its URL. */
export interface CoverRef {
  file: string;
  /** Position of the `cover:` key. */
  line: number;
  column: number;
  /** URL path with the base path, decoded (the key of ImagePlan.answers and jobs). */
  url: string;
}

/**
 * Local covers of the posts, series and topics the site shows: they go through the same
 * responsive-image pipeline as images in Markdown (routes look their picture data up by URL).
 */
export function coverImages(
  entries: readonly Entry[],
  graph: SiteGraph,
  basePath: string,
): CoverRef[] {
  const out: CoverRef[] = [];
  for (const e of entries) {
    if (
      e.kind === 'page' ||
      e.kind === 'author' ||
      !e.cover ||
      /^[a-z][a-z0-9+.-]*:|^\/\//i.test(e.cover)
    )
      continue;
    const shown =
      e.kind === 'post'
        ? graph.postById.has(e.id)
        : e.kind === 'series'
          ? graph.seriesById.has(e.id)
          : graph.topicById.has(e.id);
    if (!shown) continue;
    const at = e.keyLines.cover ?? { line: 1, column: 1 };
    out.push({
      file: e.file,
      line: at.line,
      column: at.column,
      url: decodeUrl(frontMatterUrl(graph, basePath, e.dir, e.cover)),
    });
  }
  return out;
}

/**
 * A cover that is corrupt, has the wrong extension or is too large: the same errors as for an
 * image in Markdown, at the `cover:` key of the front matter.
 */
export function checkCoverImages(
  covers: readonly CoverRef[],
  answers: ReadonlyMap<string, ImageAnswer> | undefined,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const c of covers) {
    const answer = answers?.get(c.url);
    if (answer && 'rule' in answer)
      out.push(
        error(answer.rule, answer.message, { file: c.file, line: c.line, column: c.column }),
      );
  }
  return out;
}

export function decodeUrl(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}
