/**
 * Property (promises 3 and 4): for any Markdown and any front matter, `buildSite` either succeeds
 * or returns `ok: false` with every error positioned (file, line >= 1, column >= 1, on a line the
 * file has) — it never throws, and a failed build publishes nothing.
 *
 * Inputs mix arbitrary strings with generated structure: headings, fences with random info
 * strings (sometimes unclosed), links and images with random hrefs and titles, emphasis runs,
 * nested quotes and lists, raw HTML, math, footnotes, tables; front matter with random values for
 * every known key (and unknown ones, and broken YAML). Small sites, no workers, bounded runs.
 * The seed is fixed so CI is reproducible; set FC_SEED to explore (fast-check prints the seed
 * and the shrunk counterexample on failure).
 */
import { existsSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/index.js';
import { build, cleanupAll, makeProject, writeFiles } from './helpers.js';

afterAll(cleanupAll);

const RUNS = Number(process.env.FC_RUNS ?? 60);
const SEED = Number(process.env.FC_SEED ?? 20260601);

const hostileText = fc.constantFrom(
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '</script>',
  '{{ site.title }}',
  '{% raw %}',
  ']]>',
  '\u2028',
  '\u0007',
  '\ufeff',
  '&amp;',
  '\\',
  '`',
  '---',
  '+++',
  '<!--',
  '$$',
  '[^1]',
  '😀',
  'é',
  '\r\n',
);
const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  hostileText,
  fc.constantFrom('', ' ', 'plain words'),
);
const words = fc.array(text, { maxLength: 4 }).map((a) => a.join(' '));

const href = fc.oneof(
  { weight: 4, arbitrary: fc.webUrl() },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '#',
      '#frag',
      '//cdn.example/x',
      'mailto:a@b.c',
      'https://example.com/a b',
      '<https://example.com/>',
      '()',
      '/favicon.svg',
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'javascript:alert(1)',
      ' JAVAscript:x',
      'vbscript:x',
      'data:text/html,x',
      './other.md',
      'other.md#x',
      '/missing/',
      '%zz',
      'C:\\x',
      '\\\\server\\x',
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
);
const info = fc.oneof(
  fc.constantFrom(
    '',
    'js',
    'ts',
    'python',
    'nosuchlang',
    'js title="t"',
    'js {1,3}',
    'diff',
    'text',
    'math',
    'mermaid',
    'js title="<script>"',
    '{',
    '```',
  ),
  fc.string({ maxLength: 20 }),
);

const block: fc.Arbitrary<string> = fc.oneof(
  words,
  fc.tuple(fc.integer({ min: 1, max: 7 }), words).map(([n, t]) => `${'#'.repeat(n)} ${t}`),
  fc
    .tuple(fc.constantFrom('```', '~~~', '````'), info, fc.string({ maxLength: 60 }), fc.boolean())
    .map(([f, i, code, closed]) => `${f}${i}\n${code}\n${closed ? f : ''}`),
  fc
    .tuple(words, href, fc.option(text))
    .map(([t, h, title]) => `[${t}](${h}${title === null ? '' : ` "${title}"`})`),
  fc.tuple(words, href).map(([t, h]) => `![${t}](${h})`),
  fc
    .tuple(fc.constantFrom('*', '_', '**', '__', '~~', '`'), fc.integer({ min: 1, max: 60 }), words)
    .map(([d, n, t]) => `${d.repeat(n)}${t}${d.repeat(Math.max(0, n - 1))}`),
  fc.tuple(fc.integer({ min: 1, max: 30 }), words).map(([n, t]) => `${'> '.repeat(n)}${t}`),
  fc
    .tuple(fc.integer({ min: 1, max: 30 }), words)
    .map(([n, t]) => Array.from({ length: n }, (_, i) => `${'  '.repeat(i)}- ${t}`).join('\n')),
  fc.constantFrom(
    '<div>',
    '</div>',
    '<script>alert(1)</script>',
    '<img src="x" onerror="alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    '<details><summary>s</summary>',
    '<!-- more -->',
    '<iframe src="//x"></iframe>',
    '<style>*{}</style>',
    '<svg><use href="#x"/></svg>',
  ),
  words.map((t) => `$${t}$`),
  words.map((t) => `$$\n${t}\n$$`),
  fc.tuple(fc.string({ maxLength: 6 }), words).map(([id, t]) => `Ref[^${id}].\n\n[^${id}]: ${t}`),
  fc
    .tuple(fc.integer({ min: 1, max: 6 }), words)
    .map(([n, t]) => `|${' a |'.repeat(n)}\n|${'---|'.repeat(n)}\n|${` ${t} |`.repeat(n)}`),
  fc.constantFrom(
    '> [!NOTE]\n> callout',
    '> [!BOGUS]\n> x',
    '***',
    '- [ ] task',
    '1. one\n1) two',
    '<https://example.com>',
    'www.example.com',
    '\\',
    '<',
    '&#0;',
    '&#x110000;',
  ),
);

