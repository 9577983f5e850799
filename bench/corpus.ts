/**
 * A deterministic corpus of long technical posts for benchmarks: `writeCorpus(dir, n)` writes a
 * complete Colophon site (config, posts, series, topics) into `dir`. Same `n`, same bytes, on every
 * machine: a seeded PRNG, no clock.
 *
 * Each post has ~1,500 words in h2/h3 sections, a bulleted and a numbered list, a table, three
 * code blocks (10–40 lines, varied languages) and a relative link to an older post. Posts carry
 * 2–4 of 30 topics; a third of them are parts of 20 series.
 *
 * CLI (from the repository root):
 *   node --import jiti/register bench/corpus.ts <dir> <n> [defaults|off]
 * e.g. `node --import jiti/register bench/corpus.ts bench/corpus-1000 1000` (bench/corpus-* is
 * git-ignored).
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { placeImages, withImages, writeImages } from './images-corpus.js';
import { rng } from './random.js';

export interface CorpusInfo {
  dir: string;
  posts: number;
  series: number;
  topics: number;
  /** Project-relative paths of every post, oldest first. */
  postFiles: string[];
}

export const TOPICS = [
  'linux',
  'networking',
  'storage',
  'databases',
  'rust',
  'go',
  'python',
  'typescript',
  'kernel',
  'ebpf',
  'performance',
  'observability',
  'tracing',
  'profiling',
  'distributed-systems',
  'consensus',
  'compilers',
  'wasm',
  'security',
  'cryptography',
  'containers',
  'kubernetes',
  'ci',
  'testing',
  'memory',
  'concurrency',
  'io-uring',
  'filesystems',
  'caching',
  'queues',
] as const;

const SERIES = 20;

const WORDS = (
  'the a of to in and is that for it as with on be by this are at from or an which we when not but can each one all if its our every ' +
  'buffer socket kernel page cache write read latency throughput queue thread lock scheduler interrupt packet frame ring descriptor ' +
  'allocator arena heap stack pointer reference lifetime borrow trait generic closure iterator future runtime executor reactor poll ' +
  'epoll syscall context switch branch predictor pipeline vector register instruction cycle nanosecond microsecond millisecond ' +
  'checksum fsync journal log segment compaction memtable index bloom filter partition replica leader follower quorum term vote ' +
  'snapshot offset cursor batch flush backpressure window congestion retransmit handshake certificate cipher nonce key signature ' +
  'container namespace cgroup volume mount overlay image layer manifest registry probe sampler histogram percentile counter gauge ' +
  'span trace metric exporter collector budget tail outlier regression benchmark baseline profile flame graph hot path cold start'
).split(' ');

const LANGS: { lang: string; line: (r: () => number, i: number) => string }[] = [
  {
    lang: 'rust',
    line: (r, i) =>
      i % 7 === 0
        ? `fn step_${i}(buf: &mut Vec<u8>) -> Result<usize, Error> {`
        : i % 7 === 6
          ? '}'
          : `    let v${i} = buf.len().wrapping_mul(${Math.floor(r() * 1000)}); // ${word(r)} ${word(r)}`,
  },
  {
    lang: 'go',
    line: (r, i) =>
      i % 6 === 0
        ? `func handle${i}(ctx context.Context, q *Queue) error {`
        : i % 6 === 5
          ? '}'
          : `\tn${i} := q.Len() * ${Math.floor(r() * 100)} // ${word(r)}`,
  },
  {
    lang: 'python',
    line: (r, i) =>
      i % 5 === 0
        ? `def sample_${i}(events, window=${Math.floor(r() * 60)}):`
        : `    total_${i} = sum(e.${word(r)} for e in events if e.size > ${Math.floor(r() * 4096)})`,
  },
  {
    lang: 'typescript',
    line: (r, i) =>
      i % 6 === 0
        ? `export function batch${i}(items: readonly Item[]): number {`
        : i % 6 === 5
          ? '}'
          : `  const ${word(r)}${i} = items.filter((x) => x.weight > ${Math.floor(r() * 50)}).length;`,
  },
  {
    lang: 'c',
    line: (r, i) =>
      i % 6 === 0
        ? `static int ring_${i}(struct ring *r, size_t n) {`
        : i % 6 === 5
          ? '}'
          : `    r->head = (r->head + ${Math.floor(r() * 64)}) & r->mask; /* ${word(r)} */`,
  },
  {
    lang: 'sql',
    line: (r, i) =>
      i % 4 === 0
        ? `SELECT ${word(r)}_id, count(*) FROM events_${i}`
        : i % 4 === 3
          ? `ORDER BY 2 DESC LIMIT ${Math.floor(r() * 100) + 1};`
          : `  WHERE latency_us > ${Math.floor(r() * 10000)} AND kind = '${word(r)}'`,
  },
  {
    lang: 'bash',
    line: (r, i) =>
      `perf record -F ${Math.floor(r() * 999) + 1} -g -- ./bench --${word(r)} ${i} | tee out-${i}.txt`,
  },
  {
    lang: 'yaml',
    line: (r, i) => (i % 4 === 0 ? `${word(r)}_${i}:` : `  ${word(r)}: ${Math.floor(r() * 1000)}`),
  },
];

