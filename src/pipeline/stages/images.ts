import type { Diagnostic } from '../../diagnostics/index.js';
import {
  checkCoverImages,
  coverImages,
  imageCandidates,
  type CoverRef,
} from '../../images/sources.js';
import type { ImagePlan, ImageStats } from '../../images/store.js';
import type { OutputWriter } from '../../output/index.js';
import type { Resources } from '../resources.js';
import { applyRules } from '../rules.js';
import type { Scope } from '../state.js';
import type { GraphOutput } from './graph.js';
import type { BodiesOutput } from './markdown.js';
import type { PublicOutput } from './public.js';

/** The image plan: every local image probed, its variants named, before Markdown renders. */
export interface ImagePlanOutput {
  plan: ImagePlan;
  /** Front-matter covers of entries the site shows: encoded like images in Markdown. */
  covers: CoverRef[];
  /** Rules applied. */
  diagnostics: Diagnostic[];
}

/**
 * Probe and plan every local image a page could show (content/ and public/ files), so that
 * Markdown knows each one's variants and size. A partial run changed no file: the last plan.
 */
export async function imagePlanStage(
  res: Resources,
  scope: Scope,
  graph: GraphOutput,
  pub: PublicOutput,
): Promise<ImagePlanOutput | undefined> {
  const store = res.images;
  if (!store) return undefined;
  if (scope.kind === 'partial') return scope.last.images;
  const { root, basePath, rules } = res.config;
  const g = graph.graph;
  // Files of content/ outside bundles too: an image a post embeds from there gets variants.
  const candidates = imageCandidates(
    [...scope.entries, { assets: g.looseFiles }],
    (f) => g.byFile.get(f)?.url,
    pub.files,
    root,
    basePath,
  );
  const plan = await res.timer.time('image probe', () =>
    store.plan(
      candidates,
      pub.files.map((f) => f.rel),
    ),
  );
  // Covers go through the same pipeline: their problems are errors at the `cover:` key.
  const covers = coverImages(scope.entries, g, basePath);
  const problems = [...plan.diagnostics, ...checkCoverImages(covers, plan.answers)];
  return { plan, covers, diagnostics: applyRules(problems, rules) };
}

/**
 * Encode (or copy from `.cache/images/`) the variants of the images the rendered bodies and
 * covers use. A partial run changed no image reference (markdown.ts makes sure): nothing to do.
 */
export async function imageWriteStage(
  res: Resources,
  scope: Scope,
  images: ImagePlanOutput | undefined,
  bodies: BodiesOutput,
  writer: OutputWriter,
): Promise<ImageStats | undefined> {
  const store = res.images;
  if (!store || !images || scope.kind === 'partial') return undefined;
  return res.timer.time('images', () =>
    store.write(
      images.plan,
      [...bodies.rendered.values()].map((r) => r.result),
      writer,
      images.covers.map((x) => x.url),
    ),
  );
}
