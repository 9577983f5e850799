import { realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { error, type Diagnostic } from '../diagnostics/index.js';
import { isInside } from '../util/paths.js';

const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

/**
 * An output path (relative, POSIX) must stay inside the output folder on every OS: no `..`,
 * no absolute paths, no backslashes or drive letters, no NUL, no Windows reserved names.
 */
export function unsafeOutputPath(rel: string): string | undefined {
  if (!rel || rel.includes('\0')) return 'it is empty or contains a NUL byte';
  if (rel.startsWith('/') || /^[a-z]:/i.test(rel)) return 'it is absolute';
  if (rel.includes('\\')) return 'it contains a backslash';
  const segs = rel.split('/');
  if (segs.some((s) => s === '..' || s === '.' || s === ''))
    return 'it contains an empty, "." or ".." segment';
  if (segs.some((s) => RESERVED.test(s)))
    return 'it uses a name Windows reserves (CON, NUL, COM1, ...)';
  // Control characters are exactly what this check is for.
  // eslint-disable-next-line no-control-regex
  if (segs.some((s) => /[<>:"|?*\x00-\x1f]/.test(s)))
    return 'it contains characters that are not allowed in file names';
  return undefined;
}

/**
 * Refuse output folders whose replacement would destroy the project or the machine. Checked on
 * the path as given and on its real path: through a symlink (`--out /alias/blog` where `/alias`
 * links to the projects folder) the output folder was the project itself, and publishing moved
 * the project aside and deleted it.
 */
export function checkOutDir(
  outPath: string,
  root: string,
  contentDir: string,
): Diagnostic | undefined {
  const out = path.resolve(outPath);
  const bad = (why: string) =>
    error(
      'output/unsafe-out-dir',
      `Refusing to use ${out} as the output folder: ${why}. Choose a dedicated folder such as "dist".`,
    );
  const home = os.homedir();
  const why =
    unsafeOutDir(out, path.resolve(root), path.resolve(contentDir), path.resolve(home)) ??
    unsafeOutDir(realish(out), realish(root), realish(contentDir), realish(home));
  return why ? bad(why) : undefined;
}

function unsafeOutDir(
  out: string,
  root: string,
  contentDir: string,
  home: string,
): string | undefined {
  if (out === path.parse(out).root) return 'it is the file system root';
  if (out === home) return 'it is your home folder';
  if (out === root) return 'it is the project root';
  if (isInside(out, contentDir)) return 'it contains the content folder';
  if (isInside(out, root)) return 'it contains the project';
  if (isInside(out, home)) return 'it contains your home folder';
  for (const keep of ['templates', 'public', 'node_modules', 'src', '.git']) {
    const p = path.join(root, keep);
    if (out === p || isInside(out, p)) return `it is (or contains) the project's ${keep} folder`;
  }
  return undefined;
}

/** The real path of the longest existing prefix, plus the rest (the output may not exist yet). */
function realish(p: string): string {
  const rest: string[] = [];
  let cur = path.resolve(p);
  for (;;) {
    try {
      return path.join(realpathSync.native(cur), ...rest.reverse());
    } catch {
      const parent = path.dirname(cur);
      if (parent === cur) return path.resolve(p);
      rest.push(path.basename(cur));
      cur = parent;
    }
  }
}
