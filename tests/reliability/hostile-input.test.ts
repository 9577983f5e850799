/**
 * Promise 4, bounded on hostile input: pathological Markdown and broken files give a per-file
 * error (with its rule and line) or degrade gracefully (plain-text code), within a bounded time,
 * never a hang, a stack overflow that kills the build, or a partial site. Big inputs are
 * generated here; the small ones live in tests/fixtures/hostile/inputs/.
 *
 * Bounds are generous (the machine is shared): 20 s per build of one hostile post.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  BIN,
  build,
  cleanupAll,
  errorsOf,
  HOSTILE,
  leftovers,
  listTree,
  makeProject,
  manyPosts,
  post,
  timed,
  warningsOf,
  where,
} from './helpers.js';

afterAll(cleanupAll);

const BOUND_MS = 20_000;
const fm = { title: 'Hostile', date: '2024-01-01' };
/** The body starts on line 6 (four front-matter lines and a blank one). */
const hostile = (body: string) => post(fm, body);
const good = { 'content/posts/good.md': post({ title: 'Good', date: '2024-01-02' }, 'Fine.') };

type Expect =
  | { ok: false; errors: string[] }
  | { ok: true; warnings: string[]; check?: (html: string) => void };

// [name, generate, expected]. Rule ids and lines; `rule file:line` prefixes.
const cases: [string, () => string | Promise<string | Uint8Array>, Expect][] = [
  [
    '20,000 nested list markers on one line',
    () => hostile(`${'- '.repeat(20_000)}x`),
    { ok: false, errors: ['markdown/too-complex content/posts/h.md:6:'] },
  ],
  [
    'lists nested 300 levels by indentation',
    () => hostile(Array.from({ length: 300 }, (_, i) => `${'  '.repeat(i)}- item ${i}`).join('\n')),
    { ok: false, errors: ['markdown/too-complex content/posts/h.md:'] },
  ],
  [
    '20,000 nested block quotes',
    () => hostile(`${'>'.repeat(20_000)} x`),
    { ok: false, errors: ['markdown/too-complex content/posts/h.md:6:'] },
  ],
  [
    'quotes nested one more level per line, 1,500 lines',
    () => hostile(Array.from({ length: 1500 }, (_, i) => `${'>'.repeat(i + 1)} x`).join('\n')),
    { ok: false, errors: ['markdown/too-complex content/posts/h.md:'] },
  ],
  [
    '50,000 unmatched emphasis openers',
    () => hostile('*a'.repeat(50_000)),
    { ok: false, errors: ['markdown/too-complex content/posts/h.md:6:'] },
  ],
  [
    'mixed strong/emphasis runs, 60,000 delimiters',
    () => hostile(`${'**a'.repeat(30_000)} ${'__'.repeat(30_000)}`),
    { ok: false, errors: ['markdown/too-complex content/posts/h.md:6:'] },
  ],
  [
    '50,000 nested brackets',
    () => hostile(`${'['.repeat(50_000)}x${']'.repeat(50_000)}`),
    { ok: false, errors: ['markdown/too-complex content/posts/h.md:6:'] },
  ],
  [
    '20,000 unclosed link destinations',
    () => hostile('[a](<'.repeat(20_000)),
    { ok: false, errors: ['markdown/too-complex content/posts/h.md:6:'] },
  ],
  [
    'raw HTML nested 20,000 elements deep',
    () => hostile(`${'<div>'.repeat(20_000)}x${'</div>'.repeat(20_000)}`),
    { ok: false, errors: ['markdown/too-complex content/posts/h.md:'] },
  ],
  [
    'TeX nested 2,000 fractions deep',
    () => hostile(`$$\n${'\\frac{'.repeat(2000)}x${'}{y}'.repeat(2000)}\n$$`),
    { ok: false, errors: ['markdown/math-error content/posts/h.md:'] },
  ],
  [
    'a 5 MB post',
    () =>
      hostile(
        'Lorem ipsum *dolor* sit amet, `code` and [a link](https://example.com/).\n\n'.repeat(
          70_000,
        ),
      ),
    { ok: false, errors: ['content/too-large content/posts/h.md:1:1'] },
  ],
  [
    'a megabyte-long single-line code block',
    () => hostile(`\`\`\`js\n${'a+'.repeat(512 * 1024)}1\n\`\`\``),
    {
      ok: true,
      warnings: ['markdown/code-too-large content/posts/h.md:6:'],
      // Shown as plain text: all of it, escaped, no per-token spans.
      check: (html) => {
        expect(html).toContain(`${'a+'.repeat(1000)}`);
        expect(html.length).toBeGreaterThan(1024 * 1024);
      },
    },
  ],
  [
    'a 100 KB fence info string and title',
    () => hostile(`\`\`\`${'x'.repeat(100_000)} title="${'y'.repeat(100_000)}"\ncode\n\`\`\``),
    { ok: true, warnings: ['markdown/unknown-language content/posts/h.md:6:'] },
  ],
  [
    'invalid UTF-8',
    () => readFile(path.join(HOSTILE, 'inputs/invalid-utf8.md')),
    { ok: false, errors: ['content/invalid-utf8 content/posts/h.md:6:4'] },
  ],
  [
    'NUL bytes',
    () => hostile('a\u0000b'),
    { ok: false, errors: ['content/binary-file content/posts/h.md:1:1'] },
  ],
  [
    'a binary file named .md',
    () => readFile(path.join(HOSTILE, 'inputs/binary.md')),
    { ok: false, errors: ['content/binary-file content/posts/h.md:1:1'] },
  ],
  [
    'a YAML alias bomb',
    () => readFile(path.join(HOSTILE, 'inputs/alias-bomb.md')),
    { ok: false, errors: ['front-matter/invalid-yaml content/posts/h.md:'] },
  ],
  [
    '60 KB of entities',
    () => hostile('&amp;&lt;&#x1F600;'.repeat(3_200)),
    { ok: true, warnings: [] },
  ],
  [
    'a table of 200 columns',
    () =>
      hostile(`|${'a|'.repeat(200)}\n|${'-|'.repeat(200)}\n${`|${'b|'.repeat(200)}\n`.repeat(10)}`),
    { ok: true, warnings: [] },
  ],
];

