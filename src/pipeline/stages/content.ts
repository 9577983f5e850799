import { lstat } from 'node:fs/promises';
import {
  discoverContent,
  loadContent,
  loadEntry,
  type Entry,
  type LooseFile,
  type SourceFile,
} from '../../content/index.js';
import type { Diagnostic } from '../../diagnostics/index.js';
import type { Change } from '../state.js';
import type { Resources } from '../resources.js';

/** The content stage's output: every entry by file, and what it took to load them. */
export interface ContentOutput {
  entries: ReadonlyMap<string, Entry>;
  /** Source text by project-relative file, for code frames. */
  sources: ReadonlyMap<string, string>;
  /** Problems by file (`''`: discovery's own). */
  diagnostics: ReadonlyMap<string, readonly Diagnostic[]>;
  /** What discovery found, by file: an edit of a known file needs no new walk. */
  files: ReadonlyMap<string, SourceFile>;
  /** Files in content/ outside bundles, which pages may link to (published only if they do). */
  loose: readonly LooseFile[];
}

/**
 * Load every content file, or after a change only the changed ones. `rediscovered`: files were
 * added, removed or changed beside a bundle (its assets), which no partial run can take.
 */
export async function contentStage(
  res: Resources,
  last: ContentOutput | undefined,
  change: Change,
): Promise<{ content: ContentOutput; rediscovered: boolean }> {
  if (!last || change.kind === 'all') return { content: await loadAll(res), rediscovered: true };
  if (!change.content.length) return { content: last, rediscovered: false };
  const known = change.content.map((f) => last.files.get(f));
  const plain = await Promise.all(known.map((src) => (src ? isPlainFile(src.abs) : false)));
  const next = mutable(last);
  if (plain.every(Boolean)) {
    for (const src of known) await loadOne(res, next, src!);
    return { content: next, rediscovered: false };
  }
  await rediscover(res, next, change.content);
  return { content: next, rediscovered: true };
}

/** One walk of the content folder (it was walked twice: ~230 ms each at 4,000 posts). */
async function loadAll(res: Resources): Promise<ContentOutput> {
  const c = res.config;
  const r = await res.timer.time('content', () =>
    loadContent(c.root, c.contentDir, res.entryCache),
  );
  const diagnostics = new Map<string, Diagnostic[]>();
  for (const d of r.diagnostics) {
    const k = d.span?.file ?? '';
    diagnostics.set(k, [...(diagnostics.get(k) ?? []), d]);
  }
  return {
    entries: new Map(r.entries.map((e) => [e.file, e])),
    sources: r.sources,
    diagnostics,
    files: new Map(r.files.map((f) => [f.file, f])),
    loose: r.loose,
  };
}

interface MutableContent {
  entries: Map<string, Entry>;
  sources: Map<string, string>;
  diagnostics: Map<string, readonly Diagnostic[]>;
  files: ReadonlyMap<string, SourceFile>;
  loose: readonly LooseFile[];
}

/** A copy to change (the last output stays as it was: it belongs to the last run). */
function mutable(c: ContentOutput): MutableContent {
  return {
    entries: new Map(c.entries),
    sources: new Map(c.sources),
    diagnostics: new Map(c.diagnostics),
    files: c.files,
    loose: c.loose,
  };
}

async function loadOne(res: Resources, c: MutableContent, src: SourceFile): Promise<void> {
  const r = await loadEntry(src, res.entryCache);
  c.sources.set(src.file, r.source);
  c.diagnostics.set(src.file, r.diagnostics);
  if (r.entry) c.entries.set(src.file, r.entry);
  else c.entries.delete(src.file);
}

/** Files added, removed or beside a bundle: walk the folder again, load what is new. */
async function rediscover(res: Resources, c: MutableContent, files: readonly string[]) {
  const found = await discoverContent(res.config.root, res.config.contentDir);
  const byFile = new Map(found.files.map((f) => [f.file, f]));
  c.files = byFile;
  c.loose = found.loose;
  // Bundle assets change the owning entry's asset list: reload owners of touched folders too.
  for (const f of found.files)
    if (f.bundle && files.some((x) => x.startsWith(f.dir + '/'))) c.entries.delete(f.file);
  const todo = new Set(files.filter((f) => byFile.has(f)));
  for (const f of found.files) if (!c.entries.has(f.file)) todo.add(f.file);
  const forget = (f: string) => {
    c.entries.delete(f);
    c.sources.delete(f);
    c.diagnostics.delete(f);
  };
  for (const f of [...c.entries.keys()]) if (!byFile.has(f)) forget(f);
  for (const f of files) if (!byFile.has(f)) forget(f);
  for (const file of todo) await loadOne(res, c, byFile.get(file)!);
  c.diagnostics.set('', found.diagnostics);
}

async function isPlainFile(abs: string): Promise<boolean> {
  try {
    return (await lstat(abs)).isFile();
  } catch {
    return false;
  }
}

/** Every entry, in file order: what a full run works from. */
export function sortedEntries(c: ContentOutput): Entry[] {
  return [...c.entries.values()].sort((a, b) => (a.file < b.file ? -1 : 1));
}

/** The content problems, every file's. */
export function contentDiagnostics(c: ContentOutput): Diagnostic[] {
  return [...c.diagnostics.values()].flat();
}
