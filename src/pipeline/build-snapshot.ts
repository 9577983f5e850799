import type { FileIndex } from '../cache/file-index.js';
import type { BuildResult } from './build-site.js';
import type { Pipeline } from './pipeline.js';
import { extraInputs, InputsSnapshot, validUntil, type BuildSnapshot } from './unchanged.js';

/** `build`'s side of the inputs snapshot (unchanged.ts): its key, saving it, and its result. */

export function inputsSnapshot(pipeline: Pipeline, manifestFile: string): InputsSnapshot {
  const { config, options: o } = pipeline.resources;
  const key = {
    o: [o.drafts, o.future, o.strict, o.strictVariables],
    out: config.outPath,
    base: config.baseUrl,
  };
  return new InputsSnapshot(config, `${manifestFile}.inputs`, key);
}

/** After a build without a diagnostic, what it read and made: a later build may be nothing. */
export async function saveSnapshot(
  s: InputsSnapshot,
  inputs: FileIndex,
  pipeline: Pipeline,
  r: BuildResult,
): Promise<void> {
  const last = pipeline.last;
  if (r.diagnostics.length || !last) return s.forget();
  const { config } = pipeline.resources;
  await s.save({
    inputs,
    extra: extraInputs(config, last),
    validUntil: validUntil(last.graph.times, last.now),
    summary: {
      pages: r.pages,
      files: r.files,
      excluded: r.excluded,
      bodies: r.bodiesRendered + r.bodiesCached,
      ...(r.cards ? { cards: r.cards } : {}),
      ...(r.images ? { images: r.images } : {}),
      ...(r.search ? { search: r.search } : {}),
    },
  });
}

/** A build that found every input as the last one left it: the output is already right. */
export function unchangedBuild(
  base: BuildResult,
  snapshot: BuildSnapshot,
  stages: [string, number][],
): BuildResult {
  const s = snapshot.summary;
  const all = s.pages + s.files;
  return {
    ...base,
    ok: true,
    pages: s.pages,
    files: s.files,
    excluded: s.excluded,
    reused: all,
    // Every file of the output is kept, as a build that runs the stages and changes nothing counts.
    unchanged: Object.keys(snapshot.output).length,
    bodiesCached: s.bodies,
    ...(s.cards ? { cards: { rendered: 0, cached: s.cards.rendered + s.cards.cached } } : {}),
    ...(s.images
      ? { images: { encoded: 0, reused: s.images.encoded + s.images.reused, probed: 0 } }
      : {}),
    ...(s.search ? { search: { shards: s.search.shards, built: 0, kept: s.search.shards } } : {}),
    stages,
  };
}
