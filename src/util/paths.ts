import path from 'node:path';

/** Project-relative POSIX path, used in diagnostics, ids and output (never absolute paths). */
export function relPosix(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

/** True when `child` is `parent` or inside it (after resolving `..`). */
export function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
