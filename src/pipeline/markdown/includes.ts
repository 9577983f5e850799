import { readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { IncludeResult } from '../../markdown/types.js';

/**
 * Files that code fences include (`file="./wal.rs"`): where a written path points, and reading
 * it with the project's confinement rules. Selecting lines and regions is the markdown stage's
 * (src/markdown/plugins/include-select.ts); it gets the text through RenderContext.readInclude.
 */

/** Larger files are refused: an include is a snippet, not a data dump. */
export const MAX_INCLUDE_BYTES = 1024 * 1024;

export type IncludeTarget =
  { ok: true; file: string } | { ok: false; rule: string; message: string };

/**
 * Where a path written in a fence points, as a project-relative POSIX path:
 * `./x` and `../x` are relative to the Markdown file's folder (`fromDir`), as on GitHub; any other
 * path is inside the snippets folder. Absolute paths, backslashes, paths leaving the project and
 * hidden files or folders (`.git/`, `.env`) are refused.
 */
export function resolveIncludePath(
  fromDir: string,
  written: string,
  snippets: string,
): IncludeTarget {
  const outside = (why: string): IncludeTarget => ({
    ok: false,
    rule: 'include/outside-project',
    message: `file="${written}" ${why}. Write a path relative to this post (file="./wal.rs") or inside the snippets folder ${snippetsLabel(snippets)} (file="wal/append.rs").`,
  });
  if (written.includes('\\')) return outside('uses backslashes; use "/" between folders');
  if (written.startsWith('/') || /^[a-z]:/i.test(written) || /^[a-z][a-z0-9+.-]*:/i.test(written))
    return outside('is absolute; only files of the project can be included');
  const relative = written.startsWith('./') || written.startsWith('../');
  const base = relative ? fromDir : path.posix.normalize(snippets.replace(/\\/g, '/'));
  const file = path.posix.normalize(path.posix.join(base, written));
  if (file === '..' || file.startsWith('../') || file === '.' || file === '')
    return outside('points outside the project');
  if (file.split('/').some((seg) => seg.startsWith('.')))
    return outside('is a hidden file or inside a hidden folder');
  return { ok: true, file };
}

/** `(folder of the Markdown file, path as written) -> the file's text, or why not`. */
export type IncludeReader = (fromDir: string, written: string) => IncludeResult;

export interface IncludeReaderOptions {
  /** Absolute project folder. */
  root: string;
  /** Snippets folder, project-relative (config `snippets`). */
  snippets: string;
}

/**
 * `(fromDir, written) -> IncludeResult`, synchronous (the markdown stage calls it while walking
 * the tree, and the body cache calls it again to check a cached render is still valid).
 * Symlinks are followed only when they stay inside the project.
 */
export function createIncludeReader(o: IncludeReaderOptions): IncludeReader {
  let realRoot: string | undefined;
  return (fromDir, written) => {
    const target = resolveIncludePath(fromDir, written, o.snippets);
    if (!target.ok) return { kind: 'error', rule: target.rule, message: target.message };
    const abs = path.join(o.root, ...target.file.split('/'));
    let real: string;
    try {
      real = realpathSync(abs);
      const st = statSync(real);
      if (!st.isFile()) return missing(o, fromDir, written, target.file, 'is a folder, not a file');
      if (st.size > MAX_INCLUDE_BYTES) {
        return {
          kind: 'error',
          rule: 'include/too-large',
          message: `${target.file} is ${Math.round(st.size / 1024)} KB; included files are limited to ${MAX_INCLUDE_BYTES / 1024} KB. Include a smaller file, or split out the part you show.`,
        };
      }
    } catch {
      return missing(o, fromDir, written, target.file, 'does not exist');
    }
    realRoot ??= realpathSync(o.root);
    const rel = path.relative(realRoot, real);
    if (rel.startsWith('..') || path.isAbsolute(rel)) {
      return {
        kind: 'error',
        rule: 'include/outside-project',
        message: `${target.file} is a symlink to a file outside the project; only files of the project can be included.`,
      };
    }
    const bytes = readFileSync(real);
    if (bytes.includes(0)) {
      return {
        kind: 'error',
        rule: 'include/binary-file',
        message: `${target.file} contains NUL bytes; only text files can be included.`,
      };
    }
    let text = bytes.toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { kind: 'ok', file: target.file, text };
  };
}

function snippetsLabel(snippets: string): string {
  return `(${snippets.replace(/\\/g, '/').replace(/\/+$/, '')}/)`;
}

/** "does not exist", with the other place the file could have been meant to be. */
function missing(
  o: IncludeReaderOptions,
  fromDir: string,
  written: string,
  file: string,
  why: string,
): IncludeResult {
  const relative = written.startsWith('./') || written.startsWith('../');
  const other = relative
    ? resolveIncludePath(fromDir, written.replace(/^(\.\.?\/)+/, ''), o.snippets)
    : resolveIncludePath(fromDir, './' + written, o.snippets);
  const exists = (f: string) => {
    try {
      return statSync(path.join(o.root, ...f.split('/'))).isFile();
    } catch {
      return false;
    }
  };
  let hint: string;
  if (other.ok && exists(other.file)) {
    const suggestion = relative ? written.replace(/^(\.\.?\/)+/, '') : './' + written;
    hint = ` There is ${other.file}: write file="${suggestion}" to include it (paths starting with ./ or ../ are relative to this post, others are inside ${snippetsLabel(o.snippets)}).`;
  } else {
    hint = relative
      ? ` Paths starting with ./ or ../ are relative to the folder of this post (${fromDir}/); add the file there or fix the path.`
      : ` Paths without ./ are inside the snippets folder ${snippetsLabel(o.snippets)}; add the file there, or write file="./${written}" for a file beside this post.`;
  }
  return { kind: 'error', rule: 'include/missing-file', message: `${file} ${why}.${hint}` };
}
