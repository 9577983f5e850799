import { hasErrors, sortDiagnostics, type Diagnostic } from '../diagnostics/index.js';

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