const cap = (w: string) => w[0]!.toUpperCase() + w.slice(1);

function word(r: () => number): string {
  return WORDS[Math.floor(r() * WORDS.length)]!;
}

function sentence(r: () => number): string {
  const n = 8 + Math.floor(r() * 14);
  const ws: string[] = [];
  for (let i = 0; i < n; i++) ws.push(word(r));
  if (r() < 0.2) ws[Math.floor(r() * n)] = '`' + word(r) + '_' + word(r) + '`';
  const s = ws.join(' ');
  return s[0]!.toUpperCase() + s.slice(1) + '.';
}

function paragraph(r: () => number, sentences: number): { text: string; words: number } {
  const ss: string[] = [];
  for (let i = 0; i < sentences; i++) ss.push(sentence(r));
  const text = ss.join(' ');
  return { text, words: text.split(/\s+/).length };
}

function codeBlock(r: () => number, k: number): string {
  const l = LANGS[k % LANGS.length]!;
  const lines = 10 + Math.floor(r() * 31);
  const out: string[] = [];
  for (let i = 0; i < lines; i++) out.push(l.line(r, i));
  return '```' + l.lang + '\n' + out.join('\n') + '\n```';
}

function title(r: () => number, i: number): string {
  const w = [word(r), word(r), word(r), word(r)].map(cap);
  return `${w[0]} ${w[1]} and the ${w[2]} ${w[3]} (${i + 1})`;
}

function isoDate(i: number): string {
  // Oldest first, one post every ~1.3 days from 2012-01-01: unique, stable dates.
  const d = new Date(
    Date.UTC(2012, 0, 1) + Math.floor(i * 1.3) * 86_400_000 + (i % 24) * 3_600_000,
  );
  return d.toISOString().slice(0, 10);
}

/** Slug of post i (0 = oldest). */
export const postSlug = (i: number) => `post-${String(i + 1).padStart(5, '0')}`;

/** The body of post i: deterministic, ~1,500 words. */
export function postBody(i: number, n: number): string {
  const r = rng(0x9e3779b9 ^ (i * 2654435761));
  const parts: string[] = [];
  let words = 0;
  const para = (s: number) => {
    const p = paragraph(r, s);
    words += p.words;
    parts.push(p.text);
  };
  para(4);
  para(3);
  parts.push('<!-- more -->');
  let codes = 0;
  const sections = 6;
  for (let s = 0; s < sections; s++) {
    parts.push(`## ${cap(word(r))} ${word(r)} ${s + 1}`);
    para(5);
    if (s === 1) {
      const items = Array.from({ length: 5 }, () => `- ${sentence(r)}`);
      parts.push(items.join('\n'));
      words += 60;
    }
    if (s === 2) {
      const rows = Array.from(
        { length: 6 },
        () =>
          `| ${word(r)} | ${Math.floor(r() * 1000)} µs | ${Math.floor(r() * 100)}% | ${word(r)} ${word(r)} |`,
      );
      parts.push(
        ['| Case | p50 | CPU | Notes |', '| --- | ---: | ---: | --- |', ...rows].join('\n'),
      );
      words += 30;
    }
    if (s === 3) {
      const items = Array.from({ length: 4 }, (_, k) => `${k + 1}. ${sentence(r)}`);
      parts.push(items.join('\n'));
      words += 50;
    }
    if (s === 1 || s === 3 || s === 5) {
      parts.push(codeBlock(r, i + codes * 3));
      codes++;
    }
    parts.push(`### ${cap(word(r))} ${word(r)} ${s + 1}.1`);
    para(5);
    para(4);
    if (s === 4 && i > 0) {
      const j = Math.floor(r() * i);
      parts.push(
        `This builds on [an earlier post](./${postSlug(j)}.md) about ${word(r)} and ${word(r)}.`,
      );
    }
  }
  while (words < 1450) para(4);
  void n;
  return parts.join('\n\n') + '\n';
}

export interface PostMeta {
  slug: string;
  title: string;
  date: string;
  topics: string[];
  series?: string;
  part?: number;
}

/** Front matter of every post, oldest first. A third of the posts (every third) are series parts. */
export function corpusMeta(n: number): PostMeta[] {
  const out: PostMeta[] = [];
  const partCount = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const r = rng(0x85ebca6b ^ (i * 40503));
    const k = 2 + Math.floor(r() * 3);
    const topics = new Set<string>();
    while (topics.size < k) topics.add(TOPICS[Math.floor(r() * TOPICS.length)]!);
    const m: PostMeta = {
      slug: postSlug(i),
      title: title(r, i),
      date: isoDate(i),
      topics: [...topics],
    };
    if (i % 3 === 0) {
      const s = (i / 3) % SERIES;
      const part = (partCount.get(s) ?? 0) + 1;
      partCount.set(s, part);
      m.series = seriesSlug(s);
      m.part = part;
    }
    out.push(m);
  }
  return out;
}

