/**
 * `npm run bench`: build benchmarks on a deterministic synthetic corpus (bench/corpus.ts), with
 * the real CLI, plus the `serve` edit-latency benchmark (bench/serve.ts).
 *
 *   npm run bench -- [--posts 1000,4000] [--features defaults,off] [--images 100] [--edits 20]
 *                    [--single] [--no-serve] [--json FILE]
 *
 * The corpus has `--images` images (bench/images-corpus.ts) as covers and in bodies; the image
 * stage alone, and encoder settings, are measured by `npm run bench:images` (bench/images.ts).
 *
 * For each corpus size and feature set ('defaults': `colophon init`'s config, social cards,
 * search and responsive images on; 'off': those three off, like for like with generators that
 * have none of them): cold build (no cache), warm build (cache present, nothing changed), build
 * after one post changed, and a CI-like build (a fresh copy of the sources, so new mtimes and
 * inodes, with `.cache/` and the output restored, and one new post); peak RSS, pages written and
 * time per stage for each. With
 * `--single`, also a cold single-threaded build (COLOPHON_WORKERS=0), compared byte for byte with
 * the parallel build's output.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { corpusConfig, writeCorpus, type CorpusFeatures } from './corpus.js';
import { DEFAULT_IMAGES } from './images-corpus.js';
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
  cards?: { rendered: number; cached: number };
  search?: { shards: number; built: number; kept: number };
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

/** The corpus of `n` posts with `features` and `images` images (images already drawn are kept). */
async function corpusDir(n: number, features: CorpusFeatures, images: number): Promise<string> {
  const dir = path.join(repo, 'bench', features === 'defaults' ? `corpus-${n}` : `corpus-${n}-off`);
  const configFile = path.join(dir, 'colophon.config.ts');
  await writeCorpus(dir, n, features, images);
  const config = corpusConfig(n, features);
  if ((await readFile(configFile, 'utf8')) !== config) await writeFile(configFile, config);
  return dir;
}

/**
 * A CI run after one new post: a fresh checkout at the same path (caches are keyed by the output
 * folder's path, which a CI runner keeps), so every source file has a new mtime and inode;
 * `.cache/` and the output restored with their timestamps, as actions/cache restores them; one
 * post added. The corpus is put back afterwards.
 */
async function ciBuild(dir: string): Promise<Summary> {
  const orig = `${dir}-orig`;
  await rm(orig, { recursive: true, force: true });
  await rename(dir, orig);
  try {
    await cp(path.join(orig, 'content'), path.join(dir, 'content'), { recursive: true });
    await cp(path.join(orig, 'colophon.config.ts'), path.join(dir, 'colophon.config.ts'));
    // As actions/cache does: a POSIX tar keeps mtimes to the nanosecond.
    const tar = `tar --posix -C "${orig}" -cf - .cache dist | tar -C "${dir}" -xf -`;
    if (spawnSync('sh', ['-c', tar]).status !== 0) throw new Error('tar failed');
    const first = path.join(orig, 'content', 'posts', 'post-00001.md');
    const post = (await readFile(first, 'utf8'))
      .replace(/^title: .*$/m, 'title: "A new post"')
      .replace(/^(series|part): .*\n/gm, '');
    await writeFile(path.join(dir, 'content', 'posts', 'zz-new-post.md'), post);
    return build(dir, path.join(dir, 'dist'));
  } finally {
    await rm(dir, { recursive: true, force: true });
    await rename(orig, dir);
  }
}

async function benchBuild(n: number, features: CorpusFeatures, single: boolean, images: number) {
  const dir = await corpusDir(n, features, images);
  const out = path.join(dir, 'dist');
  await rm(path.join(dir, '.cache'), { recursive: true, force: true });
  await rm(out, { recursive: true, force: true });
  console.log(`\n== ${n} posts, features ${features} · load ${os.loadavg()[0]!.toFixed(2)}`);
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
  build(dir, out); // back to the corpus as written, so the CI run starts from its cache
  const ci = await ciBuild(dir);
  console.log(`ci     ${fmt(ci)}`);
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
  return { posts: n, features, cold, warm, edited, ci, singleThreaded, identical };
}

const fmt = (s: Summary) =>
  `${(s.wallMs / 1000).toFixed(1).padStart(6)} s wall · ${String(s.pages).padStart(5)} pages · ${s.rendered} rendered · ${s.bodiesRendered} bodies rendered${s.cards ? ` · ${s.cards.rendered} cards drawn` : ''}${s.search ? ` · ${s.search.built}/${s.search.shards} search parts built` : ''} · peak RSS ${s.maxRssMB} MB · ${Object.entries(
    s.stages,
  )
    .map(([k, v]) => `${k} ${(v / 1000).toFixed(2)}s`)
    .join(' ')}`;

async function main() {
  const { values } = parseArgs({
    options: {
      posts: { type: 'string', default: '1000' },
      features: { type: 'string', default: 'defaults,off' },
      edits: { type: 'string', default: '20' },
      single: { type: 'boolean', default: false },
      'no-serve': { type: 'boolean', default: false },
      json: { type: 'string' },
      images: { type: 'string', default: String(DEFAULT_IMAGES) },
    },
  });
  const sizes = values.posts.split(',').map(Number);
  console.log(
    `Colophon benchmark · ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}) · ${Math.round(os.totalmem() / 2 ** 30)} GiB · Node ${process.version}`,
  );
  execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repo, stdio: 'ignore' });
  const featureSets = values.features.split(',') as CorpusFeatures[];
  if (featureSets.some((f) => f !== 'defaults' && f !== 'off'))
    throw new Error(`--features takes defaults, off or both, not ${values.features}`);
  const builds = [];
  for (const n of sizes)
    for (const f of featureSets)
      builds.push(await benchBuild(n, f, values.single, Number(values.images)));
  const first = builds.filter((b) => b.features === featureSets[0]);
  if (first.length > 1) {
    const [a, b] = [first[0]!, first[first.length - 1]!];
    console.log(
      `\ncold-build growth ${b.posts / a.posts}x posts -> ${(b.cold.wallMs / a.cold.wallMs).toFixed(2)}x time`,
    );
  }
  const serve: ServeBenchResult[] = [];
  if (!values['no-serve']) {
    for (const n of sizes)
      serve.push(await benchServe(n, Number(values.edits), console.log, Number(values.images)));
  }
  if (values.json)
    await writeFile(
      values.json,
      JSON.stringify({ cores: os.cpus().length, node: process.version, builds, serve }, null, 2) +
        '\n',
    );
}

await main();
