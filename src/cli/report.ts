import pc from 'picocolors';
import {
  formatDiagnostic,
  frameSource,
  sortDiagnostics,
  type Diagnostic,
} from '../diagnostics/index.js';

export interface Out {
  log(line: string): void;
  err(line: string): void;
  color: boolean;
  tty: boolean;
}

export const processOut = (): Out => ({
  log: (l) => process.stdout.write(l + '\n'),
  err: (l) => process.stderr.write(l + '\n'),
  color: pc.isColorSupported && !!process.stderr.isTTY,
  tty: !!process.stderr.isTTY && !process.env.CI,
});

/**
 * Print every diagnostic, with a code frame only from text frameSource allows: what the build read
 * as project content, or a plain file inside the project (never through a symlink).
 */
export function printDiagnostics(
  out: Out,
  list: readonly Diagnostic[],
  sources: ReadonlyMap<string, string>,
  root: string,
): void {
  for (const d of sortDiagnostics(list)) {
    const src = d.span ? frameSource(root, d.span.file, sources) : undefined;
    out.err(formatDiagnostic(d, src, out.color) + '\n');
  }
  const errors = list.filter((d) => d.severity === 'error').length;
  const warnings = list.length - errors;
  if (list.length)
    out.err(
      `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`,
    );
}

export function formatStages(stages: readonly [string, number][]): string {
  return stages.map(([n, ms]) => `${n} ${Math.round(ms)}ms`).join(' · ');
}