const body = fc.array(block, { maxLength: 8 }).map((blocks) => blocks.join('\n\n'));

/** A random value of a random type, as YAML (via JSON: always valid YAML 1.2). */
const anyValue = fc.oneof(
  text,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(text, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), text, { maxKeys: 2 }),
);
const dateValue = fc.oneof(
  fc.constantFrom(
    '2024-01-01',
    '2024-02-30',
    '2024-12-31T23:59:59-12:00',
    '2031-01-01',
    '1970-01-01',
    '0001-01-01',
    '9999-12-31',
    'yesterday',
    '',
  ),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  anyValue,
);
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 2 });

const frontMatter = fc.record(
  {
    title: fc.oneof({ weight: 4, arbitrary: text }, { weight: 1, arbitrary: anyValue }),
    date: dateValue,
    updated: maybe(dateValue),
    expires: maybe(dateValue),
    description: maybe(fc.oneof(text, anyValue)),
    topics: maybe(fc.oneof(fc.array(text, { maxLength: 3 }), anyValue)),
    tags: maybe(fc.array(text, { maxLength: 2 })),
    series: maybe(fc.oneof(fc.constantFrom('s', 'missing', 'CON', '../x'), text)),
    part: maybe(fc.oneof(fc.integer({ min: -1, max: 3 }), anyValue)),
    draft: maybe(fc.oneof(fc.boolean(), anyValue)),
    slug: maybe(
      fc.oneof(fc.constantFrom('ok-slug', '../x', 'con', 'a/b', 'UPPER', 'a..b', '%2e%2e'), text),
    ),
    aliases: maybe(
      fc.oneof(
        fc.array(
          fc.oneof(fc.constantFrom('/old/', '/../x/', '/con/', '/a:b/', '/%zz/', '//x/'), text),
          { maxLength: 2 },
        ),
        anyValue,
      ),
    ),
    cover: maybe(
      fc.oneof(
        fc.constantFrom('cover.png', '/missing.png', 'javascript:x', 'https://e.x/c.png'),
        text,
      ),
    ),
    toc: maybe(fc.oneof(fc.boolean(), anyValue)),
    colour: maybe(anyValue),
  },
  { requiredKeys: [] },
);

const yaml = (data: Record<string, unknown>) =>
  Object.entries(data)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
    .join('\n');

/** Front matter that validates (so the body gets rendered): a title, a real date, a few extras. */
const validFrontMatter = fc.record(
  {
    title: text.map((t) => (t.trim() === '' ? 'Untitled' : t)),
    date: fc.constantFrom(
      '2024-01-01',
      '2024-02-29',
      '2024-12-31T23:59:59-12:00',
      '2025-06-30T12:00:00Z',
      '1999-12-31',
    ),
    description: maybe(text),
    topics: maybe(
      fc.array(
        text.filter((t) => t.trim() !== '' && t.length <= 100),
        { maxLength: 3 },
      ),
    ),
    toc: maybe(fc.boolean()),
  },
  { requiredKeys: ['title', 'date'] },
);

