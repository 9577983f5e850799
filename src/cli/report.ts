import pc from 'picocolors';
import {
  formatDiagnostic,
  frameSource,
  sortDiagnostics,
  type Diagnostic,
} from '../diagnostics/index.js';
import type { Excluded, ExclusionReason } from '../graph/index.js';

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

/**
 * What a build left out and why, for its summary: `Left out 2 drafts (--drafts to include them)
 * and 1 post dated in the future (--future).` and, with `verbose`, one line per file.
 */
export function formatExcluded(excluded: readonly Excluded[], verbose: boolean): string[] {
  if (!excluded.length) return [];
  const count = (r: ExclusionReason) => excluded.filter((e) => e.reason === r).length;
  const parts: string[] = [];
  const drafts = count('draft');
  const future = count('future');
  const expired = count('expired');
  if (drafts)
    parts.push(`${plural(drafts, 'draft')} (--drafts to include ${drafts === 1 ? 'it' : 'them'})`);
  if (future) parts.push(`${plural(future, 'post')} dated in the future (--future)`);
  if (expired) parts.push(`${plural(expired, 'expired post')}`);
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts[0];
  const lines = [`Left out ${list}${verbose ? ':' : '.'}`];
  if (verbose) {
    const width = Math.max(...excluded.map((e) => e.file.length));
    for (const e of excluded)
      lines.push(`  ${e.file.padEnd(width)}  ${WHY[e.reason]}${e.date ? ` ${e.date}` : ''}`);
  }
  return lines;
}

const WHY: Record<ExclusionReason, string> = {
  draft: 'draft',
  future: 'dated',
  expired: 'expired on',
};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