export const seriesSlug = (s: number) => `series-${String(s + 1).padStart(2, '0')}`;

/** The whole file of post i. */
export function postFile(m: PostMeta, body: string, cover?: string): string {
  const fm = [
    `title: ${JSON.stringify(m.title)}`,
    `date: ${m.date}`,
    `topics: [${m.topics.join(', ')}]`,
  ];
  if (cover) fm.push(`cover: ${cover}`);
  if (m.series) fm.push(`series: ${m.series}`, `part: ${m.part}`);
  return `---\n${fm.join('\n')}\n---\n\n${body}`;
}

/**
 * Which features the corpus's config turns on: 'defaults' is what `colophon init` writes (social
 * cards, search and responsive images on: what users run); 'off' turns those three off, like for
 * like with Hugo, Eleventy and Astro, which draw no Open Graph images and build no search index.
 */
export type CorpusFeatures = 'defaults' | 'off';

export function corpusConfig(n: number, features: CorpusFeatures): string {
  const off =
    features === 'off'
      ? `  socialCards: { enabled: false },\n  search: { enabled: false },\n  images: { enabled: false },\n`
      : '';
  return `export default {\n  title: 'Benchmark Corpus',\n  description: 'A generated corpus of ${n} long technical posts.',\n  baseUrl: 'https://bench.example/',\n  author: { name: 'Bench Writer' },\n  pagination: { pageSize: 10 },\n${off}};\n`;
}

/**
 * Write a complete site with `n` posts into `dir` (emptied first), with `images` images
 * (bench/images-corpus.ts) as covers and in bodies.
 */
export async function writeCorpus(
  dir: string,
  n: number,
  features: CorpusFeatures = 'defaults',
  images = 0,
): Promise<CorpusInfo> {
  const abs = path.resolve(dir);
  await rm(path.join(abs, 'content'), { recursive: true, force: true });
  const placed = placeImages(await writeImages(abs, images), n);
  for (const sub of ['content/posts', 'content/series', 'content/topics'])
    await mkdir(path.join(abs, sub), { recursive: true });
  await writeFile(path.join(abs, 'colophon.config.ts'), corpusConfig(n, features));
  const meta = corpusMeta(n);
  const seriesUsed = new Set(meta.flatMap((m) => (m.series ? [m.series] : [])));
  for (let s = 0; s < SERIES; s++) {
    const slug = seriesSlug(s);
    if (!seriesUsed.has(slug)) continue;
    const r = rng(0x27d4eb2f ^ s);
    await writeFile(
      path.join(abs, 'content/series', `${slug}.md`),
      `---\ntitle: "Series ${s + 1}: ${word(r)} ${word(r)}"\ndescription: "${sentence(r).replace(/[`"]/g, '')}"\nstatus: ongoing\n---\n\n${paragraph(r, 4).text}\n`,
    );
  }
  // Definitions for a third of the topics; the others get generated pages.
  for (let t = 0; t < TOPICS.length; t += 3) {
    const r = rng(0x165667b1 ^ t);
    await writeFile(
      path.join(abs, 'content/topics', `${TOPICS[t]}.md`),
      `---\ntitle: "${TOPICS[t]![0]!.toUpperCase()}${TOPICS[t]!.slice(1)}"\ndescription: "Posts about ${TOPICS[t]}."\n---\n\n${paragraph(r, 3).text}\n`,
    );
  }
  const postFiles: string[] = [];
  const batch = 64;
  for (let i = 0; i < n; i += batch) {
    await Promise.all(
      meta.slice(i, i + batch).map((m, k) => {
        const rel = `content/posts/${m.slug}.md`;
        postFiles.push(rel);
        const img = placed.get(i + k);
        const body = withImages(postBody(i + k, n), img?.inline ?? []);
        return writeFile(path.join(abs, rel), postFile(m, body, img?.cover));
      }),
    );
  }
  postFiles.sort();
  return { dir: abs, posts: n, series: seriesUsed.size, topics: TOPICS.length, postFiles };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir, count, features = 'defaults', imageCount] = process.argv.slice(2);
  const n = Number(count);
  if (!dir || !Number.isInteger(n) || n < 1 || (features !== 'defaults' && features !== 'off')) {
    console.error(
      'usage: node --import jiti/register bench/corpus.ts <dir> <posts> [defaults|off] [images]',
    );
    process.exit(2);
  }
  const t0 = performance.now();
  const info = await writeCorpus(dir, n, features, Number(imageCount ?? 0));
  console.log(
    `wrote ${info.posts} posts, ${info.series} series, ${info.topics} topics into ${info.dir} in ${Math.round(performance.now() - t0)}ms`,
  );
}
