/**
 * Every Markdown input is bounded: whatever its shape, a body is rendered or refused
 * (`markdown/too-complex`, at a line of the body) within one budget. fast-check draws sizes from
 * 1 to 64 K of the shapes that make micromark super-linear (emphasis runs, brackets, backticks,
 * nesting, tables, long lines) and mixes of them over many paragraphs, so a limit that holds per
 * paragraph but not per file fails here. The budget asserted is several times the worst measured
 * (about a second on a loaded 2-core machine, see docs/decisions.md): the timing goal itself is
 * in the bench, this only catches the super-linear.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { createMarkdownRenderer, defaultMarkdownOptions } from '../../src/markdown/index.js';
import type { MarkdownRenderer } from '../../src/markdown/types.js';
import { testContext } from './helpers.js';

const BUDGET_MS = 30_000;

let md: MarkdownRenderer;
beforeAll(async () => {
  md = await createMarkdownRenderer({ ...defaultMarkdownOptions, math: true });
});

/** Sizes spread evenly over orders of magnitude, 1 to 65,536. */
const size = fc
  .integer({ min: 0, max: 16 })
  .chain((e) => fc.integer({ min: (2 ** (e - 1)) | 1, max: 2 ** e }));
const ch = fc.constantFrom('*', '_', '~');

const shapes: Record<string, fc.Arbitrary<string>> = {
  'emphasis runs': fc.tuple(ch, size).map(([c, n]) => c.repeat(n) + 'a' + c.repeat(n)),
  'alternating emphasis': fc.tuple(ch, size).map(([c, n]) => `${c}a`.repeat(n)),
  'unmatched closers': fc.tuple(ch, size).map(([c, n]) => `a${c} `.repeat(n)),
  brackets: fc
    .tuple(fc.constantFrom('[', '![', '[a](', '[a]['), size)
    .map(([b, n]) => b.repeat(n) + 'a' + ']'.repeat(n)),
  // Runs of 1 to 300 backticks; 6,000 runs are ~0.9 MB (beyond, markdown/too-large refuses it
  // by its size alone, which proves nothing about its shape).
  backticks: size.map((n) =>
    Array.from({ length: Math.min(n, 6_000) }, (_, i) => '`'.repeat((i % 300) + 1)).join('a'),
  ),
  nesting: fc
    .tuple(fc.constantFrom('> ', '- ', '1. ', '* > '), size)
    .map(([p, n]) => p.repeat(n) + 'x'),
  tables: fc
    .tuple(fc.integer({ min: 1, max: 64 }), size, fc.constantFrom('x', '*x*', '_x_', '[x]'))
    .map(
      ([cols, rows, cell]) =>
        `|${' a |'.repeat(cols)}\n|${'-|'.repeat(cols)}\n` +
        `|${` ${cell} |`.repeat(cols)}\n`.repeat(
          Math.min(rows, Math.floor(1_000_000 / (cols * 5))),
        ),
    ),
  // Emphasis between letters (`a*a*`) is the alternating shape above.
  'long lines': fc
    .tuple(size, fc.constantFrom('a', 'a[', 'a`', 'a$'))
    .map(([n, unit]) => unit.repeat(n * 4)),
};

/** Many paragraphs of one shape: the limits are per file, not per paragraph. */
const paragraphs = fc
  .tuple(fc.constantFrom(...Object.values(shapes)), fc.integer({ min: 2, max: 40 }))
  .chain(([shape, k]) => fc.array(shape, { minLength: k, maxLength: k }))
  .map((ps) => ps.join('\n\n').slice(0, 1_000_000));

async function rendersWithinBudget(source: string): Promise<void> {
  const started = performance.now();
  const out = await md.render(source, testContext('content/posts/p.md', 3));
  const ms = performance.now() - started;
  const refused = out.diagnostics.filter((d) => d.rule === 'markdown/too-complex');
  for (const d of refused) {
    expect(d.span?.file).toBe('content/posts/p.md');
    expect(d.span?.line).toBeGreaterThanOrEqual(3);
    expect(out.html).toBe('');
  }
  expect(ms, `${source.length} characters took ${Math.round(ms)} ms`).toBeLessThan(BUDGET_MS);
}

describe('every Markdown shape is rendered or refused within the budget', () => {
  for (const [name, arb] of Object.entries(shapes))
    test(
      name,
      async () => {
        await fc.assert(fc.asyncProperty(arb, rendersWithinBudget), { numRuns: 3, seed: 15 });
      },
      120_000,
    );

  test('many paragraphs of one shape', async () => {
    await fc.assert(fc.asyncProperty(paragraphs, rendersWithinBudget), { numRuns: 3, seed: 15 });
  }, 120_000);

  test('the shapes of the report are refused before parsing', async () => {
    for (const c of ['*', '_']) {
      const started = performance.now();
      const out = await md.render(`${c.repeat(16_000)}a${c.repeat(16_000)}`, testContext());
      expect(out.diagnostics.map((d) => d.rule)).toEqual(['markdown/too-complex']);
      expect(out.diagnostics[0]!.message).toContain('too many emphasis markers');
      expect(performance.now() - started).toBeLessThan(1_000);
    }
  });
});
