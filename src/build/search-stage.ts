import { readFile } from 'node:fs/promises';
import type { StagedWriter } from '../output/index.js';
import type { PagePlan } from '../routes/index.js';
import type { PageManifest } from './pages.js';
import {
  assignShards,
  buildSearchIndex,
  shardCount,
  shardDir,
  shardKey,
  SEARCH_DIR,
  SHARDS_FILE,
  type ShardJob,
} from './search.js';
import type { Timer } from './timer.js';
import type { Diagnostic } from '../diagnostics/index.js';

export interface SearchStageInput {
  plans: readonly PagePlan[];
  manifest: PageManifest;
  language: string;
  shards: 'auto' | number;
  /** Where the previous build's shard keys are (undefined: no cache, build every shard). */
  keyFile: string | undefined;
}

export interface SearchStageResult {
  diagnostics: Diagnostic[];
  /** Key per shard, to store for the next build. */
  keys: string[];
  stats: { shards: number; built: number; kept: number };
}

/**
 * The search stage of a build: which shards of the index changed (a shard's key covers the bytes
 * of its pages), rebuild those into the staging folder, and link the others from the previous
 * output. Unchanged pages mean an unchanged shard, so a warm build does no search work at all.
 */
export async function searchStage(
  writer: StagedWriter,
  timer: Timer,
  input: SearchStageInput,
): Promise<SearchStageResult> {
  const html = Object.keys(input.manifest).filter((p) => p.endsWith('.html'));
  const searchable = input.plans.filter((p) => p.kind === 'html' && p.searchable);
  const count = shardCount(searchable.length, input.shards);
  // One part: Pagefind reads the whole output folder, as it always did (every page counts).
  const shards =
    count === 1
      ? [html.sort()]
      : assignShards(
          searchable.map((p) => p.outPath),
          count,
        );
  const version = await pagefindVersion();
  const keys = shards.map((pages, i) =>
    shardKey(version, input.language, i, count, pages, (p) => input.manifest[p]?.out ?? ''),
  );
  const previous = input.keyFile ? await readKeys(input.keyFile) : [];
  // One part is Pagefind over the whole folder; a part of many is its list of pages.
  const jobFor = (i: number): ShardJob =>
    count === 1 ? { index: 0 } : { index: i, pages: shards[i]! };
  const jobs: ShardJob[] = [];
  const kept: string[] = [];
  for (const [i, key] of keys.entries()) {
    if (previous[i] === key) kept.push(shardDir(i));
    else jobs.push(jobFor(i));
  }
  // Kept parts are linked from the previous output while Pagefind builds the others (it never
  // clears its output folder, and the parts' folders are disjoint): the main thread is idle
  // during Pagefind's work. A part missing from the previous output (deleted by hand) is built.
  const keeping = Promise.all(
    kept.map(async (dir): Promise<ShardJob | undefined> => {
      const i = dir === SEARCH_DIR ? 0 : Number(dir.slice(dir.lastIndexOf('/') + 1));
      // Shard 0's folder holds the other parts and shards.json (written again by any build).
      const exclude =
        i === 0
          ? [
              ...(count > 1 ? [`${SEARCH_DIR}/shard/`] : []),
              ...(jobs.length ? [`${SEARCH_DIR}/${SHARDS_FILE}`] : []),
            ]
          : [];
      const ok = await writer.keepTree(dir, exclude);
      return ok ? undefined : jobFor(i);
    }),
  );
  const build = (list: ShardJob[]) =>
    timer.time('search', () =>
      writer.track(async () => {
        await writer.materialize();
        return buildSearchIndex(writer.staging, input.language, list, count);
      }),
    );
  const diagnostics: Diagnostic[] = jobs.length ? await build(jobs) : [];
  const missing = (await keeping).filter((j): j is ShardJob => j !== undefined);
  if (missing.length && !diagnostics.length) diagnostics.push(...(await build(missing)));
  const built = jobs.length + missing.length;
  return { diagnostics, keys, stats: { shards: count, built, kept: count - built } };
}

async function readKeys(file: string): Promise<string[]> {
  try {
    const v = JSON.parse(await readFile(file, 'utf8')) as unknown;
    return Array.isArray(v) ? v.filter((k): k is string => typeof k === 'string') : [];
  } catch {
    return [];
  }
}

/** Part of every shard's key: a Pagefind upgrade rebuilds the index. */
async function pagefindVersion(): Promise<string> {
  try {
    const pkg = new URL('../package.json', import.meta.resolve('pagefind'));
    return (JSON.parse(await readFile(pkg, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}
