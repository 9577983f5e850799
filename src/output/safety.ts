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
