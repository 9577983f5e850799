/**
 * `npm run bench`: build benchmarks on a deterministic synthetic corpus (bench/corpus.ts), with
 * the real CLI, plus the `serve` edit-latency benchmark (bench/serve.ts).
 *
 *   npm run bench -- [--posts 1000,4000] [--edits 20] [--single] [--no-serve] [--json FILE]
 *
 * For each corpus size: cold build (no cache), warm build (cache present, nothing changed),
 * build after one post changed; peak RSS, pages written and time per stage for each. With
 * `--single`, also a cold single-threaded build (COLOPHON_WORKERS=0), compared byte for byte with
 * the parallel build's output.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeCorpus } from './corpus.js';
import { benchServe, type ServeBenchResult } from './serve.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(repo, 'bin', 'colophon.js');

interface Summary {
  pages: number;
  rendered: number;
  reused: number;
  written: number;
  unchanged: number;
  bodiesRendered: number;
  bodiesCached: number;
  totalMs: number;
  wallMs: number;
  stages: Record<string, number>;
  maxRssMB: number;
}

function build(root: string, out: string, env: Record<string, string> = {}): Summary {
  const start = performance.now();
  const r = spawnSync(process.execPath, [cli, 'build', '--root', root, '--out', out, '--json'], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 1 << 26,
  });
  const wallMs = Math.round(performance.now() - start);
  if (r.status !== 0) throw new Error(`build failed (${r.status}):\n${r.stderr.slice(0, 4000)}`);
  const line = r.stdout.trim().split('\n').pop()!;
  return { ...(JSON.parse(line) as Omit<Summary, 'wallMs'>), wallMs };
}

function sameTree(a: string, b: string): boolean {
  const r = spawnSync('diff', ['-rq', a, b], { encoding: 'utf8' });
  return r.status === 0;
}

async function benchBuild(n: number, single: boolean) {
  const dir = path.join(repo, 'bench', `corpus-${n}`);
  if (!existsSync(path.join(dir, 'colophon.config.ts'))) await writeCorpus(dir, n);
  const out = path.join(dir, 'dist');
  await rm(path.join(dir, '.cache'), { recursive: true, force: true });
  await rm(out, { recursive: true, force: true });
  console.log(`\n== ${n} posts`);
  const cold = build(dir, out);
  console.log(`cold   ${fmt(cold)}`);
  const warm = build(dir, out);
  console.log(`warm   ${fmt(warm)}`);
  const victim = path.join(dir, 'content', 'posts', 'post-00001.md');
  const original = await readFile(victim, 'utf8');
  await writeFile(victim, original + '\n\nOne more paragraph, added by the benchmark.\n');
  const edited = build(dir, out);
  await writeFile(victim, original);
  console.log(`edit   ${fmt(edited)}`);
  let singleThreaded: Summary | undefined;
  let identical: boolean | undefined;
  if (single) {
    const out1 = path.join(dir, 'dist-single');
    await rm(path.join(dir, '.cache'), { recursive: true, force: true });
    await rm(out1, { recursive: true, force: true });
    build(dir, out); // parallel, cold, on the restored file
    await rm(path.join(dir, '.cache'), { recursive: true, force: true });
    singleThreaded = build(dir, out1, { COLOPHON_WORKERS: '0' });
    identical = sameTree(out, out1);
    console.log(
      `single ${fmt(singleThreaded)} · output ${identical ? 'byte-identical' : 'DIFFERS'} to the parallel build`,
    );
  }
  return { posts: n, cold, warm, edited, singleThreaded, identical };
}

const fmt = (s: Summary) =>
  `${(s.wallMs / 1000).toFixed(1).padStart(6)} s wall · ${String(s.pages).padStart(5)} pages · ${s.rendered} rendered · ${s.bodiesRendered} bodies rendered · peak RSS ${s.maxRssMB} MB · ${Object.entries(
    s.stages,
  )
    .map(([k, v]) => `${k} ${(v / 1000).toFixed(2)}s`)
    .join(' ')}`;

async function main() {
  const { values } = parseArgs({
    options: {
      posts: { type: 'string', default: '1000' },
      edits: { type: 'string', default: '20' },
      single: { type: 'boolean', default: false },
      'no-serve': { type: 'boolean', default: false },
      json: { type: 'string' },
    },
  });
  const sizes = values.posts.split(',').map(Number);
  console.log(
    `Colophon benchmark · ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}) · ${Math.round(os.totalmem() / 2 ** 30)} GiB · Node ${process.version}`,
  );
  execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repo, stdio: 'ignore' });
  const builds = [];
  for (const n of sizes) builds.push(await benchBuild(n, values.single));
  if (builds.length > 1) {
    const [a, b] = [builds[0]!, builds[builds.length - 1]!];
    console.log(
      `\ncold-build growth ${b.posts / a.posts}x posts -> ${(b.cold.wallMs / a.cold.wallMs).toFixed(2)}x time`,
    );
  }
  const serve: ServeBenchResult[] = [];
  if (!values['no-serve']) {
    for (const n of sizes) serve.push(await benchServe(n, Number(values.edits)));
  }
  if (values.json)
    await writeFile(
      values.json,
      JSON.stringify({ cores: os.cpus().length, node: process.version, builds, serve }, null, 2) +
        '\n',
    );
}

await main();
