import path from 'node:path';
import type { Entry } from '../../content/index.js';
import { error, type Diagnostic } from '../../diagnostics/index.js';
import type { SiteGraph } from '../../graph/index.js';
import { checkCollisions } from '../../routes/collisions.js';
import type { PagePlan } from '../../routes/index.js';
import type { Resources } from '../resources.js';
import type { Scope } from '../state.js';
import type { GraphOutput } from './graph.js';
import { linkedLooseFiles } from './assets.js';
import type { BodiesOutput } from './markdown.js';
import type { PublicOutput } from './public.js';

/**
 * Checks of the whole site that need the graph and the planned pages: covers that exist, and no
 * two things writing the same output file (routes/collisions.ts).
 */
export function coverChecks(scope: Scope, graph: GraphOutput, pub: PublicOutput): Diagnostic[] {
  if (scope.kind === 'partial') return scope.last.coverDiagnostics;
  return checkCovers(scope.entries, graph.graph, pub.paths);
}

function checkCovers(
  entries: readonly Entry[],
  g: SiteGraph,
  publicFiles: ReadonlySet<string>,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const e of entries) {
    if (e.kind === 'author') {
      const bad =
        e.avatar && !/^[a-z][a-z0-9+.-]*:|^\/\//i.test(e.avatar) && !publicFiles.has(e.avatar);
      if (bad)
        out.push(
          error(
            'image/missing',
            `Avatar "${e.avatar}" is not a file in public/. Put the image in public/ and write its path from there ("/img/${e.id}.jpg"), or use an http(s) URL.`,
            { file: e.file, ...(e.keyLines.avatar ?? { line: 1, column: 1 }) },
          ),
        );
      continue;
    }
    const cover = 'cover' in e ? e.cover : undefined;
    if (!cover || /^[a-z][a-z0-9+.-]*:|^\/\//i.test(cover)) continue;
    const ok = cover.startsWith('/')
      ? publicFiles.has(cover)
      : g.byFile.has(path.posix.join(e.dir, cover));
    if (!ok)
      out.push(
        error(
          'image/missing',
          `Cover image "${cover}" does not exist. Put it beside the post in its bundle folder or in public/.`,
          { file: e.file, ...(e.keyLines.cover ?? { line: 1, column: 1 }) },
        ),
      );
  }
  return out;
}

/** No two things write the same file (a full run: a partial one adds no page, file or asset). */
export function collisionChecks(
  res: Resources,
  scope: Scope,
  plans: readonly PagePlan[],
  pub: PublicOutput,
  graph: GraphOutput,
  bodies: BodiesOutput,
): Diagnostic[] {
  if (scope.kind === 'partial') return [];
  return checkCollisions(
    plans,
    pub.files,
    scope.entries,
    graph.graph,
    res.config.basePath,
    linkedLooseFiles(bodies),
  );
}
