import type { Entry, LooseFile, PostEntry } from '../content/index.js';
import type { Diagnostic } from '../diagnostics/index.js';
import type { Excluded } from '../graph/index.js';
import type { DirectiveTemplates } from '../markdown/types.js';
import type { PagePlan } from '../routes/index.js';
import type { ImageStats } from '../images/store.js';
import type { ContentOutput } from './stages/content.js';
import type { GraphOutput } from './stages/graph.js';
import type { CardRecord } from '../social/write.js';
import type { PublicOutput } from './stages/public.js';
import type { ImagePlanOutput } from './stages/images.js';
import type { BodiesOutput } from './stages/markdown.js';
import type { SocialPlan } from '../social/plan.js';
import type { RoutesOutput } from './stages/routes.js';
import type { TemplatesOutput } from './stages/templates.js';
import type { PageRecords } from './stages/pages.js';

/**
 * The types that flow between runs of the pipeline (run.ts): its options, what changed, what a
 * run selects, what it leaves for the next run and what it reports.
 */

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
   * The pipeline runs again after changes (`serve`): it keeps every rendered body in memory
   * (reading and parsing thousands of cached bodies per rebuild cost ~2.4 s at 4,000 posts), keeps
   * the index of which page read what (a one-shot build never needs it), and its page records stay
   * in memory, so pages skip what only a later process needs (the hash of the card fields read).
   */
  session?: boolean;
}

/** What changed since the last run: everything (a build, a first run), or what `serve` saw. */
export type Change =
  | { kind: 'all' }
  | {
      kind: 'some';
      /** Project-relative content files created, changed or removed. */
      content: readonly string[];
      /** Template files: the templates are parsed again. */
      templates: boolean;
      /** Anything else (public/, snippets, an unknown file): public/ is listed again. */
      other: boolean;
    };

/** What a full run takes from the last run (scope.ts, `fullScope`). */
export interface Kept {
  templates?: TemplatesOutput;
  publicFiles?: PublicOutput;
  /** The directive templates the last bodies were rendered with (templates/directives/). */
  directives?: DirectiveTemplates;
}

/**
 * What a run covers. A full run runs every stage over everything. A partial run is what `serve`
 * does after an edit of the text (or the card-level front matter, scope.ts) of known content
 * files: the same stages, each taking what did not change from the last run (`last`) and
 * redoing only what the `changed` entries reach, down to the pages that read them.
 */
export type Scope =
  | {
      kind: 'full';
      /** Every entry, in file order. */
      entries: readonly Entry[];
      /** Files in content/ outside bundles (published when a page links to them). */
      loose: readonly LooseFile[];
      /** Outputs of the last run that nothing since has touched (scope.ts, `fullScope`). */
      keep: Kept;
    }
  | {
      kind: 'partial';
      last: RunOutputs;
      /** Every entry that changed. */
      changed: readonly Entry[];
      /** The posts among them whose card-level front matter changed. */
      meta: readonly PostEntry[];
    };

/**
 * What a successful run leaves for the next: the finished output of each stage, nothing else.
 * A partial run starts from it; a full run takes from it only what its change cannot touch
 * (the parsed templates, the list of public/ files).
 */
export interface RunOutputs {
  content: ContentOutput;
  /** The run's "now" (ms): a partial run needs the same visibility of posts. */
  now: number;
  graph: GraphOutput;
  publicFiles: PublicOutput;
  /** Absent when `images.enabled` is false. */
  images: ImagePlanOutput | undefined;
  bodies: BodiesOutput;
  /** Covers that do not exist (a partial run changes no cover, file list or public file). */
  coverDiagnostics: Diagnostic[];
  social: SocialPlan;
  routes: RoutesOutput;
  templates: TemplatesOutput;
}

/** What a run reports. */
export interface RunResult {
  ok: boolean;
  diagnostics: Diagnostic[];
  /** The pages this run planned (all of them, in a full run). */
  plans: PagePlan[];
  /** Posts and pages the graph left out (drafts, future, expired), by file. */
  excluded: Excluded[];
  /** Every page of the output folder, as this run left it (absent when the run failed). */
  pages: PageRecords | undefined;
  rendered: number;
  reused: number;
  bodiesRendered: number;
  bodiesCached: number;
  /** Image work of this run (absent when `images.enabled` is false or the run did no image work). */
  images?: ImageStats;
  /** Social cards rendered now and taken from `.cache/cards/` (absent when cards are off). */
  cards?: { rendered: number; cached: number };
  /** What each social card in the output was made from (a full run's), for the next build. */
  cardRecords?: Record<string, CardRecord>;
  /** A partial run: only pages (and social cards of retitled posts) were written. */
  partial: boolean;
}

/** A run that stopped on these diagnostics: nothing planned, nothing published. */
export function failure(diagnostics: Diagnostic[]): RunResult {
  return {
    ok: false,
    diagnostics,
    plans: [],
    excluded: [],
    pages: undefined,
    rendered: 0,
    reused: 0,
    bodiesRendered: 0,
    bodiesCached: 0,
    partial: false,
  };
}
