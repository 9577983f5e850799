import { readFile, writeFile, mkdir, rename } from 'node:fs/promises';
import path from 'node:path';
import {
  loadConfig,
  persistTransforms,
  type ConfigOverrides,
  type ResolvedConfig,
} from '../config/index.js';
import { BuildFailure, type Diagnostic } from '../diagnostics/index.js';
import { checkOutDir, OutputLock, outputFailure, StagedWriter } from '../output/index.js';
import { hash } from '../util/hash.js';
import { manifestName } from '../cache/keys.js';
import { SearchStage } from '../search/stage.js';
import { onAbort } from './abort.js';
import { Pipeline } from './pipeline.js';
import { manifestOf, recordsOf, type ManifestEntry, type PageManifest } from './stages/pages.js';
import type { PipelineOptions } from './state.js';

export interface BuildOptions extends ConfigOverrides, Partial<PipelineOptions> {
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
  pages: number;
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
  const base = emptyResult();
  let config: ResolvedConfig;
  try {
    config = await loadConfig(
      root,
      { outDir: options.outDir, baseUrl: options.baseUrl, cacheDir: options.cacheDir },
      { cache: options.cache !== false },
    );
  } catch (e) {
    if (e instanceof BuildFailure) return { ...base, diagnostics: e.diagnostics };
    throw e;
  }
  const unsafe = checkOutDir(config.outPath, config);
  if (unsafe) return refusedBuild(config, unsafe);

  const opts: PipelineOptions = {
    drafts: options.drafts ?? false,
    future: options.future ?? false,
    strict: options.strict ?? false,
    cache: options.cache ?? true,
    strictVariables: options.strictVariables ?? true,
    ...(options.workers !== undefined ? { workers: options.workers } : {}),
    ...(options.now ? { now: options.now } : {}),
  };
  const pipeline = new Pipeline(config, opts, {
    outDir: options.outDir,
    baseUrl: options.baseUrl,
    cacheDir: options.cacheDir,
  });
  pipeline.timer.onStage = options.onStage;
  const lock = new OutputLock(config.outPath);
  const writer = new StagedWriter(config.outPath);
  // On SIGINT/SIGTERM: stop writing, remove the staging folder, release the lock (even if the
  // removal fails). Registered before the lock is taken, so that a signal just after taking it
  // cannot leave the lock file behind.
  let search: SearchStage | undefined;
  // Pagefind stops before a failed build's staging folder is removed (it may be writing there).
  const abort = async () => {
    await search?.close().catch(() => undefined);
    await writer.abort();
  };
  const unregister = onAbort(async () => {
    try {
      await abort();
    } finally {
      await lock.release();
    }
  });
  const release = () => lock.release();
  try {
    await mkdir(path.dirname(config.outPath), { recursive: true });
    await lock.acquire();
  } catch (e) {
    unregister();
    await lock.release();
    const d = outputFailure(e, config.outPath);
    if (d) return { ...base, config, outPath: config.outPath, diagnostics: [d] };
    throw e;
  }
  try {
    // The build goes ahead: the compiled config may now be saved in the cache (transform-cache.ts).
    if (options.cache !== false) persistTransforms();
    await writer.init();
    const manifestFile = path.join(
      config.cachePath,
      'pages',
      manifestName(config.outPath, opts.drafts, opts.future),
    );
    const previous = opts.cache ? await readManifest(manifestFile) : {};
    // Hard-link the previous bytes when they are still exactly what the manifest recorded.
    const reuse = (rel: string, prev: ManifestEntry) =>
      writer.linkPrevious(rel, (bytes) => hash(bytes) === prev.out, prev.stamp);
    // The search index is built while pages are written (search-stage.ts).
    search = config.search.enabled
      ? new SearchStage(writer, pipeline.timer, {
          language: config.language,
          shards: config.search.shards,
          keyFile: opts.cache ? `${manifestFile}.search` : undefined,
          previous,
        })
      : undefined;
    const r = await pipeline.run(
      { kind: 'all' },
      { writer, pages: recordsOf(previous), reuse, ...(search ? { hooks: search } : {}) },
    );
    const manifest = r.pages ? manifestOf(r.pages) : {};
    const result: BuildResult = {
      ...base,
      config,
      outPath: config.outPath,
      sources: pipeline.sources,
      diagnostics: r.diagnostics,
      pages: r.pages?.byPath.size ?? 0,
      rendered: r.rendered,
      reused: r.reused,
      written: writer.stats.written,
      unchanged: writer.stats.unchanged,
      bodiesRendered: r.bodiesRendered,
      bodiesCached: r.bodiesCached,
      ...(r.images ? { images: r.images } : {}),
      ...(r.cards ? { cards: r.cards } : {}),
    };
    if (!r.ok) {
      await abort();
      return { ...result, stages: [...pipeline.timer.stages] };
    }
    let searchKeys: string[] | undefined;
    if (search) {
      const done = await search.finish(manifest);
      if (done.diagnostics.length) {
        await abort();
        return {
          ...result,
          diagnostics: [...result.diagnostics, ...done.diagnostics],
          stages: [...pipeline.timer.stages],
        };
      }
      searchKeys = done.keys;
      result.search = done.stats;
    }
    await pipeline.timer.time('publish', () => writer.publish());
    if (opts.cache) {
      await writeManifest(manifestFile, manifest);
      if (searchKeys)
        await writeFile(`${manifestFile}.search`, JSON.stringify(searchKeys)).catch(
          () => undefined,
        );
    }
    return { ...result, ok: true, stages: [...pipeline.timer.stages] };
  } catch (e) {
    // The original error is the one to report, not a failure to clean up after it.
    await abort().catch(() => undefined);
    // A full disk, a read-only folder, a path that would leave the output folder: the build
    // failed and the output is as it was; a diagnostic (exit 1), not a crash calling it a bug.
    const d = outputFailure(e, config.outPath);
    if (d)
      return {
        ...base,
        config,
        outPath: config.outPath,
        sources: pipeline.sources,
        diagnostics: [d],
        stages: [...pipeline.timer.stages],
      };
    throw e;
  } finally {
    await search?.close().catch(() => undefined);
    unregister();
    await release();
  }
}

function emptyResult(): BuildResult {
  return {
    ok: false,
    diagnostics: [],
    sources: new Map(),
    outPath: '',
    pages: 0,
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

async function readManifest(file: string): Promise<PageManifest> {
  try {
    const m = JSON.parse(await readFile(file, 'utf8')) as unknown;
    return m && typeof m === 'object' && !Array.isArray(m) ? (m as PageManifest) : {};
  } catch {
    return {};
  }
}

async function writeManifest(file: string, m: PageManifest): Promise<void> {
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(`${file}.tmp`, JSON.stringify(m));
    await rename(`${file}.tmp`, file);
  } catch {
    // Only speed is lost.
  }
}
