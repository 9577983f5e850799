import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildSite } from '../../src/pipeline/index.js';
import { diagnosticLines, FIXED_NOW, hashTree, INVALID, listTree } from '../helpers/site.js';

/**
 * tests/fixtures/invalid/<case>/: a broken site and, in expected.txt, the exact diagnostics it must
 * produce (`file:line:col severity [rule] message`, as the CLI prints them without colour or code
 * frames). Every case must fail the build and leave an existing output folder exactly as it was.
 * UPDATE_GOLDEN=1 rewrites expected.txt after a deliberate change.
 */
const cases = readdirSync(INVALID, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'colophon-invalid-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** An output folder from an earlier, good build: a failed build must not touch it. */
async function previousOutput(name: string): Promise<string> {
  const out = path.join(tmp, name, 'dist');
  await mkdir(path.join(out, 'posts/old'), { recursive: true });
  await writeFile(path.join(out, 'index.html'), '<p>the previous home page</p>\n');
  await writeFile(
    path.join(out, 'posts/old/index.html'),
    '<p>a page from the previous build</p>\n',
  );
  return out;
}

describe('invalid sites', () => {
  test('there are enough cases, each with an expected.txt', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
    for (const name of cases)
      expect(existsSync(path.join(INVALID, name, 'expected.txt')), `${name}/expected.txt`).toBe(
        true,
      );
  });

  test.each(cases)('%s', async (name) => {
    const root = path.join(INVALID, name);
    const outDir = await previousOutput(name);
    const before = await hashTree(outDir);
    const result = await buildSite({ root, outDir, cache: false, now: FIXED_NOW });
    const actual = diagnosticLines(result.diagnostics).join('\n') + '\n';
    const file = path.join(root, 'expected.txt');
    if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(file, actual);
    expect(actual).toBe(readFileSync(file, 'utf8'));
    expect(result.ok).toBe(false);
    expect(result.diagnostics.some((d) => d.severity === 'error')).toBe(true);
    // The previous output is untouched, and no staging folder or lock is left beside it.
    expect(await hashTree(outDir)).toBe(before);
    expect(readdirSync(path.dirname(outDir)).sort()).toEqual(['dist']);
  });
});

describe('case-only and Unicode duplicates (made at test time: some file systems cannot hold them)', () => {
  const site = async (files: Record<string, string>) => {
    const root = path.join(
      tmp,
      `gen-${Object.keys(files).length}-${Math.random().toString(36).slice(2)}`,
    );
    await mkdir(path.join(root, 'content/posts'), { recursive: true });
    await writeFile(
      path.join(root, 'colophon.config.ts'),
      readFileSync(path.join(INVALID, 'duplicate-url/colophon.config.ts')),
    );
    for (const [rel, text] of Object.entries(files)) await writeFile(path.join(root, rel), text);
    return root;
  };
  const post = (title: string) => `---\ntitle: ${title}\ndate: 2026-01-01\n---\n\nBody.\n`;

  test('Foo.md and foo.md claim one URL', async (ctx) => {
    const root = await site({
      'content/posts/Foo.md': post('Upper'),
      'content/posts/foo.md': post('Lower'),
    });
    if ((await listTree(path.join(root, 'content/posts'))).length < 2) ctx.skip(); // case-insensitive FS
    const result = await buildSite({
      root,
      outDir: path.join(root, 'dist'),
      cache: false,
      now: FIXED_NOW,
    });
    expect(result.ok).toBe(false);
    expect(diagnosticLines(result.diagnostics)).toEqual([
      'content/posts/foo.md:1:1 error [graph/duplicate-url] /posts/foo/ is claimed by both content/posts/Foo.md and content/posts/foo.md. Change the slug (or file name) of one of them.',
    ]);
  });

  test('a slug that differs only in case from another file name', async () => {
    const root = await site({
      'content/posts/cafe.md': post('One'),
      'content/posts/other.md': '---\ntitle: Two\ndate: 2026-01-01\nslug: cafe\n---\n\nBody.\n',
    });
    const result = await buildSite({
      root,
      outDir: path.join(root, 'dist'),
      cache: false,
      now: FIXED_NOW,
    });
    expect(diagnosticLines(result.diagnostics)).toEqual([
      'content/posts/other.md:4:1 error [graph/duplicate-url] /posts/cafe/ is claimed by both content/posts/cafe.md and content/posts/other.md. Change the slug (or file name) of one of them.',
    ]);
  });

  test('NFC and NFD spellings of one file name claim one URL', async (ctx) => {
    const nfc = 'caf\u00e9.md';
    const nfd = 'cafe\u0301.md';
    const root = await site({
      [`content/posts/${nfc}`]: post('Composed'),
      [`content/posts/${nfd}`]: post('Decomposed'),
    });
    if ((await listTree(path.join(root, 'content/posts'))).length < 2) ctx.skip(); // normalising FS (macOS)
    const result = await buildSite({
      root,
      outDir: path.join(root, 'dist'),
      cache: false,
      now: FIXED_NOW,
    });
    expect(result.ok).toBe(false);
    const lines = diagnosticLines(result.diagnostics);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('error [graph/duplicate-url] /posts/café/ is claimed by both');
  });
});
