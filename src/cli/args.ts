export class UsageError extends Error {}

/**
 * Run node:util parseArgs (or any argument check) and turn its errors into usage errors, which
 * the CLI reports with the command's help and exit code 2.
 */
export function usage<T extends { positionals: string[] }>(fn: () => T, maxPositionals = 0): T {
  let r: T;
  try {
    r = fn();
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (r.positionals.length > maxPositionals)
    throw new UsageError(`Unexpected argument "${r.positionals[maxPositionals]}".`);
  return r;
}