const doc = (fm: Record<string, unknown>, b: string) => `---\n${yaml(fm)}\n---\n\n${b}\n`;
const nonEmpty = text.map((t) => (t.trim() === '' ? 'Untitled' : t));

/** A post: mostly valid front matter + any body; random values for every key; broken YAML; none. */
const postFile = fc.oneof(
  { weight: 20, arbitrary: fc.tuple(validFrontMatter, body).map(([fm, b]) => doc(fm, b)) },
  { weight: 2, arbitrary: fc.tuple(frontMatter, body).map(([fm, b]) => doc(fm, b)) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.string({ maxLength: 80 }), body)
      .map(([raw, b]) => `---\n${raw}\n---\n${b}`),
  },
  { weight: 1, arbitrary: body },
  { weight: 1, arbitrary: body.map((b) => `---\ntitle: NUL\ndate: 2024-01-01\n---\n${b}\u0000`) },
);

const site = fc.record({
  posts: fc.array(postFile, { minLength: 1, maxLength: 3 }),
  series: fc.option(
    fc.tuple(nonEmpty, body).map(([t, b]) => doc({ title: t }, b)),
    { nil: undefined },
  ),
  page: fc.option(
    fc.tuple(nonEmpty, maybe(text), body).map(([t, d, b]) => doc({ title: t, description: d }, b)),
    { nil: undefined },
  ),
});

/** Problems with a diagnostic's position, or [] when it is where it says. */
function badPosition(d: Diagnostic, files: Map<string, string>): string[] {
  if (d.severity !== 'error' && !d.span) return [];
  const s = d.span;
  if (!s) return [`${d.rule}: an error without a position: ${d.message}`];
  const out: string[] = [];
  if (!s.file) out.push(`${d.rule}: no file`);
  if (!(Number.isInteger(s.line) && s.line >= 1)) out.push(`${d.rule}: line ${s.line}`);
  if (!(Number.isInteger(s.column) && s.column >= 1)) out.push(`${d.rule}: column ${s.column}`);
  const source = files.get(s.file);
  if (source !== undefined) {
    const lines = source.split(/\r\n|\r|\n/).length;
    if (s.line > lines)
      out.push(`${d.rule}: line ${s.line} of ${s.file}, which has ${lines} lines`);
  }
  return out;
}

describe('property: any content builds or fails with positioned errors, never throws', () => {
  it(`${RUNS} random sites`, async () => {
    const p = await makeProject({});
    let n = 0;
    let built = 0;
    const rules = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(site, async (s) => {
        const files = new Map<string, string>();
        s.posts.forEach((t, i) => files.set(`content/posts/p${i}.md`, t));
        if (s.series !== undefined) files.set('content/series/s.md', s.series);
        if (s.page !== undefined) files.set('content/pages/about.md', s.page);
        await rm(path.join(p.root, 'content'), { recursive: true, force: true });
        await rm(p.out, { recursive: true, force: true });
        await writeFiles(p.root, Object.fromEntries(files));
        n++;
        const r = await build(p.root);
        if (r.ok) built++;
        if (process.env.FC_VERBOSE)
          for (const d of r.diagnostics)
            if (d.severity === 'error') rules.set(d.rule, (rules.get(d.rule) ?? 0) + 1);
        const problems = r.diagnostics.flatMap((d) => badPosition(d, files));
        expect(problems).toEqual([]);
        if (r.ok) {
          expect(existsSync(path.join(p.out, 'index.html'))).toBe(true);
        } else {
          expect(r.diagnostics.some((d) => d.severity === 'error')).toBe(true);
          expect(existsSync(p.out)).toBe(false);
        }
        expect((await readdir(p.root)).filter((f) => f.includes('.colophon-'))).toEqual([]);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true, interruptAfterTimeLimit: 120_000 },
    );
    expect(n).toBeGreaterThan(0);
    // FC_VERBOSE=1: how many sites got through (about a quarter) and the error rules seen.
    if (process.env.FC_VERBOSE)
      console.log(
        `${built} of ${n} random sites built`,
        [...rules].sort((a, b) => b[1] - a[1]),
      );
  }, 180_000);
});
