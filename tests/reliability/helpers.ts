/**
 * Helpers for the reliability suite: throw-away projects written from a spec, tree hashes,
 * leftovers beside an output folder, and the real CLI (`node bin/colophon.js`, i.e. the compiled
 * lib/: run `npm run compile` after editing src/).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import {
  cp,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  readlink,
  rm,
  symlink,
  writeFile,
} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSite, type BuildOptions, type BuildResult } from '../../src/pipeline/index.js';
import type { Diagnostic } from '../../src/diagnostics/index.js';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const HOSTILE = path.join(REPO, 'tests/fixtures/hostile');
export const SITES = path.join(REPO, 'tests/fixtures/sites');
export const BIN = path.join(REPO, 'bin/colophon.js');

/** "Now" for every in-process build: posts after it are future. */
export const FIXED_NOW = new Date('2026-06-01T00:00:00Z');

/** Config of generated sites: search and social cards off (slow, and not what these tests test). */
export const FAST_CONFIG = {
  title: 'Reliability',
  baseUrl: 'https://rel.example/',
  search: { enabled: false },
  socialCards: { enabled: false },
};

export type FileSpec = string | Uint8Array | { symlink: string };

export interface Project {
  /** Temp folder holding the project (and anything a test puts beside it). */
  tmp: string;
  /** Project root: colophon.config.ts, content/, ... */
  root: string;
  /** Default output folder, `<root>/dist`. */
  out: string;
  cleanup(): Promise<void>;
}

const tmps = new Set<string>();

/** A fresh temp folder, removed by `cleanupAll` (call it in afterAll). */
export async function tempDir(prefix = 'colophon-rel-'): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  tmps.add(dir);
  return dir;
}

export async function cleanupAll(): Promise<void> {
  await Promise.all([...tmps].map((d) => rm(d, { recursive: true, force: true, maxRetries: 3 })));
  tmps.clear();
}

/** Write files (project-relative) under root; `{ symlink }` makes a symbolic link. */
export async function writeFiles(root: string, files: Record<string, FileSpec>): Promise<void> {
  for (const [rel, spec] of Object.entries(files)) {
    const abs = path.join(root, rel);
    await mkdir(path.dirname(abs), { recursive: true });
    if (typeof spec === 'object' && 'symlink' in spec) await symlink(spec.symlink, abs);
    else await writeFile(abs, spec);
  }
}

/**
 * A project in a new temp folder: `config` is an object (serialised; merged over FAST_CONFIG) or
 * the config file's full source text.
 */
export async function makeProject(
  files: Record<string, FileSpec>,
  config: Record<string, unknown> | string = {},
): Promise<Project> {
  const tmp = await tempDir();
  const root = path.join(tmp, 'site');
  await mkdir(root, { recursive: true });
  const source =
    typeof config === 'string'
      ? config
      : `export default ${JSON.stringify({ ...FAST_CONFIG, ...config }, null, 2)};\n`;
  await writeFile(path.join(root, 'colophon.config.ts'), source);
  await writeFiles(root, files);
  return {
    tmp,
    root,
    out: path.join(root, 'dist'),
    cleanup: () => rm(tmp, { recursive: true, force: true }),
  };
}

/** Copy a fixture folder into a new temp project (expected/ goldens left out). */
export async function copyProject(fixture: string): Promise<Project> {
  const tmp = await tempDir();
  const root = path.join(tmp, 'site');
  await cp(fixture, root, { recursive: true, filter: (src) => path.basename(src) !== 'expected' });
  return {
    tmp,
    root,
    out: path.join(root, 'dist'),
    cleanup: () => rm(tmp, { recursive: true, force: true }),
  };
}

/** Front matter + body. Values are written as YAML flow scalars via JSON (valid YAML 1.2). */
export function post(data: Record<string, unknown>, body = 'Hello.'): string {
  const lines = Object.entries(data).map(([k, v]) => `${k}: ${JSON.stringify(v)}`);
  return `---\n${lines.join('\n')}\n---\n\n${body}\n`;
}

/** `n` ordinary posts, `post-000.md` ... with one date per day from 2024-01-01. */
export function manyPosts(
  n: number,
  body = (i: number) =>
    `Post number ${i}, with *some* text and a [link](https://example.com/${i}).`,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < n; i++) {
    const date = new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    out[`content/posts/post-${String(i).padStart(3, '0')}.md`] = post(
      { title: `Post ${i}`, date, topics: [`topic-${i % 5}`] },
      body(i),
    );
  }
  return out;
}

