import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { workerScript } from '../../util/worker-script.js';
import type { Entry } from '../../content/index.js';
import type { SiteGraph } from '../../graph/index.js';
import type { WireBody } from './body-cache.js';
import type { ImageAnswer } from '../../images/store.js';
import type { WorkerInit, WorkerMessage } from './worker.js';

/** Below this many bodies to render, starting workers costs more than it saves. */
export const POOL_THRESHOLD = 64;
/**
 * Old-generation limit of a worker's heap in MB (a renderer with its grammars is ~100 MB);
 * `COLOPHON_WORKER_HEAP_MB` overrides it.
 */
export const workerHeapMb = (): number => Number(process.env.COLOPHON_WORKER_HEAP_MB) || 256;
/**
 * Young-generation size of a worker's heap in MB; `COLOPHON_WORKER_YOUNG_MB` overrides it. Parsing
 * and highlighting allocate millions of short-lived nodes, and with V8's default (~16 MB semi
 * spaces) scavenges took a fifth of a worker's time.
 */
export const workerYoungMb = (): number => Number(process.env.COLOPHON_WORKER_YOUNG_MB) || 96;

export function poolSize(): number {
  const env = Number(process.env.COLOPHON_WORKERS);
  if (Number.isInteger(env) && env >= 0) return env;
  return Math.max(0, Math.min(8, os.availableParallelism()));
}

/** What workers resolve links and images against (the graph's file table, not the graph). */
export interface PoolLinks {
  graph: Pick<SiteGraph, 'byFile'>;
  basePath: string;
  publicFiles: ReadonlySet<string>;
  images?: ReadonlyMap<string, ImageAnswer>;
}

/**
 * Render bodies on worker threads, one renderer (and highlighter) per worker. Results are keyed by
 * entry, so the order in which workers finish never changes the output. An entry without a result
 * (its worker ran out of memory) is the caller's to render on the main thread.
 */
export async function renderInPool(
  entries: readonly Entry[],
  links: PoolLinks,
  init: WorkerInit,
  size: number,
  keyOf: (e: Entry) => string,
): Promise<Map<Entry, WireBody>> {
  const out = new Map<Entry, WireBody>();
  const workers = Array.from({ length: Math.min(size, entries.length) }, () => startWorker(init));
  const message: WorkerMessage = {
    type: 'links',
    byFile: [...links.graph.byFile],
    basePath: links.basePath,
    publicFiles: [...links.publicFiles],
    ...(links.images ? { images: [...links.images] } : {}),
  };
  let next = 0;
  const take = () => (next < entries.length ? next++ : undefined);
  try {
    await Promise.all(
      workers.map((w) => {
        w.postMessage(message);
        return drive(w, entries, take, keyOf, out);
      }),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return out;
}

/**
 * A worker with a capped old generation: it collects its garbage instead of growing (measured at
 * 1,000 posts, peak RSS 1,030 MB -> 680 MB at the same speed). A body that needs more is rendered
 * on the main thread instead (see `drive` and the caller).
 */
function startWorker(init: WorkerInit): Worker {
  return new Worker(workerScript('pipeline/markdown/worker.js'), {
    workerData: init,
    resourceLimits: {
      maxOldGenerationSizeMb: workerHeapMb(),
      maxYoungGenerationSizeMb: workerYoungMb(),
    },
  });
}

/** Feed one worker entries (`take` hands out the next index) until none is left. */
function drive(
  w: Worker,
  entries: readonly Entry[],
  take: () => number | undefined,
  keyOf: (e: Entry) => string,
  out: Map<Entry, WireBody>,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const send = () => {
      const i = take();
      if (i === undefined) return resolve();
      const e = entries[i]!;
      const { kind, id, file, dir, body, bodyLine, bodyHash } = e;
      const entry = { kind, id, file, dir, body, bodyLine, bodyHash };
      w.postMessage({ type: 'job', job: { id: i, key: keyOf(e), entry } } satisfies WorkerMessage);
    };
    w.on('message', (m: { id: number; ok: boolean; result?: WireBody; error?: string }) => {
      if (!m.ok)
        return reject(new Error(`Markdown worker failed on ${entries[m.id]?.file}: ${m.error}`));
      out.set(entries[m.id]!, m.result!);
      send();
    });
    w.on('error', (e: Error & { code?: string }) => {
      // Out of memory: this worker retires; its body is left for the main thread.
      if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') return resolve();
      reject(e);
    });
    send();
  });
}
