/**
 * A markdown worker: loads the site's config itself (user plugins are functions and cannot be
 * sent between threads), builds its own renderer and highlighter once, then renders bodies sent
 * by the pool. Link resolution uses the same code as the main thread over a copy of the graph's
 * file table, so results are byte-identical to a single-threaded build.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadConfig, persistTransforms, type ConfigOverrides } from '../../config/index.js';
import { createMarkdownRenderer } from '../../markdown/renderer.js';
import type { DirectiveTemplates, MarkdownRenderer } from '../../markdown/types.js';
import type { FileTarget } from '../../graph/index.js';
import type { Entry } from '../../content/index.js';
import { createDirectiveRenderer } from '../../render/index.js';
import { createIncludeReader, type IncludeReader } from './includes.js';
import { renderFresh } from './bodies.js';
import { BodyCache, type WireBody } from './body-cache.js';
import type { ImageAnswer } from '../../images/store.js';
import { DiskCache } from '../../cache/disk-cache.js';
import { projectFileExists, renderContext, type LinkEnv } from './links.js';

export interface WorkerInit {
  root: string;
  overrides: ConfigOverrides;
  cache: boolean;
}

export interface WorkerJob {
  id: number;
  /** The body cache key the main thread looks this body up by. */
  key: string;
  entry: Pick<Entry, 'kind' | 'id' | 'file' | 'dir' | 'body' | 'bodyLine' | 'bodyHash'>;
}

export type WorkerMessage =
  | {
      type: 'links';
      byFile: [string, FileTarget][];
      basePath: string;
      publicFiles: string[];
      images?: [string, ImageAnswer][];
    }
  | { type: 'job'; job: WorkerJob }
  /** Load the renderer now, before a body needs it. */
  | { type: 'warm' };

/** `started` when a job's render begins (its time limit starts then), then its result. */
export type WorkerReply =
  { type: 'started' } | { type: 'done'; ok: boolean; result?: WireBody; error?: string };

const init = workerData as WorkerInit;
let md: MarkdownRenderer | undefined;
let env: LinkEnv | undefined;
let includes: IncludeReader | undefined;
let directives: DirectiveTemplates | undefined;
// The worker writes each body to the cache itself and sends back only its small record: the HTML
// is not copied to the main thread, which reads it back when (if) its page renders.
let bodies: BodyCache | undefined;

const ready = (async () => {
  const config = await loadConfig(init.root, init.overrides, { cache: init.cache });
  if (init.cache) persistTransforms();
  md = await createMarkdownRenderer({
    ...config.markdown,
    cache: new DiskCache<string>(init.cache ? config.cachePath : null, 'code'),
  });
  includes = createIncludeReader({ root: config.root, snippets: config.snippets });
  // templates/ as it is now; a template edited meanwhile changes the stamp the body cache
  // records, so the next build renders those bodies again.
  directives = await createDirectiveRenderer({
    siteTemplatesDir: config.templatesDir,
    projectRoot: config.root,
  });
  bodies = new BodyCache(init.cache ? config.cachePath : null);
})();

parentPort!.on('message', (msg: WorkerMessage) => {
  if (msg.type === 'links') {
    env = {
      graph: { byFile: new Map(msg.byFile) },
      basePath: msg.basePath,
      publicFiles: new Set(msg.publicFiles),
      exists: projectFileExists(init.root),
      ...(msg.images ? { images: new Map(msg.images) } : {}),
    };
    return;
  }
  if (msg.type === 'warm') return void ready.catch(() => undefined);
  const reply = (r: WorkerReply) => parentPort!.postMessage(r);
  void ready
    .then(async () => {
      reply({ type: 'started' });
      const entry = msg.job.entry as Entry;
      testSlowness(entry);
      const ctx = renderContext(entry, {
        ...env!,
        ...(includes ? { includes } : {}),
        ...(directives ? { directives } : {}),
      });
      const value = await renderFresh(entry, ctx, md!);
      const stored = bodies!.store(msg.job.key, value);
      const result: WireBody = stored ? { stored } : { inline: value };
      reply({ type: 'done', ok: true, result });
    })
    .catch((e: unknown) =>
      reply({
        type: 'done',
        ok: false,
        error: e instanceof Error ? (e.stack ?? e.message) : String(e),
      }),
    );
});

/**
 * Tests of the time limit need a body that is slow in a way no bound catches:
 * `COLOPHON_TEST_SLOW_MARKDOWN=<text>` makes a body containing <text> spin, as an unbounded parse
 * would (the thread does nothing else until it is terminated). It says so on stderr, so that a test
 * can send a signal while the worker is busy.
 */
function testSlowness(entry: Pick<Entry, 'file' | 'body'>): void {
  const marker = process.env.COLOPHON_TEST_SLOW_MARKDOWN;
  if (!marker || !entry.body.includes(marker)) return;
  process.stderr.write(`colophon test: rendering ${entry.file} without end\n`);
  for (;;) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
}
