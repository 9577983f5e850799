import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSite } from '../../src/pipeline/index.js';
import type { Diagnostic } from '../../src/diagnostics/index.js';

export const FIXTURES = fileURLToPath(new URL('../fixtures/incremental/', import.meta.url));

/** The fixture sites' "now": posts dated after it are future posts. */
export const NOW = new Date('2025-06-01T00:00:00Z');

/**
 * Output that only `build` produces: the Pagefind search index is built after publishing by
 * `buildSite`, not by the pipeline that `serve` runs.
 */
const BUILD_ONLY = /^pagefind\//;

export async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), `colophon-${prefix}-`));
}

/** Copy a fixture site into a fresh temp folder; returns the copy's root. */
export async function copyFixture(name: string): Promise<string> {
  const dir = await tempDir(`inc-${name}`);
  const root = path.join(dir, 'site');
  await cp(path.join(FIXTURES, name), root, { recursive: true });
  return root;
}

/** Output files (POSIX relative path -> bytes), sorted by path. */
export async function readTree(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const list = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) =>
    e.isFile(),
  );
  const rels = list
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .filter((r) => !BUILD_ONLY.test(r))
    .sort();
  for (const rel of rels) out.set(rel, await readFile(path.join(dir, rel)));
  return out;
}

/** Paths that differ between two trees (missing on one side or different bytes), sorted. */
export function changedPaths(a: Map<string, Buffer>, b: Map<string, Buffer>): string[] {
  const out = new Set<string>();
  for (const [k, v] of a) {
    const w = b.get(k);
    if (!w || !w.equals(v)) out.add(k);
  }
  for (const k of b.keys()) if (!a.has(k)) out.add(k);
  return [...out].sort();
}

/** A readable description of how two trees differ (empty when byte-identical). */
export function describeDiff(actual: Map<string, Buffer>, expected: Map<string, Buffer>): string {
  const lines: string[] = [];
  for (const k of expected.keys()) if (!actual.has(k)) lines.push(`missing: ${k}`);
  for (const k of actual.keys()) if (!expected.has(k)) lines.push(`extra:   ${k}`);
  for (const [k, v] of expected) {
    const w = actual.get(k);
    if (w && !w.equals(v))
      lines.push(`differs: ${k}\n${firstDifference(w.toString('utf8'), v.toString('utf8'))}`);
  }
  return lines.join('\n');
}

function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const from = Math.max(0, i - 120);
  return `    incremental: …${JSON.stringify(a.slice(from, i + 120))}\n    full build:  …${JSON.stringify(b.slice(from, i + 120))}`;
}

export interface FullBuild {
  ok: boolean;
  diagnostics: Diagnostic[];
  tree: Map<string, Buffer>;
}

/** A fresh full build of `root` with no cache, into its own temp folder. */
export async function fullBuild(
  root: string,
  opts: { drafts?: boolean; future?: boolean } = {},
): Promise<FullBuild> {
  const dir = await tempDir('full');
  try {
    const outDir = path.join(dir, 'out');
    const r = await buildSite({
      root,
      outDir,
      cache: false,
      now: NOW,
      drafts: opts.drafts ?? false,
      future: opts.future ?? false,
    });
    return {
      ok: r.ok,
      diagnostics: r.diagnostics,
      tree: r.ok ? await readTree(outDir) : new Map(),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** `posts/x/index.html` -> `/posts/x/` (the fixtures are served at the root). */
export const urlOf = (rel: string) => '/' + rel.replace(/(^|\/)index\.html$/, '$1');

/** Errors as `code file:line:col`, sorted, to compare an incremental failure with a full one. */
export function errorKeys(list: readonly Diagnostic[]): string[] {
  return list
    .filter((d) => d.severity === 'error')
    .map((d) => `${d.rule} ${d.span ? `${d.span.file}:${d.span.line}:${d.span.column}` : '-'}`)
    .sort();
}
