import type { Diagnostic } from '../diagnostics/index.js';
import type { OutputWriter } from '../output/index.js';
import { buildNow } from '../util/dates.js';
import type { Resources } from './resources.js';
import { Report } from './rules.js';
import { fullScope, NOTHING_PENDING, selectScope, type Pending } from './scope.js';
import { assetStage } from './stages/assets.js';
import { collisionChecks, coverChecks } from './stages/checks.js';
import { contentDiagnostics, contentStage, sortedEntries } from './stages/content.js';
import type { ContentOutput } from './stages/content.js';
import { checkFragments } from './stages/fragment-links.js';
import { graphStage } from './stages/graph.js';
import { imagePlanStage, imageWriteStage } from './stages/images.js';
import { bodyDiagnostics, markdownStage } from './stages/markdown.js';
import { pageStage, type ManifestEntry, type PageHooks, type PageRecords } from './stages/pages.js';
import { publicStage } from './stages/public.js';
import { routeStage } from './stages/routes.js';
import { socialPlanStage, socialWriteStage } from './stages/social.js';
import { templateStage } from './stages/templates.js';
import type { CardOutput } from '../social/write.js';
import { failure, type Change, type RunOutputs, type RunResult, type Scope } from './state.js';

/**
 * The pipeline: every stage, in order, in this file. A build runs it once over everything. `serve`
 * runs it again after each change: the same stages over what the change reaches (a `Scope`,
 * scope.ts), each taking the rest from the last run's outputs. The stages are functions in
 * stages/, one per file; each returns its output, and a successful run's outputs are all the
 * state the next run starts from.
 */

/** Where a run writes, and what the output folder held before it. */
export interface RunIO {
  writer: OutputWriter;
  /** The pages the output folder holds (the last run's, or a previous build's manifest). */
  pages: PageRecords;
  /** Keep a page's previous bytes (false when they are gone: it is rendered). */
  reuse: (outPath: string, previous: ManifestEntry) => Promise<boolean>;
  /** A stage that works from the written pages (search). */
  hooks?: PageHooks;
  /** The social cards the output folder holds, kept by key (a build's). */
  cards?: CardOutput;
}

/** What the pipeline keeps between runs. */
export interface PipelineState {
  /** The content as last loaded (a failed run loaded it too). */
  content: ContentOutput | undefined;
  /** The outputs of the last successful run. */
  last: RunOutputs | undefined;
  /** What changed since then besides content entries ('all': nothing can be taken from it). */
  pending: Pending | 'all';
}

export const FRESH: PipelineState = { content: undefined, last: undefined, pending: 'all' };

export async function runPipeline(
  res: Resources,
  state: PipelineState,
  change: Change,
  io: RunIO,
): Promise<{ state: PipelineState; result: RunResult }> {
  const { content, rediscovered } = await contentStage(res, state.content, change);
  const pending = merge(state.pending, change, rediscovered);
  const report = new Report(res.config.rules, res.options.strict);
  report.phase(contentDiagnostics(content));
  if (report.failed()) return { state: { ...state, content, pending }, result: report.failure() };

  const now = res.options.now ?? buildNow();
  const entries = () => sortedEntries(content);
  let scope: Scope = selectScope(state.last, pending, content, now, entries);
  let run = await runStages(res, scope, report.fork(), io, now);
  if (run === 'full') {
    scope = fullScope(state.last, pending, entries, content.loose);
    run = await runStages(res, scope, report.fork(), io, now);
  }
  if (run === 'full') throw new Error('A full run cannot ask for a full run.');
  if (!run.outputs) {
    // A full run may have written any page: the next run must be full too.
    const next = scope.kind === 'full' ? { ...asPending(pending), files: true } : pending;
    return { state: { ...state, content, pending: next }, result: run.result };
  }
  const last = { ...run.outputs, content, now: now.getTime() };
  return { state: { content, last, pending: NOTHING_PENDING }, result: run.result };
}

/** What the stages after content made: outputs only when the run succeeded. */
interface Stages {
  result: RunResult;
  outputs?: Omit<RunOutputs, 'content' | 'now'>;
}

/** Every stage after content, in order. 'full': a partial run found it cannot go on. */
async function runStages(
  res: Resources,
  scope: Scope,
  report: Report,
  io: RunIO,
  now: Date,
): Promise<Stages | 'full'> {
  // What the site is made of, and which pages it has.
  const graph = graphStage(res, scope, now);
  if (report.add(graph.diagnostics)) return fail(report);
  const pub = await publicStage(res, scope);
  report.add(pub.diagnostics);
  const images = await imagePlanStage(res, scope, graph, pub);
  report.add(images?.diagnostics ?? []);
  const bodies = await markdownStage(res, scope, graph, pub, images);
  if (bodies === 'full') return 'full';
  const coverDiagnostics = coverChecks(scope, graph, pub);
  const fragments = checkFragments(bodies.rendered);
  if (report.phase([...bodyDiagnostics(bodies), ...fragments, ...coverDiagnostics]))
    return fail(report);
  const social = socialPlanStage(res, scope, graph);
  const routes = routeStage(res, scope, { graph, bodies, social, images }, io.pages);
  const clash = collisionChecks(res, scope, routes.plans, pub, graph, bodies);
  if (clash.length) return fail(report, clash);
  const templates = await templateStage(res, scope);
  if (report.add(templates.diagnostics)) return fail(report);

  // The pages, then the files they link to.
  const pages = await pageStage(res, scope, routes, templates, io);
  if ('diagnostics' in pages) return fail(report, [], pages.diagnostics);
  await assetStage(res, scope, pub, graph, bodies, io.writer);
  const cards = await socialWriteStage(res, scope, social, graph, io.writer, io.cards);
  const imageStats = await imageWriteStage(res, scope, images, bodies, io.writer);

  const outputs = { graph, publicFiles: pub, images, bodies, coverDiagnostics, social, templates };
  const result: RunResult = {
    ok: true,
    diagnostics: report.list(),
    plans: routes.plans,
    excluded: graph.graph.excluded,
    pages: pages.records,
    rendered: pages.rendered,
    reused: pages.records.byPath.size - pages.rendered,
    bodiesRendered: bodies.fresh,
    bodiesCached: bodies.cached,
    ...(imageStats ? { images: imageStats } : {}),
    ...(cards ? { cards: { rendered: cards.rendered, cached: cards.cached } } : {}),
    ...(cards ? { cardRecords: cards.records } : {}),
    partial: scope.kind === 'partial',
  };
  return { outputs: { ...outputs, routes: routes.output }, result };
}

/** A failed run: the diagnostics so far, then `unphased` ones, then `phased` ones (rules applied). */
function fail(report: Report, unphased: Diagnostic[] = [], phased: Diagnostic[] = []): Stages {
  if (phased.length) report.phase(phased);
  return { result: failure([...report.list(), ...unphased]) };
}

function asPending(p: Pending | 'all'): Pending {
  return p === 'all' ? { templates: true, other: true, files: true } : p;
}

function merge(p: Pending | 'all', change: Change, rediscovered: boolean): Pending | 'all' {
  if (p === 'all' || change.kind === 'all') return 'all';
  return {
    templates: p.templates || change.templates,
    other: p.other || change.other,
    files: p.files || rediscovered,
  };
}
