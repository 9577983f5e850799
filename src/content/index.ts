import { sortDiagnostics, type Diagnostic } from '../diagnostics/index.js';
import { discoverContent, type LooseFile, type SourceFile } from './discover.js';
import type { Entry } from './entries.js';
import { loadEntry, type EntryCache } from './load.js';

export * from './entries.js';
export * from './discover.js';
export * from './load.js';
export { topicId } from './schemas.js';

export interface ContentResult {
  entries: Entry[];
  diagnostics: Diagnostic[];
  /** Source text by project-relative path, for code frames in reports. */
  sources: Map<string, string>;
  /** What discovery found (the pipeline keeps it: an edit of a known file needs no new walk). */
  files: SourceFile[];
  /** Files in content/ outside bundles that pages may link to (discover.ts). */
  loose: LooseFile[];
}

/** Discover and load every content file; all problems are collected, none thrown. */
export async function loadContent(
  root: string,
  contentDir: string,
  cache?: EntryCache,
): Promise<ContentResult> {
  const found = await discoverContent(root, contentDir);
  const diagnostics = [...found.diagnostics];
  const sources = new Map<string, string>();
  const results = await Promise.all(found.files.map((f) => loadEntry(f, cache)));
  const entries: Entry[] = [];
  results.forEach((r, i) => {
    sources.set(found.files[i]!.file, r.source);
    diagnostics.push(...r.diagnostics);
    if (r.entry) entries.push(r.entry);
  });
  return {
    entries,
    diagnostics: sortDiagnostics(diagnostics),
    sources,
    files: found.files,
    loose: found.loose,
  };
}
