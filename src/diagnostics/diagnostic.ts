/**
 * A content or configuration problem. Stages collect these instead of throwing so that all
 * problems of a phase are reported together (docs/architecture.md, "Diagnostics").
 */
export type Severity = 'error' | 'warning';

export interface SourceSpan {
  /** Project-relative POSIX path, e.g. `content/posts/x.md`. */
  file: string;
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
}

export interface Diagnostic {
  severity: Severity;
  /** Permanent rule id, e.g. `front-matter/invalid-date`. Documented in docs/diagnostics.md. */
  rule: string;
  /** What happened, why, and what to do, in one or two sentences. */
  message: string;
  /** Where. Absent only for problems that have no file (e.g. a missing content folder). */
  span?: SourceSpan;
  /** Optional extra hint shown under the message. */
  hint?: string;
}

export function diag(
  severity: Severity,
  rule: string,
  message: string,
  span?: SourceSpan,
  hint?: string,
): Diagnostic {
  const d: Diagnostic = { severity, rule, message };
  if (span) d.span = span;
  if (hint) d.hint = hint;
  return d;
}

export const error = (rule: string, message: string, span?: SourceSpan, hint?: string) =>
  diag('error', rule, message, span, hint);
export const warning = (rule: string, message: string, span?: SourceSpan, hint?: string) =>
  diag('warning', rule, message, span, hint);

/** Thrown when a phase ends with errors; carries every diagnostic of that phase. */
export class BuildFailure extends Error {
  constructor(
    readonly diagnostics: Diagnostic[],
    readonly phase: string,
  ) {
    const n = diagnostics.filter((d) => d.severity === 'error').length;
    super(`${phase}: ${n} error${n === 1 ? '' : 's'}`);
    this.name = 'BuildFailure';
  }
}

/** Stable order: by file, line, column, rule. Keeps reports deterministic. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) => {
    const fa = a.span?.file ?? '';
    const fb = b.span?.file ?? '';
    if (fa !== fb) return fa < fb ? -1 : 1;
    const la = a.span?.line ?? 0;
    const lb = b.span?.line ?? 0;
    if (la !== lb) return la - lb;
    const ca = a.span?.column ?? 0;
    const cb = b.span?.column ?? 0;
    if (ca !== cb) return ca - cb;
    return a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0;
  });
}

export const hasErrors = (list: readonly Diagnostic[]) => list.some((d) => d.severity === 'error');
