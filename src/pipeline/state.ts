import type { Entry } from '../content/index.js';
import type { Diagnostic } from '../diagnostics/index.js';
import type { SiteGraph } from '../graph/index.js';
import type { Renderer } from '../render/index.js';
import { RouteData, TrackedDeps, type PagePlan, type RouteInputs } from '../routes/index.js';
import type { CachedBody } from './markdown/bodies.js';
import type { ImageStats } from '../images/store.js';
import type { LinkEnv } from './markdown/links.js';
import type { PageManifest } from './stages/pages.js';

/** The pipeline's options, its results, and what a run leaves for the next (pipeline.ts). */

export interface PipelineOptions {
  drafts: boolean;
  future: boolean;
  strict: boolean;
  /** Use the on-disk cache under config.cachePath. */
  cache: boolean;
  /** Undefined template variables are errors (build) or render empty (serve keeps going). */
  strictVariables: boolean;
  now?: Date;
  /** Markdown worker threads for cold builds; 0 renders on the main thread. Default: one per core. */
  workers?: number;
  /**
   * Keep every rendered body in memory between runs (a `serve` session rebuilds many times: reading
   * and parsing thousands of cached bodies from disk per rebuild cost ~2.4 s at 4,000 posts). A
   * one-shot build keeps only a bounded working set.
   */
  keepBodies?: boolean;
  /** The page manifest stays in memory (`serve`): pages skip what only a later process needs. */
  inMemoryManifest?: boolean;
}

export interface PipelineResult {
  ok: boolean;
  diagnostics: Diagnostic[];
  plans: PagePlan[];
  manifest: PageManifest;
  rendered: number;
  reused: number;
  bodiesRendered: number;
  bodiesCached: number;
  /** Image work of this run (absent when `images.enabled` is false or the run failed early). */
  images?: ImageStats;
  /** Social cards rendered now and taken from `.cache/cards/` (absent when cards are off). */
  cards?: { rendered: number; cached: number };
  /**
   * Only bodies and card-level front matter changed since the previous run (see quick.ts): pages
   * (and the social cards of retitled posts) were written, nothing else (public files, bundle
   * files, images) was, because none of it changed.
   */
  quick?: boolean;
}

/** What the last successful run worked from: the next run may redo only what a body edit touches. */
export interface LastRun {
  entries: Map<string, Entry>;
  now: number;
  graph: SiteGraph;
  /** Diagnostics of the stages a body edit cannot change, rules applied. */
  graphDiags: Diagnostic[];
  beforeMarkdownDiags: Diagnostic[];
  /** Missing covers: a quick pass changes no cover, no file list and no public file. */
  coverDiags: Diagnostic[];
  /** visibilityTimes of the entries. */
  times: number[];
  tplDiags: Diagnostic[];
  env: LinkEnv;
  publicFiles: Set<string>;
  rendered: Map<string, { file: string; result: CachedBody }>;
  routeInputs: RouteInputs;
  plans: PagePlan[];
  manifest: PageManifest;
  templates: Renderer;
  pub: unknown;
  readers?: Map<string, Set<string>>;
  /** Output paths per plan key of the full run's plans (narrowCardReaders). */
  paths?: Map<string, string[]>;
  /** The cards of the last pass: a body-only pass takes the unchanged ones from it. */
  routeData: RouteData | undefined;
}

export function routeDataOf(plans: readonly PagePlan[]): RouteData | undefined {
  for (const p of plans)
    if (p.deps instanceof TrackedDeps && p.deps.reads.source instanceof RouteData)
      return p.deps.reads.source;
  return undefined;
}

/** A run that stopped on these diagnostics: nothing planned, nothing published. */
export function failure(diagnostics: Diagnostic[]): PipelineResult {
  return {
    ok: false,
    diagnostics,
    plans: [],
    manifest: {},
    rendered: 0,
    reused: 0,
    bodiesRendered: 0,
    bodiesCached: 0,
  };
}
