import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readSync,
  realpathSync,
} from 'node:fs';
import path from 'node:path';
import { isInside } from '../util/paths.js';

/** A file larger than this gets no code frame: a frame needs five lines, not a data dump. */
export const MAX_FRAME_SOURCE_BYTES = 4 * 1024 * 1024;

/**
 * The only text a code frame may be built from. First, text Colophon already read as project
 * content (`known`, by project-relative path: content files are read only where their links stay
 * inside the project). Otherwise a regular file inside the project reached without any symlink
 * (every folder from the root down and the file itself are checked, and the file is opened without
 * following a link). Never a link's target: a warning about `content/posts/evil.md -> ~/.aws/creds`
 * (or `-> /proc/self/environ`) printed the credentials (or the whole environment) in its frame.
 */
export function frameSource(
  root: string,
  file: string,
  known: ReadonlyMap<string, string>,
): string | undefined {
  const text = known.get(file);
  if (text !== undefined) return text;
  try {
    return readPlainProjectFile(root, file);
  } catch {
    return undefined;
  }
}

const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

function readPlainProjectFile(root: string, file: string): string | undefined {
  if (!file || path.isAbsolute(file) || file.includes('\0')) return undefined;
  const base = path.resolve(root);
  const abs = path.resolve(base, file);
  if (abs === base || !isInside(base, abs)) return undefined;
  let cur = base;
  const segments = path.relative(base, abs).split(path.sep);
  for (const [i, seg] of segments.entries()) {
    cur = path.join(cur, seg);
    const st = lstatSync(cur);
    if (st.isSymbolicLink()) return undefined;
    if (i < segments.length - 1 ? !st.isDirectory() : !st.isFile()) return undefined;
  }
  const seen = lstatSync(abs);
  if (seen.size > MAX_FRAME_SOURCE_BYTES) return undefined;
  // O_NONBLOCK: a FIFO swapped in after the checks cannot block the report.
  const fd = openSync(abs, OPEN_FLAGS);
  try {
    const st = fstatSync(fd);
    // The file opened is the one checked (not something swapped in since), and still inside.
    if (!st.isFile() || st.ino !== seen.ino || st.dev !== seen.dev) return undefined;
    if (st.size > MAX_FRAME_SOURCE_BYTES) return undefined;
    if (!isInside(realpathSync.native(base), realpathSync.native(abs))) return undefined;
    const buf = Buffer.alloc(st.size);
    let n = 0;
    while (n < buf.length) {
      const got = readSync(fd, buf, n, buf.length - n, n);
      if (got === 0) break;
      n += got;
    }
    return buf.subarray(0, n).toString('utf8');
  } finally {
    closeSync(fd);
  }
}