/** In-process build with test defaults: no cache, no workers, fixed clock. */
export function build(root: string, options: Partial<BuildOptions> = {}): Promise<BuildResult> {
  return buildSite({ root, cache: false, workers: 0, now: FIXED_NOW, ...options });
}

export const errorsOf = (list: readonly Diagnostic[]) => list.filter((d) => d.severity === 'error');
export const warningsOf = (list: readonly Diagnostic[]) =>
  list.filter((d) => d.severity === 'warning');
export const rulesOf = (list: readonly Diagnostic[]) =>
  [...new Set(list.map((d) => d.rule))].sort();
/** `rule file:line:col` for assertions that read like the CLI's output. */
export const where = (d: Diagnostic) =>
  `${d.rule} ${d.span ? `${d.span.file}:${d.span.line}:${d.span.column}` : '-'}`;

/** Relative POSIX paths of every file (and symlink) under dir, sorted. */
export async function listTree(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string, prefix: string) => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      if (e.isDirectory()) await walk(path.join(d, e.name), `${prefix}${e.name}/`);
      else out.push(prefix + e.name);
    }
  };
  if (existsSync(dir)) await walk(dir, '');
  return out.sort();
}

/** sha256 over every path and its bytes (a symlink: its target), empty folders aside: equal trees, equal hashes. */
export async function hashTree(dir: string): Promise<string> {
  const h = createHash('sha256');
  for (const rel of await listTree(dir)) {
    const abs = path.join(dir, rel);
    h.update(`${rel}\0`);
    h.update(
      (await lstat(abs)).isSymbolicLink() ? `-> ${await readlink(abs)}` : await readFile(abs),
    );
    h.update('\0');
  }
  return h.digest('hex');
}

/** Files whose bytes differ between two trees (or that exist in one only): for failure messages. */
export async function treeDiff(a: string, b: string): Promise<string[]> {
  const [la, lb] = [await listTree(a), await listTree(b)];
  const all = [...new Set([...la, ...lb])].sort();
  const out: string[] = [];
  for (const rel of all) {
    const [x, y] = await Promise.all([
      readFile(path.join(a, rel)).catch(() => null),
      readFile(path.join(b, rel)).catch(() => null),
    ]);
    if (!x || !y || Buffer.compare(x, y) !== 0) out.push(rel);
  }
  return out;
}

/** Staging folders and lock files a build leaves beside its output folder (there should be none). */
export async function leftovers(outDir: string): Promise<string[]> {
  const parent = path.dirname(outDir);
  if (!existsSync(parent)) return [];
  const mine = `.${path.basename(outDir)}.colophon-`;
  return (await readdir(parent)).filter((n) => n.startsWith(mine)).sort();
}

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * The CLI's `main` in this process, output captured: the same argv parsing, printing and exit
 * codes as `node bin/colophon.js`, without a process start (an exception here is what the binary
 * would report as a bug, exit code 3). Real processes are for signals, environment and locking.
 */
export async function cliInProcess(
  argv: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const { main } = await import('../../src/cli/main.js');
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    log: (l) => (stdout += `${l}\n`),
    err: (l) => (stderr += `${l}\n`),
    color: false,
    tty: false,
  });
  return { code, stdout, stderr };
}

/** Run the real CLI to completion. */
export function runCli(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<CliRun> {
  return finished(startCli(args, options));
}

/** Start the real CLI; `finished(child)` resolves when it exits. */
export function startCli(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): ChildProcess & { output: { stdout: string; stderr: string } } {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? REPO,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  }) as ChildProcess & { output: { stdout: string; stderr: string } };
  child.output = { stdout: '', stderr: '' };
  child.stdout!.on('data', (d: Buffer) => (child.output.stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (child.output.stderr += d.toString()));
  return child;
}

export function finished(
  child: ChildProcess & { output: { stdout: string; stderr: string } },
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve({ code: child.exitCode, signal: child.signalCode, ...child.output });
      return;
    }
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, ...child.output }));
  });
}

/** Poll until `check` returns true (or the time is up: returns false). */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  everyMs = 10,
): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return false;
}

/** Number of files under the staging folder(s) beside an output folder. */
export async function stagedFiles(outDir: string): Promise<number> {
  let n = 0;
  for (const name of await leftovers(outDir)) {
    if (!name.includes('.colophon-tmp-')) continue;
    n += (await listTree(path.join(path.dirname(outDir), name)).catch(() => [])).length;
  }
  return n;
}

/** Milliseconds a promise took, with its value. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - start };
}
