import path from 'node:path';
import {
  loadConfig,
  persistTransforms,
  type ConfigOverrides,
  type ResolvedConfig,
} from '../config/index.js';
import { BuildFailure, type Diagnostic } from '../diagnostics/index.js';
import type { Excluded } from '../graph/index.js';
import { checkOutDir, outputFailure, type StagedWriter } from '../output/index.js';
import { SearchStage } from '../search/stage.js';
import { buildNow } from '../util/dates.js';
import { hash } from '../util/hash.js';
import { Pipeline } from './pipeline.js';
import { SavedPages } from './saved-pages.js';
import { inputsSnapshot, saveSnapshot, unchangedBuild } from './build-snapshot.js';
import { Staging } from './staging.js';
import { manifestOf, recordsOf, type ManifestEntry } from './stages/pages.js';
import type { PipelineOptions, RunResult } from './state.js';

export interface BuildOptions extends ConfigOverrides, Partial<Omit<PipelineOptions, 'session'>> {
  /** Project folder (holds colophon.config.ts and content/). Default: cwd. */
  root?: string;
  /** Called as each stage starts (the CLI shows it as a one-line status on a terminal). */
  onStage?: (stage: string) => void;
}

export interface BuildResult {
  ok: boolean;
  diagnostics: Diagnostic[];
  /** Source text by project-relative path, for code frames. */
  sources: ReadonlyMap<string, string>;
  outPath: string;
  /** HTML pages planned (what `check` counts), and the other files generated (feeds, sitemap). */
  pages: number;
  files: number;
  /** Posts and pages left out of this build (drafts, future, expired), by file. */
  excluded: Excluded[];
  rendered: number;
  reused: number;
  written: number;
  unchanged: number;
  bodiesRendered: number;
  bodiesCached: number;
  /** Image variants encoded and reused from `.cache/images/` (absent when images are off). */
  images?: { encoded: number; reused: number; probed: number };
  /** Social cards rendered and reused from `.cache/cards/` (absent when cards are off). */
  cards?: { rendered: number; cached: number };
  /** Search index parts (re)built and kept from the previous output (absent when search is off). */
  search?: { shards: number; built: number; kept: number };
  /** Milliseconds per stage, in order. */
  stages: [string, number][];
  config?: ResolvedConfig;
  /** The output folder was refused before anything was read or written (the CLI's exit code 2). */
  refused?: boolean;
}

/**
 * Build a site into its output folder, atomically: render into a staging folder beside it and
 * swap it in only when every stage succeeded. On any failure the previous output is untouched.
 */
export async function buildSite(options: BuildOptions = {}): Promise<BuildResult> {
  const root = path.resolve(options.root ?? process.cwd());
  const overrides = {
    outDir: options.outDir,
    baseUrl: options.baseUrl,
    cacheDir: options.cacheDir,
  };
  let config: ResolvedConfig;
  try {
    config = await loadConfig(root, overrides, { cache: options.cache !== false });
  } catch (e) {
    if (e instanceof BuildFailure) return { ...emptyResult(), diagnostics: e.diagnostics };
    throw e;
  }
  const unsafe = checkOutDir(config.outPath, config);
  if (unsafe) return refusedBuild(config, unsafe);

  const pipeline = new Pipeline(config, pipelineOptions(options), overrides);
  pipeline.timer.onStage = options.onStage;
  const base = { ...emptyResult(), config, outPath: config.outPath };
  const staging = new Staging(config.outPath, config.root);
  const locked = await staging.acquire();
  if (locked) {
    await pipeline.close();
    return { ...base, diagnostics: [locked] };
  }
  try {
    // The build goes ahead: the compiled config may now be saved in the cache (transform-cache.ts).
    if (options.cache !== false) persistTransforms();
    return await stagedBuild(pipeline, staging, base);
  } catch (e) {
    // The original error is the one to report, not a failure to clean up after it.
    await staging.abort().catch(() => undefined);
    // A full disk, a read-only folder, a path that would leave the output folder: the build
    // failed and the output is as it was; a diagnostic (exit 1), not a crash calling it a bug.
    const d = outputFailure(
      e,
      config.outPath,
      options.cache !== false ? config.cachePath : undefined,
    );
    if (!d) throw e;
    const stages = [...pipeline.timer.stages];
    return { ...base, sources: pipeline.sources, diagnostics: [d], stages };
  } finally {
    await pipeline.close();
    await staging.close();
  }
}

function pipelineOptions(options: BuildOptions): PipelineOptions {
  return {
    drafts: options.drafts ?? false,
    future: options.future ?? false,
    strict: options.strict ?? false,
    cache: options.cache ?? true,
    strictVariables: options.strictVariables ?? true,
    ...(options.workers !== undefined ? { workers: options.workers } : {}),
    ...(options.now ? { now: options.now } : {}),
  };
}

