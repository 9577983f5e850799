import type { z } from 'zod';
import { error, warning, type Diagnostic } from '../diagnostics/index.js';
import { closest } from '../util/suggest.js';
import { ALIAS_KEYS, FOREIGN_KEYS, type FmPath } from './aliases.js';
import type { FrontMatter } from './front-matter.js';

/**
 * Keys that are neither the kind's own nor an alias. One that looks like a typo of ours (a "did
 * you mean") is an error, `front-matter/unknown-key`: the author meant something and it would be
 * lost. Any other is ignored with a `front-matter/ignored-key` warning: `layout`, `comments`,
 * `weight` are harmless leftovers of another generator. Well-known keys of other generators
 * (FOREIGN_KEYS) are never taken for typos.
 */
export function unknownKeyDiagnostics(
  keys: readonly string[],
  fm: FrontMatter,
  own: readonly string[],
  kind: string,
  otherKinds: ReadonlyMap<string, readonly string[]>,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const key of keys) {
    const guess = FOREIGN_KEYS.has(key.toLowerCase())
      ? undefined
      : closest(key, [...own, ...ALIAS_KEYS], key.length <= 4 ? 1 : undefined);
    if (guess !== undefined) {
      out.push(
        error(
          'front-matter/unknown-key',
          `Unknown ${kind} front-matter key "${key}". Did you mean "${guess}"?`,
          fm.locate([key]),
        ),
      );
      continue;
    }
    const elsewhere = [...otherKinds].filter(([, keys]) => keys.includes(key)).map(([k]) => k);
    const why = elsewhere.length
      ? `it is a ${elsewhere.join('/')} key, not used in a ${kind}`
      : 'Colophon does not use it';
    out.push(
      warning(
        'front-matter/ignored-key',
        `Ignored ${kind} front-matter key "${key}": ${why}. Remove it, or silence this with rules: { 'front-matter/ignored-key': 'off' } in colophon.config.ts.`,
        fm.locate([key]),
      ),
    );
  }
  return out;
}

/**
 * zod issues -> diagnostics at the offending key or value. `data` is what was validated (aliases
 * applied); `origin` leads a value supplied by an alias back to the key the author wrote, so
 * `lastmod: 2024-02-30` is reported at `lastmod`, under that name.
 */
export function issuesToDiagnostics(
  issues: readonly z.core.$ZodIssue[],
  fm: FrontMatter,
  data: Record<string, unknown>,
  origin: ReadonlyMap<string, FmPath>,
  kind: string,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const issue of issues) {
    const p = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
    // Any issue at an absent top-level key (invalid_type, or invalid_union for dates) is a missing key.
    const missing = p.length === 1 && data[String(p[0])] === undefined;
    if (missing) {
      const key = String(p[0]);
      out.push(
        error(
          'front-matter/missing-key',
          `Missing required key "${key}" in ${kind} front matter. Add "${key}: ..." between the --- lines.`,
          fm.locate([]),
        ),
      );
      continue;
    }
    const written = sourcePath(p, origin);
    const key = written.join('.');
    const rule = /date/i.test(issue.message)
      ? 'front-matter/invalid-date'
      : 'front-matter/invalid-value';
    out.push(
      error(rule, `Invalid value for "${key}": ${issue.message}.`, fm.locate(written, true)),
    );
  }
  return out;
}

/** The path as written: the longest prefix supplied by an alias is replaced by the alias's path. */
function sourcePath(p: FmPath, origin: ReadonlyMap<string, FmPath>): FmPath {
  for (let i = p.length; i > 0; i--) {
    const from = origin.get(p.slice(0, i).join('.'));
    if (from) return [...from, ...p.slice(i)];
  }
  return p;
}
