import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSite, type BuildOptions, type BuildResult } from '../../src/pipeline/index.js';
import { formatDiagnostic, type Diagnostic } from '../../src/diagnostics/index.js';

/** Repository root (tests/helpers/ -> ../..). */
export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const SITES = path.join(REPO, 'tests/fixtures/sites');
export const INVALID = path.join(REPO, 'tests/fixtures/invalid');
/** The package's own public/ (default theme assets), layered under every site's public/. */
export const THEME_PUBLIC = path.join(REPO, 'public');

/** The "now" of every fixture build: posts after it are future, `expires` before it expired. */
export const FIXED_NOW = new Date('2026-06-01T00:00:00Z');

export interface BuiltSite {
  result: BuildResult;
  /** The output folder (inside a fresh temp folder). */
  outDir: string;
  /** Output files, POSIX path relative to outDir -> text (binary files: `<binary sha256:…>`). */
  files: Map<string, string>;
  /** Text of an output file; throws with the list of files when it does not exist. */
  file(rel: string): string;
  /** Remove the temp folder. */
  cleanup(): Promise<void>;
}

/**
 * Build a fixture site (a folder name under tests/fixtures/sites, or an absolute folder) with the
 * programmatic API into a temp output folder: no cache, a fixed clock, drafts and future off.
 */
export async function buildFixture(
  site: string,
  options: Partial<BuildOptions> = {},
): Promise<BuiltSite> {
  const root = path.isAbsolute(site) ? site : path.join(SITES, site);
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'colophon-test-'));
  const outDir = path.join(tmp, 'out');
  const result = await buildSite({ root, outDir, cache: false, now: FIXED_NOW, ...options });
  const files = existsSync(outDir) ? await readTree(outDir) : new Map<string, string>();
  return {
    result,
    outDir,
    files,
    file(rel) {
      const text = files.get(rel);
      if (text === undefined)
        throw new Error(`No output file ${rel}. Output has:\n  ${[...files.keys()].join('\n  ')}`);
      return text;
    },
    cleanup: () => rm(tmp, { recursive: true, force: true }),
  };
}

/** Every file under dir, sorted, as text (or a hash placeholder for binary files). */
export async function readTree(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const rel of await listTree(dir)) out.set(rel, asText(await readFile(path.join(dir, rel))));
  return out;
}

/** Relative POSIX paths of every file under dir, sorted. */
export async function listTree(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string, prefix: string) => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const rel = prefix + e.name;
      if (e.isDirectory()) await walk(path.join(d, e.name), rel + '/');
      else out.push(rel);
    }
  };
  if (existsSync(dir)) await walk(dir, '');
  return out.sort();
}

/** sha256 over every file's path and bytes: equal trees, equal hashes. */
export async function hashTree(dir: string): Promise<string> {
  const h = createHash('sha256');
  for (const rel of await listTree(dir)) {
    h.update(rel + '\0');
    h.update(await readFile(path.join(dir, rel)));
    h.update('\0');
  }
  return h.digest('hex');
}

function asText(bytes: Buffer): string {
  if (bytes.includes(0)) return binary(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return binary(bytes);
  }
}

const binary = (bytes: Buffer) =>
  `<binary sha256:${createHash('sha256').update(bytes).digest('hex')}>`;

/** Diagnostics as the CLI prints them, without colour and code frames: one line each. */
export function diagnosticLines(list: readonly Diagnostic[]): string[] {
  return list.map((d) => formatDiagnostic({ ...d, hint: undefined }, undefined, false));
}

/** Files of the default theme's public/ that the site does not override (not part of goldens). */
export async function themeFiles(siteRoot: string): Promise<Set<string>> {
  const theme = await listTree(THEME_PUBLIC);
  const own = new Set(await listTree(path.join(siteRoot, 'public')));
  return new Set(theme.filter((f) => !own.has(f)));
}

/** Pagefind's index: binary, versioned by Pagefind, and not the concern of any fixture. */
export const SEARCH_DIR = 'pagefind';

/**
 * Compare an output tree with `<site>/<expectedName>/`. The default theme's static files and the
 * search index are left out (they change with the theme and with Pagefind, not with the site);
 * everything else must match byte for
 * byte. With UPDATE_GOLDEN=1 the expected tree is rewritten instead. Throws a readable report:
 * missing and extra files, then the first differing file with a few lines of context.
 */
