import { hasErrors, sortDiagnostics, type Diagnostic } from '../diagnostics/index.js';
import { failure, type RunResult } from './state.js';

/** Apply the config's per-rule severities (`rules: { 'markdown/unknown-language': 'error' }`). */
export function applyRules(
  list: readonly Diagnostic[],
  rules: Record<string, 'error' | 'warning' | 'off'>,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const d of list) {
    const setting = rules[d.rule];
    if (setting === 'off') continue;
    out.push(setting ? { ...d, severity: setting } : d);
  }
  return sortDiagnostics(out);
}

export function failed(list: readonly Diagnostic[], strict: boolean): boolean {
  return hasErrors(list) || (strict && list.length > 0);
}

/**
 * A run's diagnostics, stage after stage: each stage's list is sorted on its own (a phase), so
 * the report reads in pipeline order. `add` and `phase` answer whether the run has failed.
 */
export class Report {
  private readonly all: Diagnostic[] = [];

  constructor(
    private readonly rules: Record<string, 'error' | 'warning' | 'off'>,
    private readonly strict: boolean,
  ) {}

  /** Add a stage's diagnostics, rules already applied. */
  add(list: readonly Diagnostic[]): boolean {
    this.all.push(...list);
    return this.failed();
  }

  /** Apply the rules to a stage's diagnostics and add them. */
  phase(list: readonly Diagnostic[]): boolean {
    return this.add(applyRules(list, this.rules));
  }

  failed(): boolean {
    return failed(this.all, this.strict);
  }

  list(): Diagnostic[] {
    return [...this.all];
  }

  failure(): RunResult {
    return failure(this.list());
  }

  /** A report that goes on from this one (a run that starts over keeps what came before). */
  fork(): Report {
    const r = new Report(this.rules, this.strict);
    r.all.push(...this.all);
    return r;
  }
}