describe('each hostile post: a per-file error or a graceful result, in bounded time', () => {
  it.each(cases)('%s', async (_name, generate, expected) => {
    const p = await makeProject({ ...good, 'content/posts/h.md': await generate() });
    const { value: r, ms } = await timed(() => build(p.root));
    expect(ms, `took ${Math.round(ms)} ms`).toBeLessThan(BOUND_MS);
    expect(r.ok).toBe(expected.ok);
    if (!expected.ok) {
      const errors = errorsOf(r.diagnostics).map(where);
      expect(errors.length, errors.join('\n')).toBe(expected.errors.length);
      errors.forEach((e, i) =>
        expect(
          e.startsWith(expected.errors[i]!),
          `${e} does not start with ${expected.errors[i]}`,
        ).toBe(true),
      );
      // Never a partial site: nothing published, nothing left beside it.
      expect(existsSync(p.out)).toBe(false);
      expect(await leftovers(p.out)).toEqual([]);
    } else {
      const warnings = warningsOf(r.diagnostics).map(where);
      expect(warnings.length, warnings.join('\n')).toBe(expected.warnings.length);
      warnings.forEach((w, i) => expect(w.startsWith(expected.warnings[i]!), w).toBe(true));
      const files = await listTree(p.out);
      expect(files).toContain('posts/good/index.html');
      expect(files).toContain('posts/h/index.html');
      expected.check?.(await readFile(path.join(p.out, 'posts/h/index.html'), 'utf8'));
    }
  });

  it('a hostile post rendered on the worker pool fails alone, without killing the build', async () => {
    // 30 posts: over the pool threshold, so bodies render on worker threads.
    const p = await makeProject({
      ...manyPosts(30),
      'content/posts/h.md': hostile(`${'>'.repeat(20_000)} x\n\n${'<div>'.repeat(20_000)}`),
    });
    const { value: r, ms } = await timed(() => build(p.root, { workers: 2 }));
    expect(ms).toBeLessThan(BOUND_MS * 2);
    expect(r.ok).toBe(false);
    expect(errorsOf(r.diagnostics).map((d) => d.rule)).toEqual(['markdown/too-complex']);
    expect(existsSync(p.out)).toBe(false);
  });
});