/**
 * Run the pipeline into the staging folder, from the pages the last build saved; build the
 * search index while pages are written (search/stage.ts); publish; save the pages for the next
 * build.
 */
async function stagedBuild(
  pipeline: Pipeline,
  staging: Staging,
  base: BuildResult,
): Promise<BuildResult> {
  const { config, options } = pipeline.resources;
  const writer = staging.writer;
  await writer.init();
  const saved = new SavedPages(config, options.drafts, options.future);
  const snapshot = options.cache ? inputsSnapshot(pipeline, saved.file) : undefined;
  const now = (options.now ?? buildNow()).getTime();
  const inputs = snapshot && (await pipeline.timer.time('inputs', () => snapshot.check(now)));
  if (snapshot && inputs?.unchanged) {
    if (inputs.touched && inputs.inputs) await snapshot.refresh(inputs.unchanged, inputs.inputs);
    return unchangedBuild(base, inputs.unchanged, [...pipeline.timer.stages]);
  }
  const previous = options.cache ? await saved.read() : {};
  // Hard-link the previous bytes when they are still exactly what the manifest recorded.
  const reuse = (rel: string, prev: ManifestEntry) =>
    writer.linkPrevious(rel, (bytes) => hash(bytes) === prev.out, prev.stamp);
  const search = config.search.enabled
    ? new SearchStage(writer, pipeline.timer, {
        language: config.language,
        shards: config.search.shards,
        keyFile: options.cache ? saved.searchKeysFile : undefined,
        previous,
      })
    : undefined;
  staging.search = search;
  const hooks = search ? { hooks: search } : {};
  const cards = { previous: options.cache ? await saved.readCards() : {}, keep: keepCard(writer) };
  const r = await pipeline.run(
    { kind: 'all' },
    { writer, pages: recordsOf(previous), reuse, cards, ...hooks },
  );
  const result = resultOf(base, pipeline, r, staging);
  const stages = () => [...pipeline.timer.stages];
  if (!r.ok || !r.pages) {
    await staging.abort();
    return { ...result, stages: stages() };
  }
  const manifest = manifestOf(r.pages);
  const done = search ? await search.finish(manifest) : undefined;
  if (done?.diagnostics.length) {
    await staging.abort();
    return {
      ...result,
      diagnostics: [...result.diagnostics, ...done.diagnostics],
      stages: stages(),
    };
  }
  await pipeline.timer.time('publish', () => writer.publish());
  if (options.cache) await saved.write(manifest, done?.keys);
  if (options.cache && r.cardRecords) await saved.writeCards(r.cardRecords);
  const built = { ...result, ok: true, ...(done ? { search: done.stats } : {}) };
  if (snapshot && inputs?.inputs) await saveSnapshot(snapshot, inputs.inputs, pipeline, built);
  return { ...built, stages: stages() };
}

/** Keep a social card of the previous output, found unchanged by its key, if its stamp matches. */
const keepCard = (writer: StagedWriter) => (rel: string, stamp: string) =>
  writer.linkPrevious(rel, () => false, stamp);

function resultOf(base: BuildResult, pipeline: Pipeline, r: RunResult, s: Staging): BuildResult {
  return {
    ...base,
    sources: pipeline.sources,
    diagnostics: r.diagnostics,
    pages: r.plans.filter((p) => p.kind === 'html').length,
    files: r.plans.filter((p) => p.kind !== 'html').length,
    excluded: r.excluded,
    rendered: r.rendered,
    reused: r.reused,
    written: s.writer.stats.written,
    unchanged: s.writer.stats.unchanged,
    bodiesRendered: r.bodiesRendered,
    bodiesCached: r.bodiesCached,
    ...(r.images ? { images: r.images } : {}),
    ...(r.cards ? { cards: r.cards } : {}),
  };
}

function emptyResult(): BuildResult {
  return {
    ok: false,
    diagnostics: [],
    sources: new Map(),
    outPath: '',
    pages: 0,
    files: 0,
    excluded: [],
    rendered: 0,
    reused: 0,
    written: 0,
    unchanged: 0,
    bodiesRendered: 0,
    bodiesCached: 0,
    stages: [],
  };
}

/** A build refused for its output folder (output/out-dir.ts): nothing was touched. */
export function refusedBuild(config: ResolvedConfig, d: Diagnostic): BuildResult {
  return { ...emptyResult(), config, outPath: config.outPath, diagnostics: [d], refused: true };
}
