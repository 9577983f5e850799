import path from 'node:path';
import { outputPathFor } from '../../graph/index.js';
import type { OutputWriter } from '../../output/index.js';
import type { Resources } from '../resources.js';
import type { Scope } from '../state.js';
import type { GraphOutput } from './graph.js';
import type { BodiesOutput } from './markdown.js';
import type { PublicOutput } from './public.js';

/**
 * Copy public/ files, bundle files and the other files of content/ that a rendered body links to
 * or embeds (a partial run changed none of them: markdown.ts makes sure). Bundle files are
 * published beside their post: `posts/x/diagram.svg`. Their output path comes from
 * outputPathFor, which strips the base path: stripping only the leading "/" would write them to
 * `blog/posts/x/…` on subpath sites, and `/blog/posts/x/diagram.svg` would be a 404.
 */
export async function assetStage(
  res: Resources,
  scope: Scope,
  pub: PublicOutput,
  graph: GraphOutput,
  bodies: BodiesOutput,
  writer: OutputWriter,
): Promise<void> {
  if (scope.kind === 'partial') return;
  const { root, basePath } = res.config;
  await res.timer.time('assets', async () => {
    for (const f of pub.files) await writer.copy(f.rel, f.abs);
    for (const e of scope.entries) {
      // Posts' and pages' bundle files; those of excluded entries have no URL and stay unpublished.
      for (const a of e.assets) {
        const url = graph.graph.byFile.get(a)?.url;
        if (url) await writer.copy(outputPathFor(basePath, url), path.join(root, a));
      }
    }
    for (const file of linkedLooseFiles(bodies)) {
      const url = graph.graph.byFile.get(file)?.url;
      if (url) await writer.copy(outputPathFor(basePath, url), path.join(root, file));
    }
  });
}

/** Files of content/ outside bundles that rendered bodies link to or embed, sorted. */
export function linkedLooseFiles(bodies: BodiesOutput): string[] {
  const out = new Set<string>();
  for (const r of bodies.rendered.values())
    for (const id of r.result.linkTargets) if (id.startsWith('file:')) out.add(id.slice(5));
  return [...out].sort();
}