export async function expectGolden(
  built: BuiltSite,
  site: string,
  expectedName = 'expected',
): Promise<void> {
  const root = path.isAbsolute(site) ? site : path.join(SITES, site);
  const expectedDir = path.join(root, expectedName);
  const skip = await themeFiles(root);
  const actual = (await listTree(built.outDir)).filter(
    (f) => !skip.has(f) && !f.startsWith(`${SEARCH_DIR}/`),
  );
  if (process.env['UPDATE_GOLDEN'] === '1') {
    await rm(expectedDir, { recursive: true, force: true });
    for (const rel of actual) {
      await mkdir(path.dirname(path.join(expectedDir, rel)), { recursive: true });
      await cp(path.join(built.outDir, rel), path.join(expectedDir, rel));
    }
    return;
  }
  const expected = await listTree(expectedDir);
  const problems: string[] = [];
  const missing = expected.filter((f) => !actual.includes(f));
  const extra = actual.filter((f) => !expected.includes(f));
  if (missing.length)
    problems.push(
      `Missing from the output (expected in ${expectedName}/):\n  ${missing.join('\n  ')}`,
    );
  if (extra.length)
    problems.push(`Not in ${expectedName}/ but in the output:\n  ${extra.join('\n  ')}`);
  const differing: string[] = [];
  for (const rel of actual.filter((f) => expected.includes(f))) {
    const a = await readFile(path.join(built.outDir, rel));
    const e = await readFile(path.join(expectedDir, rel));
    if (Buffer.compare(a, e) !== 0) differing.push(rel);
  }
  if (differing.length) {
    const first = differing[0]!;
    const a = asText(await readFile(path.join(built.outDir, first)));
    const e = asText(await readFile(path.join(expectedDir, first)));
    problems.push(
      `${differing.length} file(s) differ: ${differing.join(', ')}\nFirst difference, in ${first}:\n${lineDiff(e, a)}`,
    );
  }
  if (problems.length) {
    throw new Error(
      `Output of ${path.basename(root)} does not match ${expectedName}/ (UPDATE_GOLDEN=1 npx vitest run tests/build rewrites it after a deliberate change).\n\n${problems.join('\n\n')}`,
    );
  }
}

/**
 * The first differing hunk with three lines of context, `-` expected, `+` actual. The hunk ends
 * where the two texts agree again for three lines (lines inserted, removed or replaced).
 */
export function lineDiff(expected: string, actual: string, context = 3): string {
  const e = expected.split('\n');
  const a = actual.split('\n');
  let i = 0;
  while (i < e.length && i < a.length && e[i] === a[i]) i++;
  const agree = (x: number, y: number) => {
    for (let k = 0; k < 3; k++)
      if (e[x + k] !== a[y + k] || (x + k >= e.length && y + k >= a.length))
        return x + k >= e.length && y + k >= a.length;
    return true;
  };
  // Smallest hunk: `de` expected lines replaced by `da` actual lines.
  let de = e.length - i;
  let da = a.length - i;
  search: for (let size = 1; size <= 200; size++) {
    for (let x = 0; x <= size; x++) {
      if (agree(i + x, i + size - x)) {
        de = x;
        da = size - x;
        break search;
      }
    }
  }
  const out: string[] = [];
  const line = (mark: string, n: number, text: string | undefined) =>
    out.push(
      `${mark} ${n + 1} | ${text !== undefined && text.length > 300 ? text.slice(0, 300) + '…' : text}`,
    );
  for (let k = Math.max(0, i - context); k < i; k++) line(' ', k, e[k]);
  const cap = (from: string[], start: number, count: number, mark: string) => {
    for (let k = start; k < start + Math.min(count, 12); k++) line(mark, k, from[k]);
    if (count > 12) out.push(`${mark} … ${count - 12} more line(s)`);
  };
  cap(e, i, de, '-');
  cap(a, i, da, '+');
  for (let k = i + de; k < Math.min(e.length, i + de + context); k++) line(' ', k, e[k]);
  return out.join('\n');
}

/** Build a copy of a fixture (for tests that edit files or add symlinks). */
export async function copyFixture(
  from: string,
): Promise<{ root: string; cleanup: () => Promise<void> }> {
  const src = path.isAbsolute(from) ? from : path.join(SITES, from);
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'colophon-site-'));
  const root = path.join(tmp, 'site');
  await cp(src, root, { recursive: true, filter: (s) => !/[\\/]expected[^\\/]*$/.test(s) });
  return { root, cleanup: () => rm(tmp, { recursive: true, force: true }) };
}

/** Replace `from` with `to` in a file; throws when `from` is not there (the edit would be a no-op). */
export async function editFile(file: string, from: string, to: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} does not contain ${JSON.stringify(from)}`);
  await writeFile(file, text.replace(from, to));
}
