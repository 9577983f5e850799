import { Worker } from 'node:worker_threads';
import { workerScript } from '../../util/worker-script.js';
import type { DiagramAnswer, DiagramJob } from './diagram-worker.js';

export type DiagramKind = DiagramJob['kind'];

/**
 * The font both renderers lay text out for: Helvetica metrics (Arial and Liberation Sans share
 * them). The page's system-ui can be far wider (DejaVu Sans on Linux) and would overflow boxes.
 */
export const DIAGRAM_FONT = 'Helvetica,Arial,sans-serif';

export type DrawResult =
  | { kind: 'ok'; svg: string }
  /** The renderer rejected the source; its own message. */
  | { kind: 'error'; message: string }
  /** Over the time or memory limit: the worker was stopped. */
  | { kind: 'too-complex'; reason: string };

/**
 * Layout time allowed per diagram, the first one's engine loading included (about 0.2-0.6 s).
 * Real diagrams take milliseconds to a few hundred; this is a backstop against pathological
 * input, so a machine's load can only decide the outcome for a diagram that is hopeless anyway.
 */
export const DIAGRAM_TIME_LIMIT_MS = 10_000;
/** Heap of the diagram thread: Graphviz's WASM memory and ELK's layout graphs live there. */
const HEAP_MB = 256;

/**
 * Draws diagrams on one worker thread, started by the first diagram and shared by every render
 * in this thread (the build's Markdown workers each have their own). Diagrams are drawn one at a
 * time, so the time limit measures the diagram itself, not a queue. A diagram over the limit
 * stops the thread; the next one starts a fresh thread. An idle thread never keeps the process
 * alive.
 */
export class DiagramEngine {
  private worker: Worker | undefined;
  private nextId = 0;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly timeLimitMs = DIAGRAM_TIME_LIMIT_MS) {}

  draw(kind: DiagramKind, source: string): Promise<DrawResult> {
    const run = this.queue.then(() => this.run({ id: this.nextId++, kind, source }));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Whether the thread is up (it starts with the first diagram that is not cached). */
  get running(): boolean {
    return this.worker !== undefined;
  }

  /** Stops the thread (tests; the process never has to). */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(workerScript('markdown/plugins/diagram-worker.js'), {
      resourceLimits: { maxOldGenerationSizeMb: HEAP_MB },
    });
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private run(job: DiagramJob): Promise<DrawResult> {
    const worker = this.start();
    return new Promise((resolve) => {
      const finish = (result: DrawResult, stop: boolean) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        worker.unref();
        if (stop && this.worker === worker) {
          this.worker = undefined;
          void worker.terminate();
        }
        resolve(result);
      };
      const onMessage = (answer: DiagramAnswer) => {
        if (answer.id !== job.id) return;
        finish(
          answer.ok ? { kind: 'ok', svg: answer.svg } : { kind: 'error', message: answer.message },
          false,
        );
      };
      const onError = (e: Error & { code?: string }) =>
        finish(
          {
            kind: 'too-complex',
            reason:
              e.code === 'ERR_WORKER_OUT_OF_MEMORY'
                ? `it needs more than ${HEAP_MB} MB to lay out`
                : `the renderer failed: ${e.message}`,
          },
          true,
        );
      const onExit = () =>
        finish({ kind: 'too-complex', reason: 'the renderer stopped unexpectedly' }, true);
      const timer = setTimeout(
        () =>
          finish(
            {
              kind: 'too-complex',
              reason: `its layout takes more than ${this.timeLimitMs / 1000} s`,
            },
            true,
          ),
        this.timeLimitMs,
      );
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      // Held only while a diagram is being drawn: the render awaiting it needs the answer.
      worker.ref();
      worker.postMessage(job);
    });
  }
}

let shared: DiagramEngine | undefined;

/** The engine of this thread, created (not started) on first use. */
export function sharedDiagramEngine(): DiagramEngine {
  return (shared ??= new DiagramEngine());
}
