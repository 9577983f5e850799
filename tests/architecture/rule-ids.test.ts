/**
 * Every rule id the code can emit is documented in docs/diagnostics.md: users look rule ids up
 * there (and configure their severity with `rules`), so an undocumented id is a dead end.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const doc = readFileSync(path.join(REPO, 'docs/diagnostics.md'), 'utf8');
/** Ids in the table's first column: | `rule/id` | ... */
const documented = new Set([...doc.matchAll(/^\| `([a-z-]+\/[a-z0-9-]+)` \|/gm)].map((m) => m[1]!));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

const ID = `'([a-z][a-z-]*/[a-z0-9]+(?:-[a-z0-9]+)*)'`;
/** Literals in a rule's place: error('x/y', ...), warning(...), diag(sev, 'x/y'), report(state, sev, 'x/y'), rule: 'x/y'. */
const IN_RULE_POSITION = [
  new RegExp(`\\b(?:error|warning)\\(\\s*${ID}`, 'g'),
  new RegExp(`\\bdiag\\(\\s*'(?:error|warning)',\\s*${ID}`, 'g'),
  new RegExp(`\\breport\\(\\s*\\w+,\\s*'(?:error|warning)',\\s*${ID}`, 'g'),
  new RegExp(`\\brule:\\s*${ID}`, 'g'),
];
/** Any literal of a documented family (`markdown/…`), wherever it is built. */
const families = [...new Set([...documented].map((id) => id.split('/')[0]!))];
const FAMILY = new RegExp(`'((?:${families.join('|')}|internal)/[a-z0-9]+(?:-[a-z0-9]+)*)'`, 'g');
/** Same shape, not rule ids. */
const NOT_RULES = new Set(['image/avif', 'image/webp', 'image/jpeg', 'image/png', 'image/gif']);

const emitted = new Map<string, string>();
for (const file of sources(path.join(REPO, 'src'))) {
  const text = readFileSync(file, 'utf8');
  for (const re of [...IN_RULE_POSITION, FAMILY]) {
    for (const m of text.matchAll(re)) {
      if (!NOT_RULES.has(m[1]!)) emitted.set(m[1]!, path.relative(REPO, file));
    }
  }
}

describe('docs/diagnostics.md', () => {
  it('finds the rule ids in src (the scan is not vacuous)', () => {
    expect(emitted.size).toBeGreaterThan(50);
    expect([...emitted.keys()]).toEqual(
      expect.arrayContaining(['markdown/too-complex', 'output/io-error', 'config/invalid-value']),
    );
  });

  it('documents every rule id the code can emit', () => {
    const missing = [...emitted]
      .filter(([id]) => !documented.has(id))
      .map(([id, f]) => `${id} (${f})`);
    expect(missing).toEqual([]);
  });
});