/**
 * Inputs under the 2 MB file limit that the Markdown stage (src/markdown, not ours) takes far too
 * long on. Measured on this shared 2-core machine under load (in-process, one post each):
 *
 *   1.7 MB of code-span openers of growing length (` `` ``` ...)   111 s  (quadratic: each
 *        unmatched run scans the rest of the paragraph for a closer of its length)
 *   1.8 MB of "www.a.com " GFM autolink literals in one paragraph    83 s
 *   1.9 MB of "<span>x</span>" raw HTML                               43 s
 *   100,000 identical "## H" headings (0.5 MB)                        44 s  (duplicate-id search)
 *   1.8 MB of ordinary prose with inline markup                       49 s  (linear, ~25 s/MB)
 *   a 40 KB table, 50 columns x 400 rows                              18 s  (~0.4 ms per cell,
 *        half of it in unist-util-visit called per node: ~200 s per MB of tables)
 *   100,000 three-line code blocks (1.2 MB)                          103 s  (per-block highlight)
 *   300,000 inline formulas "$x^2$" (1.8 MB)                        >120 s
 *   1.8 MB of "<"                                                      52 s
 *
 * The complexity pre-flight check counts brackets, emphasis and nesting, not these. Each runs in
 * a child process killed at the bound, so a regression cannot hang the suite; they take minutes,
 * so they run only with COLOPHON_SLOW_TESTS=1. Reported; flip to `it` when bounded.
 */
const slow = process.env.COLOPHON_SLOW_TESTS === '1' ? it.fails : it.skip;
describe('known slow inputs (COLOPHON_SLOW_TESTS=1)', () => {
  const slowCases: [string, () => string][] = [
    [
      '1.7 MB of code-span openers of growing length',
      () => hostile(Array.from({ length: 1900 }, (_, i) => '`'.repeat(i + 1)).join(' x ')),
    ],
    ['1.8 MB of autolink literals in one paragraph', () => hostile('www.a.com '.repeat(190_000))],
    ['1.9 MB of inline raw HTML', () => hostile('<span>x</span>'.repeat(140_000))],
    [
      '100,000 identical headings',
      () => hostile(Array.from({ length: 100_000 }, () => '## H').join('\n')),
    ],
    [
      '1.8 MB of ordinary prose',
      () => hostile('Lorem ipsum *dolor* sit `amet` [link](https://e.x/). '.repeat(35_000)),
    ],
    ['100,000 small code blocks', () => hostile('```js\nx\n```\n\n'.repeat(100_000))],
    ['300,000 inline formulas', () => hostile('$x^2$ '.repeat(300_000))],
    ['1.8 MB of "<"', () => hostile('<'.repeat(1_900_000))],
    [
      'a 200 KB table (50 columns x 2,000 rows)',
      () =>
        hostile(
          `|${'a|'.repeat(50)}\n|${'-|'.repeat(50)}\n${`|${'b|'.repeat(50)}\n`.repeat(2000)}`,
        ),
    ],
  ];
  slow.each(slowCases)(
    '%s builds within the bound',
    async (_name, generate) => {
      const p = await makeProject({ ...good, 'content/posts/h.md': generate() });
      const child = spawn(
        process.execPath,
        [BIN, 'build', '--root', p.root, '--no-cache', '--quiet'],
        { stdio: 'ignore', env: { ...process.env, COLOPHON_WORKERS: '0' } },
      );
      const timer = setTimeout(() => child.kill('SIGKILL'), BOUND_MS);
      const code = await new Promise<number | null>((resolve) =>
        child.on('close', (c) => resolve(c)),
      );
      clearTimeout(timer);
      expect(code, 'killed at the bound').not.toBe(null);
    },
    BOUND_MS + 10_000,
  );
});
