import path from 'node:path';
import { error, type Diagnostic } from '../diagnostics/index.js';
import { LockTimeoutError } from './lock.js';
import { UnsafePathError } from './writer.js';

/**
 * Failures of the output stage that are the machine's or the content's, not Colophon's: a full
 * disk, a read-only or immutable folder, a path that would leave the output folder, a build that
 * holds the lock too long. As diagnostics they print as `Build failed; dist was left as it was`
 * with exit code 1, instead of a stack trace calling them a bug (exit code 3).
 */
export function outputFailure(
  e: unknown,
  outPath: string,
  cachePath?: string,
): Diagnostic | undefined {
  if (e instanceof UnsafePathError) {
    return error(
      'output/unsafe-path',
      `${e.message} A slug, alias, permalink or file name would put a file outside the output folder (or give it a name Windows cannot store). Rename it.`,
    );
  }
  if (e instanceof LockTimeoutError) return error('output/locked', e.message);
  // A copy names its source in `path` and what could not be written in `dest`: both are shown.
  const sys = e as NodeJS.ErrnoException & { dest?: string };
  if (e instanceof Error && typeof sys.code === 'string' && typeof sys.syscall === 'string') {
    const why = IO_HINTS[sys.code] ?? 'the file system refused it';
    const where = `${sys.syscall}${sys.path ? ` ${sys.path}` : ''}${sys.dest ? ` to ${sys.dest}` : ''}`;
    const shown = path.relative(path.dirname(outPath), outPath) || outPath;
    if (cachePath && sys.path && isInside(cachePath, path.resolve(sys.path)))
      return error(
        'cache/io-error',
        `The build stopped on a file-system error (${sys.code}: ${why}) in ${where}, inside the cache folder ${cachePath}. ${cacheHint(cachePath)} ${shown} was left as it was.`,
      );
    return error(
      'output/io-error',
      `The build stopped on a file-system error (${sys.code}: ${why}) in ${where}. ${shown} was left as it was. ${IO_FIXES[sys.code] ?? 'Fix the cause, then build again.'}`,
    );
  }
  return undefined;
}

/** What to do about a cache that fails: it holds nothing that cannot be made again. */
export const cacheHint = (cachePath: string): string =>
  `The cache only makes builds faster and is safe to delete: rm -rf ${cachePath} (or build with --no-cache).`;

const isInside = (dir: string, p: string): boolean => {
  const rel = path.relative(dir, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

const IO_HINTS: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'the file is larger than this process may write',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted; is the folder read-only or immutable?',
  EROFS: 'read-only file system',
  ENOTDIR: 'a file is in the way where a folder is needed',
  EEXIST: 'something is in the way',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  EIO: 'input/output error',
  ENAMETOOLONG: 'a file name is longer than the file system allows',
};

const IO_FIXES: Record<string, string> = {
  ENOSPC: 'Free some space on the disk that holds it, then build again.',
  EDQUOT: 'Free some space within your quota, then build again.',
  EFBIG: 'Raise the file size limit (ulimit -f), then build again.',
  EACCES: 'Make the folder writable for you, or choose another output folder (--out).',
  EPERM: 'Make the folder writable (chattr -i, chmod), or choose another output folder (--out).',
  EROFS: 'Choose an output folder on a writable disk (--out).',
  EMFILE: 'Raise the open-file limit (ulimit -n), then build again.',
  ENFILE: 'Close other programs or raise the system open-file limit, then build again.',
  ENAMETOOLONG: 'Shorten the slug, alias or file name it comes from.',
};
