/**
 * `serve` benchmark: first build, then edit-to-fresh-HTML latency for body and title edits.
 *
 *   npm run compile && node --import jiti/register bench/serve.ts [--posts 1000,4000] [--edits 20] [--json FILE]
 *
 * For each corpus size: writes the corpus (bench/corpus.ts) into bench/corpus-<n>/, starts the
 * real server (watcher, debounce, incremental session) on a free port with the on-disk cache
 * emptied, and then, one edit at a time, writes a post file and waits until the rebuild it causes
 * has written the new HTML into the session's output folder. Latency is measured from just before
 * the file write to the moment the new HTML is on disk (so it includes the watcher and its
 * debounce); the rebuild's own time (`ms` of the report) is shown beside it.
 *
 * Runs against lib/ (compiled output), like the CLI does.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeCorpus } from './corpus.js';
import { DEFAULT_IMAGES } from './images-corpus.js';

interface RebuildReport {
  ok: boolean;
  ms: number;
  rendered: number;
  changedUrls: string[];
}
interface RunningServer {
  port: number;
  session: { outDir: string };
  nextRebuild(): Promise<RebuildReport>;
  close(): Promise<void>;
}
type StartServer = (o: {
  root: string;
  host: string;
  port: number;
  drafts: boolean;
  future: boolean;
  debounceMs?: number;
}) => Promise<RunningServer>;

const here = path.dirname(fileURLToPath(import.meta.url));

export interface Stats {
  p50: number;
  p95: number;
  min: number;
  max: number;
}

export function stats(xs: number[]): Stats {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!;
  return { p50: q(0.5), p95: q(0.95), min: s[0]!, max: s[s.length - 1]! };
}

export interface ServeBenchResult {
  posts: number;
  firstBuildMs: number;
  pages: number;
  body: { latency: Stats; rebuild: Stats; rendered: Stats };
  title: { latency: Stats; rebuild: Stats; rendered: Stats };
}

/** Edit posts spread over the corpus (newest first, so feeds are involved too). */
function pickPosts(n: number, edits: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < edits; k++)
    out.push(n - 1 - Math.floor((k * (n - 1)) / Math.max(1, edits - 1)));
  return out;
}

export async function benchServe(
  n: number,
  edits: number,
  log: (s: string) => void = console.log,
  images = DEFAULT_IMAGES,
): Promise<ServeBenchResult> {
  const { startServer } = (await import(path.join(here, '../lib/dev/index.js'))) as {
    startServer: StartServer;
  };
  const dir = path.join(here, `corpus-${n}`);
  const info = await writeCorpus(dir, n, 'defaults', images);
  await rm(path.join(dir, '.cache'), { recursive: true, force: true });

  const t0 = performance.now();
  const server = await startServer({
    root: dir,
    host: '127.0.0.1',
    port: 0,
    drafts: false,
    future: false,
  });
  const firstBuildMs = performance.now() - t0;
  const out = server.session.outDir;
  const pages = await countHtml(out);
  log(`${n} posts: first build (cold cache) ${Math.round(firstBuildMs)} ms, ${pages} HTML pages`);

  const run = async (kind: 'body' | 'title') => {
    const latency: number[] = [];
    const rebuild: number[] = [];
    const rendered: number[] = [];
    for (const [k, i] of pickPosts(n, edits).entries()) {
      const rel = info.postFiles[i]!;
      const abs = path.join(dir, rel);
      const slug = path.basename(rel, '.md');
      const marker = `${kind}edit${k}x${Date.now().toString(36)}`;
      const src = await readFile(abs, 'utf8');
      const next =
        kind === 'body'
          ? src.replace(
              /\n\n([^\n]*)\n$/,
              (_m, last: string) => `\n\n${last} A sentence about ${marker} was added.\n`,
            )
          : src.replace(
              /^title: "(.*)"$/m,
              (_m, t: string) => `title: "${t.replace(/ \[[^\]]*\]$/, '')} [${marker}]"`,
            );
      if (next === src) throw new Error(`edit of ${rel} changed nothing`);
      const done = server.nextRebuild();
      const start = performance.now();
      await writeFile(abs, next);
      const r = await done;
      const html = await readFile(path.join(out, 'posts', slug, 'index.html'), 'utf8');
      const end = performance.now();
      if (!r.ok || !html.includes(marker))
        throw new Error(`rebuild after editing ${rel} did not produce the new HTML`);
      latency.push(end - start);
      rebuild.push(r.ms);
      rendered.push(r.rendered);
      // Let the watcher settle between edits (editors do not save 20 files per second).
      await new Promise((res) => setTimeout(res, 50));
    }
    return { latency: stats(latency), rebuild: stats(rebuild), rendered: stats(rendered) };
  };
  const body = await run('body');
  log(
    `${n} posts: body edit  write→HTML p50 ${fmt(body.latency.p50)} p95 ${fmt(body.latency.p95)} · rebuild p50 ${fmt(body.rebuild.p50)} · pages rendered p50 ${body.rendered.p50}`,
  );
  const title = await run('title');
  log(
    `${n} posts: title edit write→HTML p50 ${fmt(title.latency.p50)} p95 ${fmt(title.latency.p95)} · rebuild p50 ${fmt(title.rebuild.p50)} · pages rendered p50 ${title.rendered.p50}`,
  );
  await server.close();
  return { posts: n, firstBuildMs, pages, body, title };
}

const fmt = (ms: number) => `${Math.round(ms)} ms`;

async function countHtml(dir: string): Promise<number> {
  const { readdir } = await import('node:fs/promises');
  const list = await readdir(dir, { recursive: true });
  return list.filter((f) => f.endsWith('.html')).length;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      posts: { type: 'string', default: '1000,4000' },
      edits: { type: 'string', default: '20' },
      json: { type: 'string' },
    },
  });
  const sizes = values.posts.split(',').map(Number);
  const results: ServeBenchResult[] = [];
  for (const n of sizes) results.push(await benchServe(n, Number(values.edits)));
  if (values.json) await writeFile(values.json, JSON.stringify(results, null, 2) + '\n');
}
