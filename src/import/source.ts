import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { splitFrontMatter } from '../content/front-matter.js';
import type { Report } from './report.js';

/**
 * Reading SRC: files, folders and front matter, with the same parser the build uses (gray-matter
 * with `yaml`, smol-toml for `+++`). Nothing here writes.
 */

export interface SourceText {
  data: Record<string, unknown>;
  body: string;
  bodyLine: number;
  /** 1-based line of a front-matter key (the first line when it cannot be found). */
  line(key: string): number;
  /** Front matter that did not parse: what the parser said. */
  problem?: string;
}

export function readSource(root: string, rel: string): SourceText {
  const text = readFileSync(path.join(root, rel), 'utf8').replace(/^\uFEFF/, '');
  const split = splitFrontMatter(text, rel);
  if (!split.ok) {
    const d = split.diagnostics[0];
    return {
      data: {},
      body: text,
      bodyLine: 1,
      line: () => 1,
      problem: d ? `line ${d.span?.line ?? 1}: ${d.message}` : 'front matter does not parse',
    };
  }
  const fm = split.fm;
  return {
    data: fm.data,
    body: fm.body,
    bodyLine: fm.bodyLine,
    line: (key) => fm.locate([key]).line,
  };
}

/** Every file below `dir` (SRC-relative, POSIX, sorted); dot-files and symlinks are skipped. */
export function listFiles(root: string, dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    let names: string[];
    try {
      names = readdirSync(path.join(root, rel)).sort();
    } catch {
      return;
    }
    for (const name of names) {
      if (name.startsWith('.')) continue;
      const child = rel ? `${rel}/${name}` : name;
      const st = statSync(path.join(root, child), { throwIfNoEntry: false });
      if (!st) continue;
      if (st.isDirectory()) walk(child);
      else if (st.isFile()) out.push(child);
    }
  };
  walk(dir);
  return out;
}

export const isFile = (abs: string) => statSync(abs, { throwIfNoEntry: false })?.isFile() === true;
export const isDir = (abs: string) =>
  statSync(abs, { throwIfNoEntry: false })?.isDirectory() === true;

export const THEME_TEMPLATES =
  'theme templates are not imported; Colophon has its own (templates/)';

/**
 * Folders of the old site's theme and tooling, named in the report as not imported (the author
 * should know their layouts, styles and archetypes did not come across). `themes/` is named one
 * theme at a time.
 */
export function reportThemeFolders(root: string, folders: [string, string][], report: Report) {
  for (const [dir, why] of folders) {
    if (dir === 'themes/' && isDir(path.join(root, 'themes'))) {
      const names = readdirSync(path.join(root, 'themes'), { withFileTypes: true });
      for (const t of names
        .filter((n) => n.isDirectory())
        .sort((a, b) => (a.name < b.name ? -1 : 1)))
        report.leave({ file: `themes/${t.name}/` }, why);
    } else if (dir !== 'themes/' && isDir(path.join(root, dir))) report.leave({ file: dir }, why);
  }
}

/** A value as a list of strings (a string alone, a list, or nothing). */
export function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return [];
}

export const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;

export function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date);
}

/** A content hash of SRC, for tests that prove the importer never writes there. */
export function hashTree(root: string): string {
  const h = createHash('sha256');
  for (const f of listFiles(root, ''))
    h.update(f)
      .update('\0')
      .update(readFileSync(path.join(root, f)));
  return h.digest('hex');
}

/**
 * An alias as the other generator published it: a site path (leading `/` added); a last segment
 * ending in `.html` is that file, anything else a folder (`<alias>/index.html`).
 */
export function aliasPath(a: string): string {
  const p = `/${a.trim().replace(/^\//, '')}`;
  return /\.html?$/i.test(p) || p.endsWith('/') ? p : `${p}/`;
}
