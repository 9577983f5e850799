import { Worker } from 'node:worker_threads';
import { workerScript } from '../../util/worker-script.js';
import type { Entry } from '../../content/index.js';
import type { WireBody } from './body-cache.js';
import type { LinkEnv } from './links.js';
import type { WorkerInit, WorkerMessage, WorkerReply } from './worker.js';

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

/**
 * How long one body may take to render before its worker is stopped, in ms. The pre-parse bound
 * (markdown/complexity.ts) keeps every shape we know of to about a second; this is the backstop
 * for the shapes we do not know. A 1 MB body of dense prose (the default `markdown.maxBodySize`)
 * takes about 10 s on a busy 2-core machine, so 60 s leaves room for a loaded one.
 * `COLOPHON_MARKDOWN_TIME_LIMIT` (seconds) overrides it.
 */
export const bodyTimeLimitMs = (): number =>
  (Number(process.env.COLOPHON_MARKDOWN_TIME_LIMIT) || 60) * 1000;

/** How one body's render ended. */
export type BodyOutcome =
  | { kind: 'ok'; wire: WireBody }
  /** The worker's heap limit was reached: render it again where the heap is not capped. */
  | { kind: 'out-of-memory' }
  /** Over the time limit: the worker was stopped. */
  | { kind: 'too-slow'; ms: number };

type Pending = {
  /** The worker began rendering (its renderer is loaded): the time limit starts now. */
  start: () => void;
  settle: (o: BodyOutcome) => void;
  fail: (e: Error) => void;
  file: string;
};

/**
 * One Markdown worker thread: renders one body at a time, and is stopped (terminated, never to be
 * used again) when a body takes longer than its time limit. While it is idle it does not keep the
 * process alive, so a kept worker (serve's, between runs) never delays an exit.
 */
export class BodyWorker {
  private readonly w: Worker;
  private pending: Pending | undefined;
  private sentLinks: LinkEnv | undefined;
  /** Stopped, crashed or out of memory: a new worker takes its place. */
  dead = false;

  constructor(init: WorkerInit, capped = true) {
    this.w = new Worker(workerScript('pipeline/markdown/worker.js'), {
      workerData: init,
      // A capped old generation makes the worker collect its garbage instead of growing
      // (measured at 1,000 posts, peak RSS 1,030 MB -> 680 MB at the same speed).
      ...(capped
        ? {
            resourceLimits: {
              maxOldGenerationSizeMb: workerHeapMb(),
              maxYoungGenerationSizeMb: workerYoungMb(),
            },
          }
        : {}),
    });
    this.w.unref();
    this.w.on('message', (m: WorkerReply) => {
      if (m.type === 'started') return this.pending?.start();
      const p = this.take();
      if (!p) return;
      if (m.ok) p.settle({ kind: 'ok', wire: m.result! });
      else p.fail(new Error(`Markdown worker failed on ${p.file}: ${m.error}`));
    });
    this.w.on('error', (e: Error & { code?: string }) => {
      this.dead = true;
      const p = this.take();
      if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') p?.settle({ kind: 'out-of-memory' });
      else p?.fail(e);
    });
    this.w.on('exit', (code) => {
      this.dead = true;
      this.take()?.fail(new Error(`Markdown worker exited (code ${code})`));
    });
  }

  /** Render one body with these links (sent again only when they are not the last ones sent). */
  render(entry: Entry, key: string, links: LinkEnv, limitMs: number): Promise<BodyOutcome> {
    if (this.dead) throw new Error('Markdown worker used after it stopped');
    if (this.sentLinks !== links) {
      this.w.postMessage(linksMessage(links));
      this.sentLinks = links;
    }
    const { kind, id, file, dir, body, bodyLine, bodyHash } = entry;
    const job = { id: 0, key, entry: { kind, id, file, dir, body, bodyLine, bodyHash } };
    return new Promise<BodyOutcome>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const start = () => {
        const started = performance.now();
        timer = setTimeout(() => {
          this.dead = true;
          this.take();
          void this.w.terminate();
          resolve({ kind: 'too-slow', ms: performance.now() - started });
        }, limitMs);
      };
      const done = () => clearTimeout(timer);
      this.pending = {
        file,
        start,
        settle: (o) => (done(), resolve(o)),
        fail: (e) => (done(), reject(e)),
      };
      this.w.ref();
      this.w.postMessage({ type: 'job', job } satisfies WorkerMessage);
    });
  }

  /** Start loading the worker's renderer now (serve: before the first edit needs it). */
  warm(): void {
    this.w.postMessage({ type: 'warm' } satisfies WorkerMessage);
  }

  terminate(): Promise<number> {
    this.dead = true;
    return this.w.terminate();
  }

  private take(): Pending | undefined {
    const p = this.pending;
    this.pending = undefined;
    this.w.unref();
    return p;
  }
}

function linksMessage(links: LinkEnv): WorkerMessage {
  return {
    type: 'links',
    byFile: [...links.graph.byFile],
    basePath: links.basePath,
    publicFiles: [...links.publicFiles],
    ...(links.images ? { images: [...links.images] } : {}),
  };
}
