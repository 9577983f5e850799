import type { z } from 'zod';
import { error, type Diagnostic } from '../diagnostics/index.js';
import { closest } from '../util/suggest.js';
import type { FrontMatter } from './front-matter.js';

/** zod issues -> diagnostics at the offending key or value, with "did you mean" for typos. */
export function issuesToDiagnostics(issues: readonly z.core.$ZodIssue[], fm: FrontMatter, knownKeys: readonly string[], kind: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const issue of issues) {
    const p = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const guess = closest(key, knownKeys);
        out.push(
          error(
            'front-matter/unknown-key',
            `Unknown ${kind} front-matter key "${key}".${guess ? ` Did you mean "${guess}"?` : ` Known keys: ${knownKeys.join(', ')}.`}`,
            fm.locate([...p, key]),
          ),
        );
      }
      continue;
    }
    const key = p.join('.');
    const missing = issue.code === 'invalid_type' && fm.data[String(p[0])] === undefined && p.length === 1;
    if (missing) {
      out.push(error('front-matter/missing-key', `Missing required key "${key}" in ${kind} front matter. Add "${key}: ..." between the --- lines.`, fm.locate([])));
      continue;
    }
    const rule = /date/i.test(issue.message) ? 'front-matter/invalid-date' : 'front-matter/invalid-value';
    out.push(error(rule, `Invalid value for "${key}": ${issue.message}.`, fm.locate(p, true)));
  }
  return out;
}
